import type {
  AnswerStream,
  AvatarSession,
  ChatAction,
  ChatDelta,
  ChatDone,
  ChatMessage,
  Citation,
  ClientOptions,
  ClientStatus,
  Lead,
  LeadRequest,
  LeadSubmitPayload,
  VisitorClient,
  WidgetSettings,
} from '@avataradam/sdk'
import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { canRetry, codeOf, errorText, isUnavailable } from './error-text.ts'
import { pageContext } from './page-context.ts'
import { STRINGS, type Strings } from './strings.ts'
import type { ClientFactory } from './types.ts'

/** A message as the panel shows it. */
export interface ViewMessage {
  /** Stable key for rendering, before and after the server gives the message an id. */
  key: number
  role: 'visitor' | 'assistant'
  text: string
  citations: Citation[]
  /** `waiting` until the first delta; `failed` with `error` set. */
  state: 'waiting' | 'streaming' | 'done' | 'failed'
  /** The server's id, once known: messages from another tab are matched against it. */
  id?: string
  error?: string
  /** How to send a failed message again without storing it twice. */
  retry?: { text: string; clientMessageId: string }
  /** Buttons under an answer (the hand-off to the team). */
  actions?: ChatAction[]
  /** The answer's language, for its `lang` and its voice. */
  language?: string
}

export interface ConversationEvents {
  /** An answer to this tab's question grew (`done` false) or is complete. */
  progress(message: ViewMessage, done: boolean): void
  sent(text: string): void
  answered(done: ChatDone): void
  status(status: ClientStatus): void
  error(code: string, message: string): void
  /** The dealership's widget settings arrived (after connecting) or changed. */
  settings?(settings: WidgetSettings): void
}

/**
 * One visitor's conversation for the panel: the client, the messages on screen, and the state of
 * the connection. The client keeps visitor and conversation ids in localStorage, so a reload or
 * another page of the site continues where the visitor left off.
 */
export class Conversation implements ReactiveController {
  messages: ViewMessage[] = []
  status: ClientStatus | 'idle' = 'idle'
  /** Set when this page may not use the assistant (bad key, origin not allowed…). */
  unavailable: string | undefined
  /** History is being fetched after a reload. */
  loadingHistory = false
  /** The contact form the assistant offered, shown after the answer that offered it. */
  leadRequest: LeadRequest | undefined

  #host: ReactiveControllerHost
  #events: ConversationEvents
  /** The words of the panel's language, for the errors it shows. */
  #strings: () => Strings
  #client: VisitorClient | undefined
  #unsubscribe: (() => void)[] = []
  #nextKey = 0
  /** Answers streamed to another tab (or before a reload), by message id. */
  #others = new Map<string, ViewMessage>()
  /** The index of the next delta expected for each of those. */
  #otherNext = new Map<string, number>()
  /** This tab's answers still coming; their deltas are never another tab's. */
  #asking = new Set<AnswerStream>()

  constructor(
    host: ReactiveControllerHost,
    events: ConversationEvents,
    strings: () => Strings = () => STRINGS.en!,
  ) {
    this.#host = host
    this.#events = events
    this.#strings = strings
    host.addController(this)
  }

  get started(): boolean {
    return this.#client !== undefined
  }

  /** Whether an answer of this tab is still on its way. */
  get waiting(): boolean {
    return this.messages.some((m) => m.state === 'waiting')
  }

  hostDisconnected(): void {
    this.stop()
  }

  /** Connects and shows the conversation so far. */
  start(factory: ClientFactory, options: ClientOptions): void {
    this.stop()
    let client: VisitorClient
    try {
      client = factory(options)
    } catch (error) {
      this.unavailable = errorText(codeOf(error), this.#strings())
      this.#host.requestUpdate()
      return
    }
    this.#client = client
    this.status = client.status
    this.unavailable = undefined
    this.#unsubscribe = [
      client.on('status', (status) => {
        this.status = status
        this.#events.status(status)
        this.#host.requestUpdate()
      }),
      client.on('error', (error) => {
        if (isUnavailable(error.code)) this.unavailable = this.#strings().errors.unavailable
        this.#events.error(error.code, error.message)
        this.#host.requestUpdate()
      }),
      client.on('chat:message', (message) => this.#otherMessage(message)),
      client.on('chat:delta', (delta) => this.#later(() => this.#otherDelta(delta))),
      client.on('chat:done', (done) => this.#later(() => this.#otherDone(done))),
      client.on('lead:request', (request) => {
        // After the answer's own `chat:done`, which the SDK may hand over a task later.
        this.#later(() => {
          if (!this.#belongs(request.conversationId)) return
          this.leadRequest = request
          this.#host.requestUpdate()
        })
      }),
    ]
    const settings = this.#events.settings
    if (settings) {
      this.#unsubscribe.push(client.on('settings', (s) => settings(s)))
      if (client.settings) settings(client.settings)
    }
    void this.#loadHistory(client)
    this.#host.requestUpdate()
  }

  /** Asks the server which avatar to show this visitor (minting a HeyGen session if so). */
  avatarSession(): Promise<AvatarSession> {
    if (!this.#client) return Promise.reject(new Error('not connected'))
    return this.#client.avatarSession()
  }

  stop(): void {
    for (const off of this.#unsubscribe) off()
    this.#unsubscribe = []
    this.#client?.close()
    this.#client = undefined
    this.status = 'idle'
  }

  /** The visitor client while connected (the panel's speech uses it too). */
  get client(): VisitorClient | undefined {
    return this.#client
  }

  /**
   * Sends a visitor message and follows its answer; returns the answer as shown. `speech` asks
   * the server to speak the answer too (`speech:audio`).
   */
  ask(
    text: string,
    clientMessageId?: string,
    options: { speech?: boolean } = {},
  ): ViewMessage | undefined {
    const client = this.#client
    if (!client || this.unavailable) return undefined
    // A single-page site changes URL (and vehicle) without a reload; a new conversation records
    // where the visitor is when it starts.
    client.setPage(pageContext())
    const answer = client.ask(text, {
      ...(clientMessageId ? { clientMessageId } : {}),
      ...(options.speech ? { speech: true } : {}),
    })
    const question = this.#message('visitor', text, 'done')
    const reply = this.#message('assistant', '', 'waiting')
    this.messages = [...this.messages, question, reply]
    this.#events.sent(text)
    this.#host.requestUpdate()
    void this.#follow(answer, text, question, reply)
    return reply
  }

  /** Sends the visitor's contact details for the lead form. */
  submitLead(lead: LeadSubmitPayload): Promise<Lead> {
    const client = this.#client
    if (!client)
      return Promise.reject(Object.assign(new Error('Not connected.'), { code: 'closed' }))
    return client.submitLead(lead)
  }

  /** Sends a failed message again, with the same client id so the server stores it once. */
  retry(message: ViewMessage): void {
    const retry = message.retry
    if (!retry) return
    const index = this.messages.indexOf(message)
    // Drop the failed answer and the question it answered; `ask` puts the question back.
    this.messages = this.messages.filter((_, i) => i !== index && i !== index - 1)
    this.ask(retry.text, retry.clientMessageId)
  }

  /**
   * The visitor asked to be put in touch (the hand-off button under an answer): the contact form,
   * as if the assistant had offered it.
   */
  handOff(message: ViewMessage, reason: string): void {
    const conversationId = this.#client?.conversationId
    if (!conversationId || !message.id) return
    this.leadRequest = { conversationId, answerId: message.id, reason }
    this.#host.requestUpdate()
  }

  /** Forgets the conversation on screen; the next message starts a new one on the server. */
  reset(): void {
    this.#client?.newConversation()
    this.messages = []
    this.leadRequest = undefined
    this.#others.clear()
    this.#otherNext.clear()
    this.#host.requestUpdate()
  }

  async #follow(answer: AnswerStream, text: string, question: ViewMessage, reply: ViewMessage) {
    this.#asking.add(answer)
    const current = () => this.messages.includes(reply)
    void answer.sent.then(
      (ack) => {
        question.id = ack.messageId
        reply.id = ack.replyMessageId
      },
      () => {},
    )
    try {
      for await (const delta of answer) {
        reply.language ??= delta.language
        // `answer.text`, not a sum of deltas: after a crash the answer restarts from scratch.
        reply.text = answer.text
        // A new id when the answer was asked again after a crash: its deltas are this reply's,
        // not another tab's answer.
        reply.id = answer.messageId ?? reply.id
        this.#adopt(reply)
        reply.state = 'streaming'
        if (current()) this.#events.progress(reply, false)
        this.#host.requestUpdate()
      }
      const done = await answer
      Object.assign(reply, {
        id: done.messageId,
        text: done.text,
        citations: done.citations,
        actions: done.actions,
        language: done.language,
      })
      this.#adopt(reply)
      reply.state = 'done'
      if (current()) {
        this.#events.progress(reply, true)
        this.#events.answered(done)
      }
    } catch (error) {
      const code = codeOf(error)
      reply.state = 'failed'
      reply.error = errorText(code, this.#strings())
      if (canRetry(code)) reply.retry = { text, clientMessageId: answer.clientMessageId }
      if (current()) this.#events.error(code, reply.error)
    } finally {
      this.#asking.delete(answer)
    }
    this.#host.requestUpdate()
  }

  async #loadHistory(client: VisitorClient): Promise<void> {
    if (!client.conversationId) return
    this.loadingHistory = true
    this.#host.requestUpdate()
    try {
      const history = await client.history()
      if (client !== this.#client) return
      const shown = new Set(this.messages.map((m) => m.id))
      const past = history.filter((m) => !shown.has(m.id)).map((m) => this.#fromStored(m))
      this.messages = [...past, ...this.messages]
    } catch {
      // Offline or refused: the notice says so, and new messages still work.
    } finally {
      this.loadingHistory = false
      this.#host.requestUpdate()
    }
  }

  #fromStored(message: ChatMessage): ViewMessage {
    const view = this.#message(message.role, message.text, 'done')
    view.id = message.id
    view.citations = message.citations
    if (message.actions) view.actions = message.actions
    if (message.language) view.language = message.language
    return view
  }

  #message(role: ViewMessage['role'], text: string, state: ViewMessage['state']): ViewMessage {
    return { key: this.#nextKey++, role, text, citations: [], state }
  }

  #belongs(conversationId: string): boolean {
    return conversationId === this.#client?.conversationId
  }

  #known(id: string): boolean {
    // An answer asked again after a crash streams under a new id before this tab's reply learns
    // it (the SDK holds back the words already shown): the stream knows it at once.
    for (const answer of this.#asking) if (answer.messageId === id) return true
    return this.messages.some((m) => m.id === id && !this.#others.has(id))
  }

  /**
   * Deltas of this tab's own answers can arrive just before the acknowledgement that tells
   * whose they are; by the next task that is settled.
   */
  #later(fn: () => void): void {
    setTimeout(fn, 0)
  }

  /** Drops the view of an answer taken for another tab's that turned out to be `reply`. */
  #adopt(reply: ViewMessage): void {
    const other = reply.id === undefined ? undefined : this.#others.get(reply.id)
    if (!other) return
    this.#others.delete(reply.id!)
    this.messages = this.messages.filter((m) => m !== other)
  }

  #otherMessage(message: ChatMessage): void {
    if (!this.#belongs(message.conversationId) || this.messages.some((m) => m.id === message.id))
      return
    this.messages = [...this.messages, this.#fromStored(message)]
    this.#host.requestUpdate()
  }

  #otherDelta(delta: ChatDelta): void {
    if (!this.#belongs(delta.conversationId) || this.#known(delta.messageId)) return
    let view = this.#others.get(delta.messageId)
    if (!view) {
      view = this.#message('assistant', '', 'streaming')
      view.id = delta.messageId
      this.#others.set(delta.messageId, view)
      this.messages = [...this.messages, view]
    }
    // Repeats (after a reconnect) are dropped; after a gap, `chat:done` brings the whole text.
    if (view.state === 'streaming' && delta.index === (this.#otherNext.get(delta.messageId) ?? 0)) {
      // `restart`: the server's model failed midway and another answers from the start.
      view.text = delta.restart ? delta.text : view.text + delta.text
      this.#otherNext.set(delta.messageId, delta.index + 1)
    }
    this.#host.requestUpdate()
  }

  #otherDone(done: ChatDone): void {
    if (!this.#belongs(done.conversationId) || this.#known(done.messageId)) return
    const view = this.#others.get(done.messageId)
    if (view) {
      Object.assign(view, {
        text: done.text,
        citations: done.citations,
        actions: done.actions,
        language: done.language,
        state: 'done',
      })
    } else if (!this.messages.some((m) => m.id === done.messageId)) {
      const stored = this.#message('assistant', done.text, 'done')
      Object.assign(stored, { id: done.messageId, citations: done.citations })
      this.#others.set(done.messageId, stored)
      this.messages = [...this.messages, stored]
    }
    this.#host.requestUpdate()
  }
}
