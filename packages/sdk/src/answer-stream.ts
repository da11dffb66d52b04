import { AvatarAdamError } from './errors.ts'
import type { ChatDelta, ChatDone, ChatSendResult } from './protocol.ts'

/**
 * One answer as it arrives: iterate it for the deltas, or await it for the finished message.
 *
 * @example
 * ```ts
 * const answer = client.ask('Do you have any SUVs under $30,000?')
 * for await (const delta of answer) process.stdout.write(delta.text)
 * const { citations } = await answer
 * ```
 */
export class AnswerStream implements AsyncIterable<ChatDelta>, PromiseLike<ChatDone> {
  /** The client's id of the visitor message; sending it again never duplicates it. */
  readonly clientMessageId: string
  /** Resolves when the server has stored the visitor message. */
  readonly sent: Promise<ChatSendResult>
  /** What the iterator yields: in order, without gaps or repeats. */
  #deltas: ChatDelta[] = []
  /** All the text yielded so far. */
  #shown = ''
  /** The answer being streamed now (a new one starts if a crash lost the first). */
  #current: string | undefined
  /** Its text so far, and the index of its next delta. */
  #currentText = ''
  #next = 0
  /** Deltas that arrived ahead of a missing one, waiting for it (or for the whole message). */
  #held = new Map<number, ChatDelta>()
  #wake: (() => void)[] = []
  #done: ChatDone | undefined
  #error: AvatarAdamError | undefined
  #result: Promise<ChatDone>
  #settle!: { resolve: (d: ChatDone) => void; reject: (e: AvatarAdamError) => void }
  #acked!: { resolve: (r: ChatSendResult) => void; reject: (e: AvatarAdamError) => void }

  constructor(clientMessageId: string) {
    this.clientMessageId = clientMessageId
    this.#result = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject }
    })
    this.sent = new Promise((resolve, reject) => {
      this.#acked = { resolve, reject }
    })
    // Callers that only iterate, or only await, must not see an unhandled rejection.
    this.#result.catch(() => {})
    this.sent.catch(() => {})
  }

  /**
   * The text of the answer so far. If a server crash lost the answer mid-way it is asked again,
   * and the new answer streams under a new `messageId`: this is the text of the latest one.
   */
  get text(): string {
    return this.#done?.text ?? this.#currentText
  }

  /**
   * The id of the answer's message, from its first delta on. If a server crash lost the answer and
   * it was asked again, the id of the new one.
   */
  get messageId(): string | undefined {
    return this.#done?.messageId ?? this.#current
  }

  /** @internal */
  _ack(result: ChatSendResult): void {
    this.#acked.resolve(result)
  }

  /**
   * @internal Deltas are passed on in index order: a repeat (after a reconnect) is dropped, and
   * one that arrives after a gap waits until the gap is filled, or until the finished message
   * fills it.
   */
  _delta(delta: ChatDelta): void {
    if (this.#done || this.#error) return
    if (delta.messageId !== this.#current) {
      // A new answer (the first, or one asked again after a crash lost the previous one).
      this.#current = delta.messageId
      this.#currentText = ''
      this.#next = 0
      this.#held.clear()
    }
    if (delta.index < this.#next) return
    this.#held.set(delta.index, delta)
    let ready = this.#held.get(this.#next)
    if (!ready) return
    while (ready) {
      this.#held.delete(this.#next)
      this.#next++
      if (ready.restart) {
        // The server's model failed midway and another answers: the text so far is void.
        this.#currentText = ready.text
        this.#shown = ''
      } else this.#currentText += ready.text
      this.#show(ready)
      ready = this.#held.get(this.#next)
    }
    this.#notify()
  }

  /**
   * Yields what the visitor has not seen yet; a delta with `restart: true` replaces all the text
   * before it. An answer asked again after a crash usually repeats
   * the lost one word for word: what was already shown is not shown twice. Once it says something
   * else, its whole text so far is passed on in one delta under its new `messageId`, so a reader
   * that starts over on a new `messageId` has all of it.
   */
  #show(delta: ChatDelta): void {
    const full = this.#currentText
    let fresh: string
    if (full.startsWith(this.#shown)) fresh = full.slice(this.#shown.length)
    else if (this.#shown.startsWith(full)) fresh = ''
    else {
      fresh = full
      this.#shown = ''
    }
    if (!fresh && !delta.restart) return
    this.#shown += fresh
    this.#deltas.push({ ...delta, text: fresh })
  }

  /** @internal */
  _done(done: ChatDone): void {
    if (this.#done || this.#error) return
    if (done.messageId !== this.#current) {
      this.#current = done.messageId
      this.#next = 0
    }
    // What never arrived as deltas (a reconnect lost some, or the answer came from history):
    // delivered now, as one last delta.
    this.#currentText = done.text
    this.#show({
      conversationId: done.conversationId,
      messageId: done.messageId,
      text: '',
      index: this.#next,
    })
    this.#held.clear()
    this.#done = done
    this.#settle.resolve(done)
    this.#notify()
  }

  /** @internal */
  _fail(error: AvatarAdamError): void {
    if (this.#done || this.#error) return
    this.#error = error
    this.#acked.reject(error)
    this.#settle.reject(error)
    this.#notify()
  }

  get settled(): boolean {
    return this.#done !== undefined || this.#error !== undefined
  }

  // biome-ignore lint/suspicious/noThenProperty: an answer is awaitable by design
  then<A = ChatDone, B = never>(
    onfulfilled?: ((value: ChatDone) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#result.then(onfulfilled, onrejected)
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ChatDelta> {
    let next = 0
    for (;;) {
      while (next < this.#deltas.length) yield this.#deltas[next++]!
      if (this.#error) throw this.#error
      if (this.#done) return
      await new Promise<void>((resolve) => this.#wake.push(resolve))
    }
  }

  #notify(): void {
    const wake = this.#wake
    this.#wake = []
    for (const w of wake) w()
  }
}

export const closedError = () =>
  new AvatarAdamError('closed', 'The client was closed before the answer arrived.')
