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
  #deltas: ChatDelta[] = []
  #seen = new Set<string>()
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
   * The text received so far. If a server crash lost the answer mid-way it is asked again, and a
   * new answer streams under a new `messageId`: this is the text of the latest one.
   */
  get text(): string {
    if (this.#done) return this.#done.text
    const latest = this.#deltas.at(-1)?.messageId
    return this.#deltas
      .filter((d) => d.messageId === latest)
      .map((d) => d.text)
      .join('')
  }

  /** @internal */
  _ack(result: ChatSendResult): void {
    this.#acked.resolve(result)
  }

  /** @internal Repeats (the same delta again, after a reconnect) are dropped. */
  _delta(delta: ChatDelta): void {
    const id = `${delta.messageId}:${delta.index}`
    if (this.#done || this.#error || this.#seen.has(id)) return
    this.#seen.add(id)
    this.#deltas.push(delta)
    this.#notify()
  }

  /** @internal */
  _done(done: ChatDone): void {
    if (this.#done || this.#error) return
    const streamed = this.#deltas.filter((d) => d.messageId === done.messageId)
    const text = streamed.map((d) => d.text).join('')
    // An answer recovered from history after a reconnect: deliver the part not yet streamed.
    if (done.text.length > text.length && done.text.startsWith(text)) {
      this.#deltas.push({
        conversationId: done.conversationId,
        messageId: done.messageId,
        text: done.text.slice(text.length),
        index: streamed.length,
      })
    }
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
