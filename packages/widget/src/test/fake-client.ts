import {
  AnswerStream,
  type AskOptions,
  type AvatarSession,
  type ChatMessage,
  type ClientEvents,
  type ClientOptions,
  type ClientStatus,
  type Lead,
  type LeadSubmitPayload,
  type ServerCapabilities,
  type VisitorClient,
  type WidgetSettings,
} from '@avataradam/sdk'

/** A visitor client without a server: tests drive its answers and events by hand. */
export interface FakeClient extends VisitorClient {
  options: ClientOptions | undefined
  asked: { text: string; options: AskOptions; answer: AnswerStream }[]
  newConversations: number
  closed: boolean
  storedHistory: ChatMessage[]
  /** What `avatarSession()` answers (or throws); the built-in avatar by default. */
  avatar: () => Promise<AvatarSession>
  avatarRequests: number
  /** Leads submitted, each with the promise the test settles. */
  leads: { lead: LeadSubmitPayload; resolve(lead: Lead): void; reject(error: unknown): void }[]
  conversationId: string | undefined
  status: ClientStatus
  /** The widget settings as last "received" (set through `emit('settings', …)`). */
  settings: WidgetSettings | undefined
  /** What `capabilities()` answers; the embedded server's by default. */
  offers: ServerCapabilities
  /** Tells the panel what a real client would. */
  emit<E extends keyof ClientEvents>(event: E, ...args: Parameters<ClientEvents[E]>): void
}

export function fakeClient(): FakeClient {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  let count = 0
  const client: FakeClient = {
    options: undefined,
    asked: [],
    newConversations: 0,
    closed: false,
    storedHistory: [],
    avatar: async () => ({ provider: 'builtin' }),
    avatarRequests: 0,
    leads: [],
    visitorId: 'v_test_visitor',
    conversationId: undefined,
    status: 'connecting',
    settings: undefined,
    offers: { stt: 'browser', tts: 'browser' },
    async capabilities() {
      return client.offers
    },
    async startSpeech() {
      throw new Error('this fake client has no server speech')
    },
    async transcribe() {
      throw new Error('this fake client has no server speech')
    },
    ask(text, options = {}) {
      const answer = new AnswerStream(options.clientMessageId ?? `m_test_${count++}_0000`)
      client.asked.push({ text, options, answer })
      return answer
    },
    async history() {
      return client.storedHistory
    },
    setPage() {},
    avatarSession() {
      client.avatarRequests++
      return client.avatar()
    },
    submitLead(lead) {
      return new Promise<Lead>((resolve, reject) => {
        const payload = { ...lead, clientLeadId: lead.clientLeadId ?? 'l_generated' }
        client.leads.push({ lead: payload, resolve, reject })
      })
    },
    newConversation() {
      client.newConversations++
      client.conversationId = undefined
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set()
      set.add(listener as (...args: unknown[]) => void)
      listeners.set(event, set)
      return () => set.delete(listener as (...args: unknown[]) => void)
    },
    close() {
      client.closed = true
    },
    emit(event, ...args) {
      if (event === 'status') client.status = args[0] as ClientStatus
      if (event === 'settings') client.settings = args[0] as WidgetSettings
      for (const listener of listeners.get(event) ?? []) listener(...args)
    },
  }
  return client
}

/** A factory that records its options and hands out one fake client. */
export function fakeFactory(client = fakeClient()) {
  return Object.assign(
    (options: ClientOptions) => {
      client.options = options
      return client
    },
    { client },
  )
}

/** Plays an answer the way the SDK would: ack, deltas, then done. */
export function ack(answer: AnswerStream, replyMessageId = 'a1') {
  answer._ack({ conversationId: 'c1', messageId: 'q1', replyMessageId })
}

export function delta(answer: AnswerStream, text: string, index: number, messageId = 'a1') {
  answer._delta({ conversationId: 'c1', messageId, text, index })
}
