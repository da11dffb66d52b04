import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { AnswerStream, closedError } from './answer-stream.ts'
import { AvatarAdamError } from './errors.ts'
import {
  type Ack,
  type AvatarSession,
  type ChatDelta,
  type ChatDone,
  type ChatError,
  type ChatMessage,
  type ChatSendPayload,
  type ClientToServerEvents,
  type ConnectErrorData,
  type HandshakeAuth,
  type HistoryResult,
  isAccessRefusal,
  type Lead,
  type LeadRequest,
  type LeadSubmitPayload,
  type LeadSubmitResult,
  type PageContext,
  type ServerCapabilities,
  type ServerToClientEvents,
  type SpeechAudio,
  type SpeechError,
  type SpeechStartPayload,
  type WidgetSettings,
} from './protocol.ts'
import { randomId } from './random-id.ts'
import { type SpeechRecording, startRecording } from './speech-recording.ts'
import { defaultStorage, type KeyValueStorage } from './storage.ts'

export interface ClientOptions {
  /** A publishable key, `pk_live_…` or `pk_test_…`. */
  key: string
  /** The AvatarAdam server, such as `https://chat.example.com`. */
  baseUrl: string
  /** Who is chatting. Defaults to an id kept in `storage`, or a new random one. */
  visitorId?: string
  /** The page the visitor is on; stored with each new conversation. */
  page?: PageContext
  /** Continue this conversation. Defaults to the one kept in `storage`. */
  conversationId?: string
  /**
   * Outside a browser: the Origin to send, which must be on the key's allow-list. Browsers send
   * their own and ignore this.
   */
  origin?: string
  /** Keeps visitor and conversation ids across page loads; `false` keeps nothing. */
  storage?: KeyValueStorage | false
  /** How long to wait for the server to acknowledge a message before sending it again. */
  ackTimeoutMs?: number
  /** Extra Socket.io client options (transports, path…). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>
}

export type ClientStatus = 'connecting' | 'connected' | 'offline' | 'closed'

/** Everything a client can be told, each fully typed. */
export interface ClientEvents {
  /** A visitor message stored from another tab of the same visitor. */
  'chat:message': (message: ChatMessage) => void
  'chat:delta': (delta: ChatDelta) => void
  'chat:done': (done: ChatDone) => void
  'chat:error': (error: ChatError) => void
  /** The assistant offers the visitor a contact form; answer it with `submitLead`. */
  'lead:request': (request: LeadRequest) => void
  /** The connection changed state. */
  status: (status: ClientStatus) => void
  /** The server refused the connection (bad key, origin…) or another error outside an answer. */
  error: (error: AvatarAdamError) => void
  /** The conversation this client continues changed (the first answer started one). */
  conversation: (conversationId: string) => void
  /** A piece of a spoken answer (asked for with `ask(text, { speech: true })`), in `seq` order. */
  'speech:audio': (audio: SpeechAudio) => void
  /** A spoken answer or a recording failed; the text answer is unaffected. */
  'speech:error': (error: SpeechError) => void
  /**
   * The dealership's widget settings: right after each connection, and again whenever the
   * dealership changes them. Also kept in `client.settings`.
   */
  settings: (settings: WidgetSettings) => void
}

export interface AskOptions {
  /** Reuse an id to resend a message without duplicating it (after a crash, say). */
  clientMessageId?: string
  conversationId?: string
  /**
   * Also speak the answer, when the server offers it (`capabilities().tts === 'server'`): the
   * audio arrives as `speech:audio` events.
   */
  speech?: boolean
}

export interface VisitorClient {
  readonly visitorId: string
  /** The conversation new messages continue; undefined until the first answer starts one. */
  readonly conversationId: string | undefined
  readonly status: ClientStatus
  /** The dealership's widget settings as last received; undefined until the first connection. */
  readonly settings: WidgetSettings | undefined
  /**
   * Sends a message and streams the answer. Works offline too: messages wait, in order, and go
   * out once, when the connection is back.
   */
  ask(text: string, options?: AskOptions): AnswerStream
  /** The stored messages of a conversation (the current one by default), oldest first. */
  history(options?: { conversationId?: string; afterMessageId?: string }): Promise<ChatMessage[]>
  /**
   * Where the visitor is now: sent with each message asked from now on (a new conversation
   * records it; answers read the vehicle on it) and at the next connection.
   */
  setPage(page: PageContext | undefined): void
  /** Starts a new conversation with the next message. */
  newConversation(): void
  /**
   * Which avatar to show: the built-in one, or a HeyGen LiveAvatar session minted for this
   * visitor (a short-lived token; the dealership's HeyGen key stays on the server). Each call
   * starts a new, billed session: call it when the visitor opens the assistant.
   */
  avatarSession(): Promise<AvatarSession>
  /**
   * Sends the visitor's contact details (after a `lead:request`, or a form of your own) and
   * resolves with the stored lead. `clientLeadId` defaults to a new id; pass the same one to send
   * again safely. Rejects with `invalid_request` (see `details.issues`), `rate_limited`…
   */
  submitLead(
    lead: Omit<LeadSubmitPayload, 'clientLeadId'> & { clientLeadId?: string },
  ): Promise<Lead>
  /** What the server offers beyond text: who transcribes speech and who speaks answers. */
  capabilities(): Promise<ServerCapabilities>
  /**
   * Starts streaming a recording to the server for transcription (when `capabilities().stt` is
   * `'server'`); `write()` the audio as it is recorded, then `end()` for the transcript.
   */
  startSpeech(options: SpeechStartPayload): Promise<SpeechRecording>
  /** Transcribes a whole recording, given as its pieces in order. */
  transcribe(
    chunks: AsyncIterable<ArrayBuffer | Uint8Array> | Iterable<ArrayBuffer | Uint8Array>,
    options: SpeechStartPayload,
  ): Promise<string>
  on<E extends keyof ClientEvents>(event: E, listener: ClientEvents[E]): () => void
  close(): void
}

/** Ack errors worth sending the same message again for, once reconnected or after a pause. */
const RETRYABLE = new Set(['server_shutting_down', 'rate_limited', 'not_ready', 'internal_error'])
/**
 * How often a message is sent again after a retryable error before its answer fails with it. A
 * server shutting down is not counted: the client reconnects to another (or the restarted) one.
 */
const MAX_RETRIES = 3

/** How long an answer may stay silent before the client checks on it. */
const QUIET_MS = 20_000

interface Pending {
  /** When the last delta (or the ack) of its answer arrived. */
  lastActivity: number
  text: string
  conversationId: string | undefined
  stream: AnswerStream
  /** Retryable errors so far (see MAX_RETRIES). */
  retries: number
  speech: boolean
  /** The page when it was asked. */
  page: PageContext | undefined
  /** Set once acknowledged: the ids the server gave the message and its answer. */
  ack?: { conversationId: string; messageId: string; replyMessageId: string }
}

type Listeners = { [E in keyof ClientEvents]: Set<ClientEvents[E]> }

/**
 * A visitor's connection to a dealership's assistant, in browsers and Node.
 *
 * @example
 * ```ts
 * const client = createClient({ key: 'pk_test_…', baseUrl: 'http://localhost:3000' })
 * const answer = client.ask('When are you open on Saturday?')
 * for await (const delta of answer) process.stdout.write(delta.text)
 * console.log((await answer).citations)
 * ```
 */
export function createClient(options: ClientOptions): VisitorClient {
  const storage = options.storage === false ? undefined : (options.storage ?? defaultStorage())
  // The whole key (it is public): two dealerships' keys on one site never share a visitor.
  const storageKey = `avataradam:${options.key}`
  const visitorId = options.visitorId ?? storage?.getItem(`${storageKey}:visitor`) ?? randomId('v_')
  storage?.setItem(`${storageKey}:visitor`, visitorId)
  let conversationId =
    options.conversationId ?? storage?.getItem(`${storageKey}:conversation`) ?? undefined
  let page = options.page
  let status: ClientStatus = 'connecting'
  let settings: WidgetSettings | undefined
  const ackTimeoutMs = options.ackTimeoutMs ?? 15_000
  const listeners = Object.fromEntries(
    [
      'chat:message',
      'chat:delta',
      'chat:done',
      'chat:error',
      'lead:request',
      'status',
      'error',
      'conversation',
      'speech:audio',
      'speech:error',
      'settings',
    ].map((e) => [e, new Set()]),
  ) as unknown as Listeners
  const emit = <E extends keyof ClientEvents>(event: E, ...args: Parameters<ClientEvents[E]>) => {
    for (const l of listeners[event]) (l as (...a: Parameters<ClientEvents[E]>) => void)(...args)
  }

  /** Messages not yet acknowledged, in the order they were asked. */
  const outbox: Pending[] = []
  /** Acknowledged messages whose answer is streaming, by the answer's message id. */
  const answering = new Map<string, Pending>()
  /** Deltas that arrived before the ack that tells whose they are (polling batches packets). */
  const early = new Map<string, (ChatDelta | ChatDone)[]>()
  let flushing = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.baseUrl, {
    transports: ['websocket', 'polling'],
    ...options.socketOptions,
    auth: (cb) =>
      cb({ key: options.key, visitorId, ...(page ? { page } : {}) } satisfies HandshakeAuth),
    ...(options.origin ? { extraHeaders: { origin: options.origin } } : {}),
  })

  function setStatus(next: ClientStatus) {
    if (status === next || status === 'closed') return
    status = next
    emit('status', next)
  }

  function setConversation(id: string) {
    if (id === conversationId) return
    conversationId = id
    storage?.setItem(`${storageKey}:conversation`, id)
    emit('conversation', id)
  }

  function route(event: ChatDelta | ChatDone, apply: (p: Pending) => void) {
    const pending = answering.get(event.messageId)
    if (pending) return apply(pending)
    // Not (yet) ours: an ack still on its way, or another tab's answer in the same conversation.
    // A finished answer is dropped; anything else is kept a short while in case its ack follows.
    if ('citations' in event && !awaitingAck()) return early.delete(event.messageId)
    const events = early.get(event.messageId) ?? []
    if (events.length === 0 && early.size >= 50) early.delete(early.keys().next().value!)
    early.set(event.messageId, [...events, event])
  }

  /** Whether a message was sent and its ack has not come back yet. */
  function awaitingAck(): boolean {
    return flushing
  }

  function finish(pending: Pending, done: ChatDone) {
    pending.stream._done(done)
    answering.delete(done.messageId)
  }

  function acknowledged(pending: Pending, ack: NonNullable<Pending['ack']>) {
    pending.ack = ack
    pending.lastActivity = Date.now()
    setConversation(ack.conversationId)
    answering.set(ack.replyMessageId, pending)
    pending.stream._ack(ack)
    for (const event of early.get(ack.replyMessageId) ?? []) {
      if ('citations' in event) finish(pending, event)
      else pending.stream._delta(event)
    }
    early.delete(ack.replyMessageId)
  }

  /** Sends waiting messages one at a time, in order, while connected. */
  async function flush() {
    if (flushing) return
    flushing = true
    try {
      while (outbox.length > 0 && socket.connected) {
        const pending = outbox[0]!
        const payload: ChatSendPayload = {
          text: pending.text,
          clientMessageId: pending.stream.clientMessageId,
        }
        const target = pending.conversationId ?? conversationId
        if (target) payload.conversationId = target
        if (pending.page) payload.page = pending.page
        if (pending.speech) payload.speech = true
        let res: Ack<NonNullable<Pending['ack']>>
        try {
          res = await socket.timeout(ackTimeoutMs).emitWithAck('chat:send', payload)
        } catch {
          // No ack (timed out, or the connection dropped): keep the message first in line and
          // send it again now, or once reconnected; the server stores it once whatever happens.
          if (socket.connected) continue
          return
        }
        if ('error' in res) {
          const error = AvatarAdamError.fromBody(res.error)
          const counted = error.code !== 'server_shutting_down'
          if (RETRYABLE.has(error.code) && (!counted || pending.retries++ < MAX_RETRIES)) {
            retryLater((error.retryAfter ?? 2) * 1000)
            return
          }
          if (error.code === 'conversation_not_found' && !pending.conversationId) {
            // The remembered conversation is gone (or another visitor's): start a new one.
            conversationId = undefined
            storage?.removeItem(`${storageKey}:conversation`)
            continue
          }
          outbox.shift()
          pending.stream._fail(error)
          continue
        }
        outbox.shift()
        acknowledged(pending, res)
      }
    } finally {
      flushing = false
    }
  }

  function retryLater(ms: number) {
    clearTimeout(retryTimer)
    retryTimer = setTimeout(() => void flush(), ms)
  }

  /**
   * After a reconnect the server could not resume (it restarted, or the drop was long): fetch what
   * was stored since each unfinished answer's message, and send again what was never answered.
   * One check at a time: a reconnect and the watchdog must not both send a lost message again.
   */
  let resyncing: Promise<void> | undefined
  function resync(): Promise<void> {
    resyncing ??= checkUnfinished().finally(() => {
      resyncing = undefined
    })
    return resyncing
  }

  async function checkUnfinished() {
    const lost: Pending[] = []
    for (const pending of [...answering.values()]) {
      pending.lastActivity = Date.now()
      const ack = pending.ack!
      try {
        const res: Ack<HistoryResult> = await socket
          .timeout(ackTimeoutMs)
          .emitWithAck('conversation:history', {
            conversationId: ack.conversationId,
            afterMessageId: ack.messageId,
          })
        if ('error' in res) continue
        const reply = res.messages.find((m) => m.replyTo === ack.messageId)
        if (reply) {
          answering.delete(ack.replyMessageId)
          pending.stream._done({
            conversationId: reply.conversationId,
            messageId: reply.id,
            replyTo: ack.messageId,
            text: reply.text,
            citations: reply.citations,
          })
        } else if (!res.answering) {
          // Lost with a crashed server: ask again (same clientMessageId, so stored once).
          answering.delete(ack.replyMessageId)
          lost.push(pending)
        }
      } catch {
        break
      }
    }
    // Asked again first, and in the order they were first asked.
    outbox.unshift(...lost)
  }

  socket.on('connect', () => {
    setStatus('connected')
    // Even a recovered session checks: the instance that was answering may be gone.
    void resync().then(flush)
  })
  // An answer that has gone quiet (its server died mid-way) is checked on, and asked again once
  // the server's claim on it has run out.
  const watchdog = setInterval(() => {
    const quiet = [...answering.values()].some((p) => Date.now() - p.lastActivity > QUIET_MS)
    if (quiet && socket.connected) void resync().then(flush)
  }, QUIET_MS / 2)
  ;(watchdog as { unref?: () => void }).unref?.()
  socket.on('disconnect', () => setStatus('offline'))
  socket.on('connect_error', (err) => {
    const data = (err as Error & { data?: ConnectErrorData }).data
    if (!data?.code) return setStatus('offline')
    const error = AvatarAdamError.fromBody(data)
    emit('error', error)
    // A malformed handshake is refused the same way every time, like a refused key.
    if (isAccessRefusal(error.code) || error.code === 'invalid_request') {
      close(error)
    } else {
      // Refused by a middleware (rate limit…): Socket.io does not retry those by itself.
      setStatus('offline')
      setTimeout(() => status !== 'closed' && socket.connect(), (error.retryAfter ?? 2) * 1000)
    }
  })
  socket.on('chat:delta', (d) => {
    emit('chat:delta', d)
    route(d, (p) => {
      p.lastActivity = Date.now()
      p.stream._delta(d)
    })
  })
  socket.on('chat:done', (d) => {
    emit('chat:done', d)
    route(d, (p) => finish(p, d))
  })
  socket.on('chat:error', (e) => {
    emit('chat:error', e)
    const pending = e.messageId ? answering.get(e.messageId) : undefined
    if (pending && e.messageId) {
      answering.delete(e.messageId)
      pending.stream._fail(AvatarAdamError.fromBody(e))
    }
  })
  socket.on('chat:message', (m) => emit('chat:message', m))
  socket.on('lead:request', (r) => emit('lead:request', r))
  socket.on('speech:audio', (a) => emit('speech:audio', a))
  socket.on('speech:error', (e) => emit('speech:error', e))
  socket.on('widget:settings', (next) => {
    settings = next
    emit('settings', next)
  })
  // Asked once per connection: another instance after a reconnect may be configured otherwise.
  let offered: Promise<ServerCapabilities> | undefined
  socket.on('disconnect', () => {
    offered = undefined
  })

  function close(error: AvatarAdamError = closedError()) {
    if (status === 'closed') return
    clearTimeout(retryTimer)
    clearInterval(watchdog)
    setStatus('closed')
    socket.close()
    for (const p of [...outbox, ...answering.values()]) p.stream._fail(error)
    outbox.length = 0
    answering.clear()
  }

  async function connected(): Promise<void> {
    if (socket.connected) return
    if (status === 'closed') throw closedError()
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.off('connect', onConnect)
        reject(new AvatarAdamError('timeout', 'Could not reach the AvatarAdam server.'))
      }, ackTimeoutMs)
      const onConnect = () => {
        clearTimeout(timer)
        resolve()
      }
      socket.once('connect', onConnect)
    })
  }

  return {
    visitorId,
    get conversationId() {
      return conversationId
    },
    get status() {
      return status
    },
    get settings() {
      return settings
    },
    ask(text, askOptions = {}) {
      const stream = new AnswerStream(askOptions.clientMessageId ?? randomId('m_'))
      if (status === 'closed') {
        stream._fail(closedError())
        return stream
      }
      outbox.push({
        text,
        conversationId: askOptions.conversationId,
        stream,
        lastActivity: 0,
        retries: 0,
        page,
        speech: askOptions.speech ?? false,
      })
      void flush()
      return stream
    },
    async history(historyOptions = {}) {
      const id = historyOptions.conversationId ?? conversationId
      if (!id) return []
      await connected()
      let res: Ack<HistoryResult>
      try {
        res = await socket.timeout(ackTimeoutMs).emitWithAck('conversation:history', {
          conversationId: id,
          ...(historyOptions.afterMessageId
            ? { afterMessageId: historyOptions.afterMessageId }
            : {}),
        })
      } catch {
        throw new AvatarAdamError('timeout', 'The AvatarAdam server did not answer in time.')
      }
      if ('error' in res) throw AvatarAdamError.fromBody(res.error)
      return res.messages
    },
    setPage(next) {
      page = next
    },
    capabilities() {
      offered ??= (async () => {
        await connected()
        let res: Ack<ServerCapabilities>
        try {
          res = await socket.timeout(ackTimeoutMs).emitWithAck('server:capabilities', {})
        } catch {
          throw new AvatarAdamError('timeout', 'The AvatarAdam server did not answer in time.')
        }
        if ('error' in res) throw AvatarAdamError.fromBody(res.error)
        return res
      })()
      const asked = offered
      asked.catch(() => {
        if (offered === asked) offered = undefined
      })
      return asked
    },
    async startSpeech(speechOptions) {
      await connected()
      return startRecording(socket, speechOptions, ackTimeoutMs)
    },
    async transcribe(chunks, speechOptions) {
      await connected()
      const recording = await startRecording(socket, speechOptions, ackTimeoutMs)
      try {
        for await (const chunk of chunks) recording.write(chunk)
      } catch (err) {
        recording.cancel()
        throw err
      }
      return recording.end()
    },
    newConversation() {
      conversationId = undefined
      storage?.removeItem(`${storageKey}:conversation`)
    },
    async avatarSession() {
      await connected()
      let res: Ack<AvatarSession>
      try {
        res = await socket.timeout(ackTimeoutMs).emitWithAck('avatar:session', {})
      } catch {
        throw new AvatarAdamError('timeout', 'The AvatarAdam server did not answer in time.')
      }
      if ('error' in res) throw AvatarAdamError.fromBody(res.error)
      return res
    },
    async submitLead(lead) {
      const payload: LeadSubmitPayload = {
        ...lead,
        clientLeadId: lead.clientLeadId ?? randomId('l_'),
      }
      await connected()
      let res: Ack<LeadSubmitResult>
      try {
        res = await socket.timeout(ackTimeoutMs).emitWithAck('lead:submit', payload)
      } catch {
        throw new AvatarAdamError('timeout', 'The AvatarAdam server did not answer in time.')
      }
      if ('error' in res) throw AvatarAdamError.fromBody(res.error)
      return res.lead
    },
    on(event, listener) {
      listeners[event].add(listener)
      return () => listeners[event].delete(listener)
    },
    close: () => close(),
  }
}
