/**
 * The AvatarAdam wire protocol: every Socket.io event and REST payload, as types.
 *
 * The server imports these types and validates every inbound payload against its own runtime
 * schemas, so a change here breaks the build on both sides instead of failing in production.
 *
 * @example
 * ```ts
 * import { io, type Socket } from 'socket.io-client'
 * import type { ClientToServerEvents, ServerToClientEvents } from '@avataradam/sdk/protocol'
 *
 * const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io('http://localhost:3000', {
 *   auth: { key: 'pk_test_…', visitorId: crypto.randomUUID() },
 * })
 * socket.emit('chat:send', { text: 'When are you open?', clientMessageId: crypto.randomUUID() }, (res) => {
 *   if ('error' in res) console.error(res.error.code)
 * })
 * ```
 * @module
 */

/** Stable error codes. Clients branch on these; messages are for humans and may change. */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_request',
  'unknown_event',
  'not_found',
  'payload_too_large',
  'message_too_long',
  'unsupported_document_type',
  'document_unreadable',
  'ingestion_failed',
  'unauthorized',
  'invalid_key',
  'key_revoked',
  'key_expired',
  'wrong_key_type',
  'origin_required',
  'origin_not_allowed',
  'rate_limited',
  'quota_exceeded',
  'conversation_not_found',
  'server_shutting_down',
  'not_ready',
  'not_configured',
  'avatar_unavailable',
  'speech_too_large',
  'speech_too_long',
  'speech_streams_exceeded',
  'speech_stream_not_found',
  'speech_unsupported_format',
  'speech_failed',
  'invalid_credentials',
  'totp_required',
  'invalid_totp',
  'invalid_token',
  'token_expired',
  'refresh_reused',
  'forbidden',
  'email_taken',
  'weak_password',
  'invitation_invalid',
  'conflict',
  'internal_error',
] as const

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number]

/**
 * Refusals of the key or of the page's origin: another attempt cannot fix them, only another key
 * or page can. The SDK stops reconnecting on them; the widget says the assistant is unavailable.
 */
export const ACCESS_REFUSAL_CODES = [
  'unauthorized',
  'invalid_key',
  'key_revoked',
  'key_expired',
  'wrong_key_type',
  'origin_required',
  'origin_not_allowed',
] as const satisfies readonly ErrorCode[]

/** Whether `code` is one of {@link ACCESS_REFUSAL_CODES}. */
export function isAccessRefusal(code: string): boolean {
  return (ACCESS_REFUSAL_CODES as readonly string[]).includes(code)
}

/** Codes the SDK raises itself, when the server never answered. */
export const CLIENT_ERROR_CODES = ['network_error', 'timeout', 'closed'] as const
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number]

/** The body of every error, over REST (`{ error }`) and over the socket (acks, `chat:error`). */
export interface ErrorBody {
  code: ErrorCode
  message: string
  /** Extra machine-readable detail, such as which field failed validation. */
  details?: unknown
  /** Seconds to wait before retrying, on `rate_limited` (and `avatar_unavailable` when known). */
  retryAfter?: number
}

/** A REST error response: `{ "error": { "code", "message" } }`. */
export interface ErrorResponse {
  error: ErrorBody
}

/** An acknowledgement: the result, or an error. Narrow with `'error' in res`. */
export type Ack<T> = T | ErrorResponse

// ---------------------------------------------------------------------------------------------
// Handshake

/** A vehicle the visitor is looking at, read from the page (data attribute or schema.org JSON-LD). */
export interface PageVehicle {
  vin?: string
  stockNumber?: string
  year?: number
  make?: string
  model?: string
  trim?: string
  price?: number
  url?: string
}

/** Where the visitor is: sent at the handshake and stored with each new conversation. */
export interface PageContext {
  url: string
  title?: string
  vehicle?: PageVehicle
}

/** `auth` of the Socket.io handshake. */
export interface HandshakeAuth {
  /** A publishable key, `pk_live_…` or `pk_test_…`. */
  key: string
  /** A stable, random id the client keeps for this visitor (8–128 characters of `[A-Za-z0-9_-]`). */
  visitorId: string
  page?: PageContext
}

/**
 * `auth` of a staff handshake: a dealership's own server (never a browser) connects with a secret
 * key to watch its visitors' conversations live (`staff:watch`). A handshake with a secret key
 * that carries an `Origin` header (as every browser's does) is refused with `wrong_key_type`.
 */
export interface StaffHandshakeAuth {
  /** A secret key, `sk_live_…` or `sk_test_…`. */
  key: string
}

/** `data` of the `connect_error` the server raises when it refuses a handshake. */
export type ConnectErrorData = ErrorBody

// ---------------------------------------------------------------------------------------------
// Chat

/** Where a passage of an answer came from. */
export interface Citation {
  documentId: string
  title: string
  snippet: string
}

export type MessageRole = 'visitor' | 'assistant'

/** A stored message of a conversation. */
export interface ChatMessage {
  id: string
  conversationId: string
  role: MessageRole
  text: string
  citations: Citation[]
  /** The client's id of a visitor message; `null` on assistant messages. */
  clientMessageId: string | null
  /** On assistant messages, the visitor message this answers. */
  replyTo: string | null
  /** ISO 8601 time the server stored it. */
  createdAt: string
  /** On assistant messages: what the visitor may do next (buttons under the answer). */
  actions?: ChatAction[]
  /** On assistant messages: the language it is written in (BCP 47, `en`, `es`). */
  language?: string
}

/**
 * Something the visitor can do after an answer, shown as a button under it. `handoff`: connect
 * with the dealership's team (the widget opens the lead form); typing "yes" does the same.
 */
export interface ChatAction {
  type: 'handoff'
  /** The button's text, in the answer's language. */
  label: string
}

/** `chat:send`: a visitor message. Sending the same `clientMessageId` again never duplicates it. */
export interface ChatSendPayload {
  text: string
  /** A client-generated id (8–128 characters of `[A-Za-z0-9_-]`), unique per visitor. */
  clientMessageId: string
  /** Continue this conversation; without it the server starts a new one. */
  conversationId?: string
  /**
   * Also speak the answer: when the server offers speech (`tts: 'server'` in
   * {@link ServerCapabilities}), `speech:audio` events stream the spoken answer to this socket.
   */
  speech?: boolean
  /**
   * Where the visitor is as they send (a single-page site changes page without reconnecting).
   * A new conversation records it, and the answer reads the vehicle on it. Defaults to the page
   * of the handshake. A page that does not fit is ignored, never refused.
   */
  page?: PageContext
}

/** The ack of `chat:send`: sent once the visitor message is stored. */
export interface ChatSendResult {
  conversationId: string
  /** The stored visitor message. */
  messageId: string
  /** The assistant message that is (or will be) streamed in reply. */
  replyMessageId: string
}

/** `chat:delta`: the next piece of an assistant message being streamed. */
export interface ChatDelta {
  conversationId: string
  messageId: string
  /** Text to append. */
  text: string
  /** Position of this delta within its message, from 0, so a client can drop repeats. */
  index: number
  /**
   * The text streamed so far for this message is void; this delta starts it again. Sent when the
   * model failed midway and another (a fallback model, or the built-in answerer) answers instead,
   * so the visitor never reads half an answer followed by a second one.
   */
  restart?: boolean
  /** On the first delta of a message: the language it is written in (BCP 47), for its voice. */
  language?: string
}

/** `chat:done`: an assistant message is complete; `text` is the whole message. */
export interface ChatDone {
  conversationId: string
  messageId: string
  replyTo: string
  text: string
  citations: Citation[]
  /** Buttons to show under the answer. */
  actions?: ChatAction[]
  /** The answer's language (BCP 47): the visitor's, detected per message. */
  language?: string
}

/** `chat:error`: something failed outside an ack (a turn, or an event sent without an ack). */
export interface ChatError extends ErrorBody {
  conversationId?: string
  messageId?: string
}

/** `conversation:history`: stored messages of one of this visitor's conversations. */
export interface HistoryPayload {
  conversationId: string
  /** Only messages stored after this one (the last message the client saw). */
  afterMessageId?: string
  /** At most this many messages, newest last; default 100, at most 500. */
  limit?: number
}

export interface HistoryResult {
  conversationId: string
  messages: ChatMessage[]
  /** Whether an assistant reply is still being streamed for this conversation. */
  answering: boolean
}

// ---------------------------------------------------------------------------------------------
// Avatar

/** `avatar:session`: asks which avatar to show this visitor. Nothing to send yet. */
export type AvatarSessionPayload = Record<string, never>

/**
 * The ack of `avatar:session`. `builtin`: show the built-in animated face and speak with the
 * browser's speech synthesis. `heygen`: start a HeyGen LiveAvatar session with this short-lived
 * token (the dealership's HeyGen API key never leaves the server), for example with
 * `new LiveAvatarSession(sessionToken, { apiUrl })` from `@heygen/liveavatar-web-sdk`.
 *
 * Each call mints a new session, which HeyGen bills once started: ask when the visitor opens the
 * assistant, not on page load. Limited per visitor (`rate_limited`); an `avatar_unavailable`
 * error means HeyGen refused or did not answer, and the built-in avatar should be shown.
 */
export type AvatarSession =
  | { provider: 'builtin' }
  | {
      provider: 'heygen'
      /** Bearer token for the LiveAvatar session API; good for this one session only. */
      sessionToken: string
      sessionId: string
      /** LiveAvatar's API, for the web SDK's `apiUrl`. */
      apiUrl: string
      /** ISO 8601 time the session ends at the latest (its maximum duration from now). */
      expiresAt: string
    }

// ---------------------------------------------------------------------------------------------
// Leads

/** The vehicle a lead is about: as much as the visitor's page or the assistant knew. */
export interface LeadVehicle {
  /** Shown to staff, such as `2021 Toyota RAV4 XLE`. */
  name?: string
  year?: number
  make?: string
  model?: string
  trim?: string
  vin?: string
  stockNumber?: string
  url?: string
}

/** What the visitor already told the assistant, to fill the form in. */
export interface LeadPrefill {
  name?: string
  email?: string
  phone?: string
  message?: string
}

/**
 * `lead:request`: the assistant asks the visitor's client to show a contact form (the visitor
 * wants a test drive, a quote, a call back). Sent after the answer (`answerId`) it belongs to.
 */
export interface LeadRequest {
  conversationId: string
  /** The assistant message that offered the form. */
  answerId: string
  /** Why, in the assistant's words: `Test drive of the 2021 RAV4`. */
  reason: string
  vehicle?: LeadVehicle
  prefill?: LeadPrefill
}

/**
 * `lead:submit`: the visitor's contact details, given with their consent. Sending the same
 * `clientLeadId` again never stores a second lead. Email or phone (or both) is required.
 */
export interface LeadSubmitPayload {
  /** A client-generated id (8–128 characters of `[A-Za-z0-9_-]`), unique per visitor. */
  clientLeadId: string
  /** The visitor's conversation the lead comes from (from `lead:request`). */
  conversationId?: string
  /** 1–120 characters. */
  name: string
  /** A valid email address, at most 254 characters. */
  email?: string
  /** 7–20 digits, optionally with `+`, spaces, dots, dashes and parentheses. */
  phone?: string
  /** At most 2000 characters. */
  message?: string
  /** The visitor agreed to be contacted: must be `true`. */
  consent: true
  /** Why the form was shown (the `reason` of `lead:request`), at most 300 characters. */
  reason?: string
  vehicle?: LeadVehicle
}

/** A stored lead, as a dealership sees it (`GET /v1/leads/:id`). */
export interface Lead {
  id: string
  conversationId: string | null
  visitorId: string
  name: string
  email: string | null
  phone: string | null
  message: string | null
  reason: string | null
  vehicle: LeadVehicle | null
  page: PageContext | null
  /** ISO 8601 time the visitor consented (when the lead was submitted). */
  consentAt: string
  createdAt: string
}

/** The ack of `lead:submit`: the stored lead (the first one, on a repeat). */
export interface LeadSubmitResult {
  lead: Lead
}

/** `GET /v1/leads`: newest first. */
export interface LeadList {
  leads: Lead[]
  /** Pass as `before` for the next (older) page; `null` on the last page. */
  nextCursor: string | null
}

/** `GET` / `PUT /v1/leads/settings`: where new leads are emailed (`null`: nowhere). */
export interface LeadSettings {
  notificationEmail: string | null
}

/** `GET /v1/webhooks`: where new leads are POSTed (`null`: nowhere). */
export interface LeadWebhook {
  url: string | null
}

/** `PUT /v1/webhooks`: POST each new lead to this URL (public http(s) address). */
export interface LeadWebhookRequest {
  url: string
}

/**
 * The answer to `PUT /v1/webhooks`: with the signing secret, shown this once (each PUT makes a
 * new one). Every delivery carries `AvatarAdam-Signature: t=<unix seconds>,v1=<hex>`, where v1
 * is HMAC-SHA256 keyed with the secret of `<t>.<raw body>`.
 */
export interface CreatedLeadWebhook {
  url: string
  secret: string
}

/**
 * The body of a webhook delivery. `id` is the delivery job's id, the same on each retry: a
 * receiver may ignore an id it has seen.
 */
export interface LeadCreatedEvent {
  id: string
  type: 'lead.created'
  createdAt: string
  lead: Lead
}

/** A background job (an email or a webhook delivery) whose attempts ran out: `GET /v1/jobs/failed`. */
export interface FailedJob {
  id: string
  queue: 'email' | 'webhooks'
  /** What it was for: the lead of a webhook delivery, the outbox message of an email. */
  leadId: string | null
  mailId: string | null
  attemptsMade: number
  /** The last failure, such as `POST https://… answered 500`. */
  reason: string
  failedAt: string
}

export interface FailedJobList {
  jobs: FailedJob[]
}

// ---------------------------------------------------------------------------------------------
// Capabilities and speech

/**
 * What this server offers beyond text (`server:capabilities`). `'server'` means the server does
 * it (speech to text from streamed microphone audio; spoken answers as `speech:audio`);
 * `'browser'` means the client should use the browser's own speech recognition or synthesis.
 */
export interface ServerCapabilities {
  stt: 'server' | 'browser'
  tts: 'server' | 'browser'
}

/** `speech:start`: the visitor starts speaking; microphone audio follows as `speech:chunk`. */
export interface SpeechStartPayload {
  /**
   * The container of the audio, as a MIME type: `audio/webm` (MediaRecorder in Chromium and
   * Firefox, with `;codecs=opus`), `audio/ogg`, `audio/mp4` (Safari), `audio/mpeg` or `audio/wav`.
   */
  mediaType: string
  /** The language spoken, as an ISO 639-1 code (`en`, `es`); helps the transcription. */
  language?: string
}

/** The ack of `speech:start`. */
export interface SpeechStartResult {
  /** Names this recording in `speech:chunk` and `speech:end`. */
  streamId: string
  /** The most audio one recording may carry, in bytes and in seconds from `speech:start`. */
  maxBytes: number
  maxSeconds: number
  /**
   * The largest `speech:chunk` the connection takes: a bigger packet closes it (see
   * MAX_SOCKET_PACKET_BYTES). The SDK splits writes to fit.
   */
  maxChunkBytes: number
}

/**
 * `speech:chunk`: the next piece of a recording, in order, as binary (an `ArrayBuffer`,
 * `Uint8Array` or Node `Buffer`; Socket.io sends it as a binary attachment). It has no ack; a
 * recording that breaks a limit is dropped and `speech:error` says why.
 */
export interface SpeechChunkPayload {
  streamId: string
  chunk: ArrayBuffer | Uint8Array
}

/** `speech:end`: the visitor stopped speaking; the ack carries the transcript. */
export interface SpeechEndPayload {
  streamId: string
}

/** The ack of `speech:end`. */
export interface SpeechEndResult {
  streamId: string
  /** What the visitor said; empty when nothing was understood. */
  text: string
}

/**
 * `speech:audio`: the next piece of the spoken answer `answerId` (MPEG audio, `audio/mpeg`),
 * sent only to the socket that asked for speech, in order of `seq` (from 0). The last event has
 * `final: true` (its chunk may be empty).
 */
export interface SpeechAudio {
  answerId: string
  seq: number
  chunk: ArrayBuffer | Uint8Array
  final: boolean
}

/**
 * `speech:error`: a recording (`streamId`) or a spoken answer (`answerId`) failed. The text
 * answer is never affected: a client falls back to the browser's own speech.
 */
export interface SpeechError extends ErrorBody {
  streamId?: string
  answerId?: string
}

/** `staff:watch`: a conversation of the staff's dealership, by id. */
export interface StaffWatchPayload {
  conversationId: string
}

/** The conversation's messages so far; its live events follow on the same socket. */
export interface StaffWatchResult {
  conversationId: string
  messages: ChatMessage[]
  /** True while an answer is being streamed: its `chat:delta`s and `chat:done` will follow. */
  answering: boolean
}

/** Events a client emits. */
export interface ClientToServerEvents {
  'chat:send': (payload: ChatSendPayload, ack: (res: Ack<ChatSendResult>) => void) => void
  'conversation:history': (payload: HistoryPayload, ack: (res: Ack<HistoryResult>) => void) => void
  'avatar:session': (payload: AvatarSessionPayload, ack: (res: Ack<AvatarSession>) => void) => void
  /**
   * The visitor's contact details, with their consent. Errors: `invalid_request` (the fields at
   * fault in `details.issues`), `conversation_not_found` (not this visitor's), `rate_limited`.
   */
  'lead:submit': (payload: LeadSubmitPayload, ack: (res: Ack<LeadSubmitResult>) => void) => void
  /** What the server offers; the payload is ignored. */
  'server:capabilities': (payload: unknown, ack: (res: Ack<ServerCapabilities>) => void) => void
  'speech:start': (payload: SpeechStartPayload, ack: (res: Ack<SpeechStartResult>) => void) => void
  'speech:chunk': (payload: SpeechChunkPayload) => void
  'speech:end': (payload: SpeechEndPayload, ack: (res: Ack<SpeechEndResult>) => void) => void
  /** Drops a recording without transcribing it (the visitor changed their mind). No ack. */
  'speech:cancel': (payload: SpeechEndPayload) => void
  /**
   * Staff only (a socket connected with a secret key, see {@link StaffHandshakeAuth}): acks the
   * conversation's history, then sends its `chat:message`, `chat:delta`, `chat:done`,
   * `chat:error` and `lead:request` to this socket as they happen, from whichever instance the
   * visitor is on. Errors: `conversation_not_found` (not this dealership's), `wrong_key_type`
   * (from a visitor's socket). A staff socket may send no other event (`wrong_key_type`).
   */
  'staff:watch': (payload: StaffWatchPayload, ack: (res: Ack<StaffWatchResult>) => void) => void
}

/** Events the server emits. */
export interface ServerToClientEvents {
  /** A visitor message stored from another tab of the same visitor. */
  'chat:message': (message: ChatMessage) => void
  'chat:delta': (delta: ChatDelta) => void
  'chat:done': (done: ChatDone) => void
  'chat:error': (error: ChatError) => void
  /** The assistant offers the visitor a contact form; answer with `lead:submit`. */
  'lead:request': (request: LeadRequest) => void
  'speech:audio': (audio: SpeechAudio) => void
  'speech:error': (error: SpeechError) => void
  /**
   * The dealership's widget settings: sent to a visitor's socket right after it connects, and
   * again whenever the dealership changes them.
   */
  'widget:settings': (settings: WidgetSettings) => void
}

/** Names of the events a client may emit; anything else is answered with `unknown_event`. */
export const CLIENT_EVENTS = [
  'chat:send',
  'conversation:history',
  'avatar:session',
  'lead:submit',
  'server:capabilities',
  'speech:start',
  'speech:chunk',
  'speech:end',
  'speech:cancel',
  'staff:watch',
] as const satisfies readonly (keyof ClientToServerEvents)[]

// ---------------------------------------------------------------------------------------------
// REST: documents

export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed'

/** Kinds of document the server can ingest. */
export type DocumentKind = 'text' | 'markdown' | 'html' | 'pdf' | 'docx' | 'csv' | 'xlsx'

/** A document of a dealership's knowledge base (`GET /v1/documents/:id`). */
export interface KnowledgeDocument {
  id: string
  title: string
  filename: string | null
  kind: DocumentKind
  sizeBytes: number
  status: DocumentStatus
  /** 0–1 while processing; 1 when ready. */
  progress: number
  chunkCount: number
  error: ErrorBody | null
  createdAt: string
  updatedAt: string
  /** For an inventory feed (CSV, XLSX): how many vehicles it holds and how its columns were read. */
  inventory: InventoryFeedSummary | null
}

/** How an inventory feed was read. */
export interface InventoryFeedSummary {
  vehicles: number
  /** Each column of the feed and the vehicle field it was read as; `null`: not used. */
  columns: { name: string; field: VehicleField | null }[]
}

/** The fields of an inventory vehicle that a feed's columns are read into. */
export const VEHICLE_FIELDS = [
  'stockNumber',
  'vin',
  'year',
  'make',
  'model',
  'trim',
  'bodyStyle',
  'condition',
  'certified',
  'mileage',
  'price',
  'msrp',
  'exteriorColor',
  'interiorColor',
  'drivetrain',
  'fuel',
  'transmission',
  'engine',
  'mpgCity',
  'mpgHighway',
  'mpg',
  'features',
  'status',
  'url',
  'photoUrl',
  'description',
  'doors',
] as const
export type VehicleField = (typeof VEHICLE_FIELDS)[number]

/** `POST /v1/documents` answer: 202 for a new document, 200 when the same content was already there. */
export interface DocumentAccepted {
  id: string
  status: DocumentStatus
  /** True when identical content was uploaded before; `id` is then that document. */
  duplicate: boolean
}

/** `GET /v1/documents`. */
export interface DocumentList {
  documents: KnowledgeDocument[]
}

// ---------------------------------------------------------------------------------------------
// REST: analytics

/** One day (UTC) of a dealership's activity. */
export interface AnalyticsDay {
  /** `YYYY-MM-DD`. */
  date: string
  /** Conversations started that day. */
  conversations: number
  visitorMessages: number
  answers: number
  /** Answers the answer cache gave. */
  cachedAnswers: number
}

/** `GET /v1/analytics?days=30`: activity per day, oldest first, and the answer cache's hit rate. */
export interface Analytics {
  /** First and last day covered, `YYYY-MM-DD` (UTC). */
  from: string
  to: string
  days: AnalyticsDay[]
  answerCache: {
    /** Answers to conversations' opening questions, the ones the cache may serve. */
    openingAnswers: number
    cachedAnswers: number
    /** cachedAnswers / openingAnswers; null without opening answers. */
    hitRate: number | null
  }
  /** The questions visitors asked most over the window, at most 10. */
  topQuestions: QuestionStat[]
  /** Questions answered without any citation from the knowledge base, or not answered; at most 10. */
  unansweredQuestions: QuestionStat[]
}

// ---------------------------------------------------------------------------------------------
// REST: conversations

export interface ConversationSummary {
  id: string
  visitorId: string
  page: PageContext | null
  messageCount: number
  createdAt: string
  updatedAt: string
  /** The text of the conversation's latest message. */
  lastMessage: string | null
  /** Whether the visitor left their contact details in it. */
  hasLead: boolean
}

/**
 * `GET /v1/conversations?q=&since=&until=&live=&hasLead=&before=&limit=`: most recently active
 * first. `q` matches any message's text (case-insensitive); `live=true` keeps those active in the
 * last 5 minutes; `before` is the `nextBefore` of the previous page.
 */
export interface ConversationList {
  conversations: ConversationSummary[]
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: string | null
}

/** `GET /v1/conversations/:id`. */
export interface ConversationDetail extends ConversationSummary {
  messages: ChatMessage[]
}

// ---------------------------------------------------------------------------------------------
// REST: keys

export type KeyType = 'publishable' | 'secret'
export type KeyMode = 'live' | 'test'

/** An API key as listed; the full key is only ever shown once, at creation. */
export interface ApiKeySummary {
  id: string
  type: KeyType
  mode: KeyMode
  /** The visible start of the key, such as `pk_live_4fGh`. */
  prefix: string
  name: string | null
  allowedOrigins: string[]
  createdAt: string
  expiresAt: string | null
  revokedAt: string | null
  lastUsedAt: string | null
  /** What a secret key may do; empty for publishable keys (they only serve visitors). */
  scopes: KeyScope[]
  /** The key that replaced this one when it was rotated; it works until `expiresAt`. */
  replacedBy: string | null
}

/** A key just created: the only time `key` is returned. */
export interface CreatedApiKey extends ApiKeySummary {
  key: string
}

/** `POST /v1/keys`. */
export interface CreateKeyRequest {
  type: KeyType
  mode?: KeyMode
  name?: string
  /** Required for publishable keys: `https://example.com`, `http://localhost:3000`, `https://*.example.com`. */
  allowedOrigins?: string[]
  /** ISO 8601 time after which the key is refused. */
  expiresAt?: string
  /**
   * Secret keys only: what the key may do. Default: every scope (`KEY_SCOPES`) the caller holds;
   * asking for one the caller lacks is `forbidden` (a key never mints a key that does more).
   */
  scopes?: KeyScope[]
}

/** `GET /v1/keys`. */
export interface KeyList {
  keys: ApiKeySummary[]
}

// ---------------------------------------------------------------------------------------------
// REST: search (what the assistant would read for a question)

/** `POST /v1/search`. */
export interface SearchRequest {
  query: string
  limit?: number
}

export interface SearchHit {
  chunkId: string
  documentId: string
  title: string
  heading: string | null
  text: string
  /** Fused rank score (higher is better). */
  score: number
}

export interface SearchResult {
  hits: SearchHit[]
}

// ---------------------------------------------------------------------------------------------
// REST: inventory (`GET /v1/inventory`): the vehicles of a dealership's inventory feeds

/** Body styles vehicles are sorted into, whatever a feed calls them ("Sport Utility", "Crew Cab"). */
export const BODY_STYLES = [
  'suv',
  'truck',
  'sedan',
  'coupe',
  'convertible',
  'hatchback',
  'wagon',
  'minivan',
  'van',
] as const
export type BodyStyle = (typeof BODY_STYLES)[number]

export type VehicleCondition = 'new' | 'used' | 'certified'
export type Drivetrain = 'awd' | '4wd' | 'fwd' | 'rwd'
export type FuelType = 'gas' | 'hybrid' | 'plug-in hybrid' | 'electric' | 'diesel'
/** Whether a vehicle can be bought: `available` unless its feed says otherwise. */
export type VehicleStatus = 'available' | 'pending' | 'sold' | 'in transit'

export const INVENTORY_SORTS = [
  'price_asc',
  'price_desc',
  'year_desc',
  'year_asc',
  'mileage_asc',
  'mpg_desc',
] as const
export type InventorySort = (typeof INVENTORY_SORTS)[number]

/** A vehicle of a dealership's inventory, read from its feed. */
export interface InventoryVehicle {
  id: string
  /** The feed it came from. */
  documentId: string
  stockNumber: string | null
  vin: string | null
  year: number | null
  make: string | null
  model: string | null
  trim: string | null
  bodyStyle: BodyStyle | null
  condition: VehicleCondition | null
  mileage: number | null
  price: number | null
  msrp: number | null
  exteriorColor: string | null
  /** The colour family of `exteriorColor` ("Blueprint" → `blue`), when it names one. */
  colorFamily: string | null
  interiorColor: string | null
  drivetrain: Drivetrain | null
  fuel: FuelType | null
  transmission: string | null
  engine: string | null
  mpgCity: number | null
  mpgHighway: number | null
  features: string[]
  /** The features as the concepts they name, whatever the feed calls them: `third row`, `leather`, `sunroof`… */
  featureKeys: string[]
  status: VehicleStatus
  /** The status as the feed writes it ("On Hold", "Sale Pending"), when it has one. */
  statusText: string | null
  url: string | null
  photoUrl: string | null
  /**
   * The feed's free-text remarks about this vehicle (its Comments, Notes or Description
   * columns), such as "Sold as-is." or "ETA first week of January." Present on the vehicles an
   * answer is about; omitted from search results.
   */
  notes?: string | null
}

/**
 * Filters of an inventory search (`GET /v1/inventory`, and the model's `search_inventory` tool):
 * every one optional, all must hold.
 */
export interface InventoryQuery {
  make?: string
  model?: string
  trim?: string
  bodyStyle?: BodyStyle
  /** `used` includes certified pre-owned vehicles. */
  condition?: VehicleCondition
  yearMin?: number
  yearMax?: number
  priceMin?: number
  priceMax?: number
  mileageMin?: number
  mileageMax?: number
  /** One drivetrain, or several any of which will do (`awd` or `4wd`). */
  drivetrain?: Drivetrain | Drivetrain[]
  fuel?: FuelType
  /** A colour family (`blue`) or a colour's name as the feed writes it (`Celestite`). */
  color?: string
  /** Each must be among the vehicle's features: `third row`, `leather`, `sunroof`… */
  features?: string[]
  /** Combined (or, failing that, highway) MPG at least this. */
  mpgMin?: number
  stockNumber?: string
  vin?: string
  /** Words the listing must contain. */
  text?: string
  /** Sold vehicles too (default: only vehicles that can be bought). */
  includeSold?: boolean
  sort?: InventorySort
  /** At most this many vehicles (1–50, default 10). */
  limit?: number
}

/** `GET /v1/inventory`. */
export interface InventoryResult {
  /** How many vehicles match, beyond the ones returned. */
  total: number
  vehicles: InventoryVehicle[]
}

// ---------------------------------------------------------------------------------------------
// REST: dealership facts (`GET`/`PUT /v1/dealership-facts`): what the assistant answers directly

/** Hours of one day. */
export interface DaySchedule {
  /** `HH:MM` 24-hour times, local to the dealership's time zone. */
  intervals: { open: string; close: string }[]
  closed?: boolean
  byAppointment?: boolean
  /** The hours as the documents wrote them ("9:00 AM – 8:00 PM"), quoted in answers. */
  text?: string
}

/** A department's hours and how to reach it. */
export interface DepartmentFacts {
  /** `main`, `sales`, `service`, `parts`, `finance`, `collision`, `detail`. */
  department: string
  /** Days not listed are unknown; `closed: true` marks a closed day. */
  hours: Partial<Record<Weekday, DaySchedule>>
  phones: { number: string; label?: string }[]
  emails: string[]
  /** Where the department is, when not at the dealership's main address (a collision center). */
  address?: string
  /** The documents its facts came from (none for facts staff typed). */
  sources?: string[]
}

export interface StaffMember {
  name: string
  title?: string
  department?: string
  phone?: string
  extension?: string
  email?: string
  languages?: string
  source?: string
}

/** A holiday's closure or hours. */
export interface HolidayHours {
  /** A known holiday (`christmas`, `thanksgiving`, `independenceDay`…) or `YYYY-MM-DD`. */
  holiday: string
  /** As the documents call it: "Christmas Day". */
  name: string
  closed: boolean
  /** When open, the hours ("9:00 AM – 3:00 PM"). */
  text?: string
  /** Departments it applies to; empty: all. */
  departments?: string[]
  source?: string
}

/** What the assistant knows of a dealership as facts, not passages. */
export interface DealershipFacts {
  departments: DepartmentFacts[]
  address: string | null
  website: string | null
  staff: StaffMember[]
  holidays: HolidayHours[]
  /** The documents the address and website came from. */
  sources?: { address?: string[]; website?: string[] }
}

/** `GET /v1/dealership-facts`. */
export interface DealershipFactsResponse {
  /** What the assistant uses: the corrections where staff made them, else what the documents say. */
  facts: DealershipFacts
  /** What the documents say. */
  extracted: DealershipFacts
  /** Whether staff corrected the facts (`facts` is then their version). */
  corrected: boolean
  /** The dealership's time zone (IANA), as set; `null` when not set. */
  timezone: string | null
  /** The time zone the assistant uses: the one set, else the widget's hours', else the address's state. */
  effectiveTimezone: string | null
}

/** `PUT /v1/dealership-facts`: each field optional; `facts: null` drops the corrections. */
export interface DealershipFactsUpdate {
  facts?: DealershipFacts | null
  timezone?: string | null
}

// ---------------------------------------------------------------------------------------------
// REST: a dealership's own providers (its keys are sealed at rest and never returned)

/** `PUT /v1/providers/llm`: answer this dealership's visitors with its own language model. */
export interface LlmOverride {
  provider: 'openai' | 'openrouter' | 'openai-compatible'
  /** Required for `openai` and `openrouter`. Stored sealed; no response ever contains it. */
  apiKey?: string
  /** Required for `openai-compatible` (Ollama, vLLM…). */
  baseUrl?: string
  model: string
  /** Tried when `model` fails; the embedded answerer comes after both. */
  fallbackModel?: string
}

/** What the API shows of a stored override: everything but the key. */
export interface LlmOverrideSummary {
  provider: LlmOverride['provider']
  baseUrl?: string
  model: string
  fallbackModel?: string
  apiKeySet: boolean
  updatedAt: string
}

/**
 * `PUT /v1/providers/avatar`: which avatar this dealership's visitors see. `heygen` shows a HeyGen
 * LiveAvatar video (with this dealership's own HeyGen key and avatar, or the server's where
 * omitted); `builtin` keeps the built-in animated face even when the server's default is HeyGen.
 */
export interface AvatarOverride {
  provider: 'heygen' | 'builtin'
  /** A LiveAvatar API key. Stored sealed; no response ever contains it. */
  apiKey?: string
  /** The LiveAvatar avatar id; required when the server has no HEYGEN_AVATAR_ID. */
  avatarId?: string
  /** The LiveAvatar voice id; the avatar's default voice when omitted. */
  voiceId?: string
  /** The LiveAvatar context (persona) id. */
  contextId?: string
  /** Language of the avatar's speech, such as `en` or `es`. */
  language?: string
}

/** What the API shows of a stored avatar override: everything but the key. */
export interface AvatarOverrideSummary {
  provider: AvatarOverride['provider']
  avatarId?: string
  voiceId?: string
  contextId?: string
  language?: string
  apiKeySet: boolean
  updatedAt: string
}

/** `GET /v1/providers`: `null` where the server's own provider applies. */
export interface ProviderOverrides {
  llm: LlmOverrideSummary | null
  avatar: AvatarOverrideSummary | null
}

// ---------------------------------------------------------------------------------------------
// Portal: accounts, sessions, members, audit log (see the server's `auth` module)
//
// The portal signs in with an email and password and gets a short-lived access token (a JWT,
// sent as `Authorization: Bearer …` on every `/v1` call, kept in memory only) and a rotating
// refresh token in an httpOnly, Secure, SameSite=Strict cookie scoped to `/v1/auth`. Every `/v1`
// route accepts either a secret key or an access token; what it may do follows the key's scopes
// or the member's role.

/** A member's role in a dealership. */
export type MemberRole = 'owner' | 'admin' | 'agent'

/**
 * What a request may do. Roles grant a fixed set (see `ROLE_PERMISSIONS`); secret keys carry the
 * scopes (`KEY_SCOPES`) chosen when they were created.
 */
export const PERMISSIONS = [
  'keys',
  'knowledge:read',
  'knowledge:write',
  'conversations',
  'leads',
  'analytics',
  'settings',
  'members',
  'audit',
] as const
export type Permission = (typeof PERMISSIONS)[number]

/** Scopes a secret key may carry: every permission but the account-only `members` and `audit`. */
export const KEY_SCOPES = [
  'keys',
  'knowledge:read',
  'knowledge:write',
  'conversations',
  'leads',
  'analytics',
  'settings',
] as const satisfies readonly Permission[]
export type KeyScope = (typeof KEY_SCOPES)[number]

/** What each role may do. Owners alone read the audit log; agents answer, they do not configure. */
export const ROLE_PERMISSIONS: Record<MemberRole, readonly Permission[]> = {
  owner: PERMISSIONS,
  admin: PERMISSIONS.filter((p) => p !== 'audit'),
  agent: ['knowledge:read', 'conversations', 'leads', 'analytics'],
}

/** The signed-in member, as `GET /v1/me` returns it. */
export interface Account {
  /** The member's id (one per person per dealership). */
  id: string
  email: string
  name: string
  role: MemberRole
  tenantId: string
  dealershipName: string
  totpEnabled: boolean
  permissions: Permission[]
}

/** What sign-up, sign-in, refresh and accepting an invitation return (plus the refresh cookie). */
export interface AuthSession {
  accessToken: string
  /** ISO 8601 expiry of `accessToken` (minutes away); refresh before it. */
  accessTokenExpiresAt: string
  account: Account
}

/** `POST /v1/auth/signup`: a new dealership and its owner. */
export interface SignUpRequest {
  dealershipName: string
  name: string
  email: string
  /** At least 10 characters. */
  password: string
}

/**
 * `POST /v1/auth/login`. With two-factor on, the first attempt without `totp` is refused with
 * `totp_required`; send the 6-digit code (or a recovery code as `recoveryCode`).
 */
export interface LoginRequest {
  email: string
  password: string
  totp?: string
  recoveryCode?: string
}

/** `POST /v1/auth/password-reset`: always 202, whether or not the address has an account. */
export interface PasswordResetRequest {
  email: string
}

/** `POST /v1/auth/password-reset/confirm`: the token from the emailed link. Signs out everywhere. */
export interface PasswordResetConfirm {
  token: string
  password: string
}

/** `GET /v1/auth/invitations/{token}`: what an invitation link is for. */
export interface InvitationPreview {
  email: string
  dealershipName: string
  role: MemberRole
  expiresAt: string
}

/** `POST /v1/auth/invitations/accept`. */
export interface AcceptInvitationRequest {
  token: string
  name: string
  password: string
}

/** `POST /v1/me/totp/setup`: a new secret to scan; two-factor is on once confirmed. */
export interface TotpSetup {
  secret: string
  /** `otpauth://totp/…`, for a QR code. */
  otpauthUrl: string
}

/**
 * `POST /v1/me/totp/confirm`: a code from the new secret, and the current password (an access
 * token alone, perhaps stolen, must not be able to turn two-factor on and lock the owner out).
 */
export interface TotpConfirmRequest {
  code: string
  password: string
}

/** The answer to `POST /v1/me/totp/confirm`: shown once. */
export interface TotpConfirmed {
  recoveryCodes: string[]
}

/** `POST /v1/me/totp/disable`. */
export interface TotpDisableRequest {
  password: string
  code: string
}

/** `POST /v1/me/password`. Signs out every other session. */
export interface ChangePasswordRequest {
  currentPassword: string
  newPassword: string
}

export interface Member {
  id: string
  email: string
  name: string
  role: MemberRole
  totpEnabled: boolean
  createdAt: string
  lastSignInAt: string | null
}

export interface Invitation {
  id: string
  email: string
  role: MemberRole
  createdAt: string
  expiresAt: string
  invitedBy: string | null
}

/** `GET /v1/members`. */
export interface MemberList {
  members: Member[]
  /** Invitations sent and not yet accepted. */
  invitations: Invitation[]
}

/** `POST /v1/members/invitations`: the link goes by email (to the outbox in embedded mode). */
export interface InviteRequest {
  email: string
  role: MemberRole
}

/** `PATCH /v1/members/{id}`. Only owners make or unmake owners; the last owner stays one. */
export interface UpdateMemberRequest {
  role: MemberRole
}

/** Who did something. */
export type AuditActor =
  | { type: 'member'; id: string; email: string }
  | { type: 'key'; id: string; prefix: string }
  | { type: 'system' }

export const AUDIT_ACTIONS = [
  'auth.signed_up',
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.signed_out',
  'auth.refresh_reused',
  'auth.password_reset_requested',
  'auth.password_reset',
  'auth.password_changed',
  'auth.totp_enabled',
  'auth.totp_disabled',
  'auth.recovery_code_used',
  'key.created',
  'key.rotated',
  'key.revoked',
  'member.invited',
  'member.invitation_revoked',
  'member.joined',
  'member.role_changed',
  'member.removed',
  'document.uploaded',
  'document.deleted',
  'document.reindexed',
  'settings.changed',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export interface AuditEntry {
  id: string
  at: string
  action: AuditAction
  actor: AuditActor
  /** What was acted on, such as a key's or document's id. */
  target: string | null
  ip: string | null
  details: Record<string, unknown>
}

/** `GET /v1/audit-log?before=<id>&limit=`: newest first. Owners only. */
export interface AuditLog {
  entries: AuditEntry[]
  /** Pass as `before` for the next page; null at the end. */
  nextBefore: string | null
}

/** An email as the outbox keeps it (`GET /v1/outbox`): embedded mode sends nothing out. */
export interface OutboxMessage {
  id: string
  recipient: string
  subject: string
  text: string
  provider: string
  status: 'stored' | 'sent' | 'failed'
  createdAt: string
}

/** `GET /v1/outbox`, newest first. */
export interface OutboxList {
  messages: OutboxMessage[]
}

/**
 * `auth` of a portal staff handshake: a member's access token, from the portal in a browser.
 * Like {@link StaffHandshakeAuth}, the socket may only `staff:watch`.
 */
export interface PortalStaffHandshakeAuth {
  accessToken: string
}

// ---------------------------------------------------------------------------------------------
// Widget settings (`GET`/`PUT /v1/widget-settings`; visitors receive them as `widget:settings`)

/** Opening hours of one day, local to `BusinessHours.timezone`, as `HH:MM`. */
export interface OpeningHours {
  open: string
  close: string
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'

export interface BusinessHours {
  /** An IANA time zone, such as `America/Chicago`. */
  timezone: string
  /** Closed on a day that is missing or empty. */
  days: Partial<Record<Weekday, OpeningHours[]>>
  /** Shown in the widget outside those hours (the assistant keeps answering). */
  closedMessage: string
}

/** How a dealership's widget looks and greets. */
export interface WidgetSettings {
  assistantName: string
  greeting: string
  /** Suggested questions shown before the first message (at most 6). */
  suggestions: string[]
  colors: {
    /** `#rrggbb`: the launcher, the visitor's bubbles, buttons. */
    primary: string
    /** `#rrggbb`: text on `primary`. */
    onPrimary: string
  }
  /** The built-in face, or a picture (an https URL) in its place. */
  avatar: { kind: 'builtin' } | { kind: 'image'; url: string }
  /** BCP 47 tags the assistant offers, first is the default, such as `["en", "es"]`. */
  languages: string[]
  /** Null: always open. */
  hours: BusinessHours | null
}

// ---------------------------------------------------------------------------------------------
// Keys: scopes and rotation

/** `POST /v1/keys/{id}/rotate`: a new key like the old one; the old one stops after the overlap. */
export interface RotateKeyRequest {
  /** How long the old key keeps working, 0 to 30 days (2,592,000 s). Default 24 hours. */
  overlapSeconds?: number
}

// ---------------------------------------------------------------------------------------------
// Analytics: questions

/** A question as visitors asked it, grouped by its normalised text. */
export interface QuestionStat {
  question: string
  count: number
  lastAskedAt: string
}
