import {
  type Ack,
  type AvatarSession,
  type ChatSendResult,
  CLIENT_EVENTS,
  type ErrorResponse,
  type HistoryResult,
} from '@avataradam/sdk/protocol'
import { z } from 'zod'
import type { Db } from '../db/index.ts'
import { AppError, toErrorBody } from '../errors.ts'
import { validationError } from '../http/errors.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import type { SpeechSynthesizer } from '../providers/tts/index.ts'
import { conversationRoom, type RealtimeServer, type VisitorSocket } from '../realtime/types.ts'
import { spokenAnswer } from '../speech/spoken-answer.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import { storeVisitorMessage, visitorHistory } from './chat-service.ts'
import { ChatSendSchema, HistorySchema } from './schemas.ts'
import type { TurnEvents, TurnRunner } from './turns.ts'

export interface ChatHandlerDeps {
  db: Db
  /** For read-only queries (a replica, with DATABASE_READ_URL); `db` when unset. */
  readDb?: Db | undefined
  turns: TurnRunner
  log: Logger
  io: RealtimeServer
  keys: KeyService
  /** chat:send per visitor. */
  messageLimiter: RateLimiter
  /** chat:send per client address: visitor ids are the client's to make up. */
  addressLimiter: RateLimiter
  /** Any event per connection, against floods of cheap events. */
  eventLimiter: RateLimiter
  /** Which avatar each dealership's visitors see; mints HeyGen sessions. */
  avatars: { sessionFor(visitor: { tenantId: string; visitorId: string }): Promise<AvatarSession> }
  /** avatar:session per visitor: each HeyGen session is billed. */
  avatarLimiter: RateLimiter
  /** avatar:session per client address. */
  avatarAddressLimiter: RateLimiter
  maxMessageChars: number
  /** Speaks answers to sockets that ask (`speech: true`); undefined when the browser speaks. */
  synthesizer?: SpeechSynthesizer | undefined
  /** Told when a provider fails (metrics). */
  onProviderError?: ((capability: string, provider: string) => void) | undefined
  /** True once shutdown began: new turns are refused so the instance can drain. */
  isClosing(): boolean
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(CLIENT_EVENTS)

/** Sends a turn's output to every socket showing the conversation (other tabs, other instances). */
function roomEvents(io: RealtimeServer, conversationId: string): TurnEvents {
  const room = conversationRoom(conversationId)
  return {
    delta: (d) => io.to(room).emit('chat:delta', d),
    done: (d) => io.to(room).emit('chat:done', d),
    error: (e) => io.to(room).emit('chat:error', e),
    leadRequest: (r) => io.to(room).emit('lead:request', r),
  }
}

/** Runs a validated event: returns the ack, and optionally what to send once it is on its way. */
export type EventHandle = <S extends z.ZodType, R>(
  event: (typeof CLIENT_EVENTS)[number],
  schema: S,
  run: (payload: z.infer<S>) => Promise<{ ack: R; afterAck?: () => void }>,
) => void

/**
 * The one way a visitor event is handled, whatever its domain: counted against the connection's
 * event limit, validated before anything runs, and every failure turned into an ack `{ error }`
 * (or a `chat:error` when the client gave no ack callback).
 */
export function eventHandler(
  socket: VisitorSocket,
  deps: {
    eventLimiter: RateLimiter
    log: Logger
    /** Where an error goes when the client gave no ack callback. */
    errorEvent?: 'chat:error' | 'speech:error'
  },
): EventHandle {
  const { log } = deps
  return (event, schema, run) => {
    socket.on(event, async (payload: unknown, ack?: unknown) => {
      const reply =
        typeof ack === 'function'
          ? (ack as (res: Ack<unknown>) => void)
          : (res: Ack<unknown>) => {
              if (res && typeof res === 'object' && 'error' in res) {
                socket.emit(deps.errorEvent ?? 'chat:error', (res as ErrorResponse).error)
              }
            }
      try {
        await deps.eventLimiter.consume(socket.id)
        const parsed = schema.safeParse(payload)
        if (!parsed.success) throw validationError(parsed.error)
        const { ack: result, afterAck } = await run(parsed.data)
        reply(result)
        afterAck?.()
      } catch (err) {
        if (!AppError.isInstance(err)) log.error({ err, event }, 'event handler failed')
        reply({ error: toErrorBody(err) })
      }
    })
  }
}

/**
 * Wires the chat events of one socket (see {@link eventHandler}), and answers events the protocol
 * does not know with `unknown_event`.
 */
export function registerChatHandlers(
  socket: VisitorSocket,
  deps: ChatHandlerDeps,
  handle: EventHandle = eventHandler(socket, {
    eventLimiter: deps.eventLimiter,
    log: deps.log.child({ tenantId: socket.data.tenantId, socketId: socket.id }),
  }),
): void {
  const log = deps.log.child({ tenantId: socket.data.tenantId, socketId: socket.id })
  // Speech being made for this socket stops when it leaves.
  const gone = new AbortController()
  socket.on('disconnect', () => gone.abort())
  handle('chat:send', ChatSendSchema, async (payload) => {
    if (payload.text.length > deps.maxMessageChars) {
      throw new AppError(
        'message_too_long',
        `Messages can be at most ${deps.maxMessageChars} characters.`,
        { details: { maxChars: deps.maxMessageChars } },
      )
    }
    if (deps.isClosing()) {
      throw new AppError(
        'server_shutting_down',
        'This server is restarting; send again after reconnecting.',
      )
    }
    // A key revoked (or expired) since the handshake stops working at once, and the connection
    // with it. The lookup is cached, so this costs nothing per message.
    await deps.keys.authenticate(socket.data.key).catch((err: unknown) => {
      // Not for a database hiccup: that fails this message, and the visitor sends it again.
      if (isKeyRefusal(err)) setImmediate(() => socket.disconnect(true))
      throw err
    })
    // The page the visitor sends from, when the client says (a single-page site moves on without
    // reconnecting); otherwise the page it connected from.
    const visitor = payload.page ? { ...socket.data, page: payload.page } : socket.data
    await deps.addressLimiter.consume(socket.data.ip)
    await deps.messageLimiter.consume(`${socket.data.tenantId}:${socket.data.visitorId}`)
    const stored = await storeVisitorMessage(deps.db, visitor, payload)
    const room = conversationRoom(stored.conversationId)
    await socket.join(room)
    if (stored.created) socket.to(room).emit('chat:message', stored.message)
    const ack = (replyMessageId: string): ChatSendResult => ({
      conversationId: stored.conversationId,
      messageId: stored.message.id,
      replyMessageId,
    })
    const { reply } = stored
    if (reply) {
      // Answered before (the client resent after losing the answer): send it to this socket again.
      return {
        ack: ack(reply.id),
        afterAck: () =>
          socket.emit('chat:done', {
            conversationId: reply.conversationId,
            messageId: reply.id,
            replyTo: stored.message.id,
            text: reply.text,
            citations: reply.citations,
            // As the first time: its buttons and language (the widget's voice and strings).
            ...(reply.actions ? { actions: reply.actions } : {}),
            ...(reply.language ? { language: reply.language } : {}),
          }),
      }
    }
    const answerId = stored.answerId!
    // Answer it if this call claimed it; otherwise its answer is already on its way (from this
    // instance or another) and reaches this socket through the conversation room.
    if (!stored.claimed) return { ack: ack(answerId) }
    const toRoom = roomEvents(deps.io, stored.conversationId)
    const { synthesizer } = deps
    // Spoken to this socket only: another tab showing the conversation stays quiet.
    const events =
      payload.speech && synthesizer
        ? spokenAnswer(toRoom, {
            answerId,
            synthesizer,
            audio: (audio) => socket.emit('speech:audio', audio),
            error: (error) => socket.emit('speech:error', error),
            signal: gone.signal,
            log,
            onProviderError: (provider) => deps.onProviderError?.('tts', provider),
          })
        : toRoom
    return {
      ack: ack(answerId),
      afterAck: () =>
        deps.turns.answer(visitor, stored.message, answerId, events, {
          // The opening question of a conversation depends on nothing said before: cacheable.
          firstInConversation: stored.created && !payload.conversationId,
        }),
    }
  })

  handle('conversation:history', HistorySchema, async (payload) => {
    const { messages, answering } = await visitorHistory(
      deps.readDb ?? deps.db,
      socket.data,
      payload,
    )
    await socket.join(conversationRoom(payload.conversationId))
    const ack: HistoryResult = { conversationId: payload.conversationId, messages, answering }
    return { ack }
  })

  handle('avatar:session', z.object({}), async () => {
    // The same checks as a message: a revoked key mints nothing, and a visitor (or one address
    // making up visitor ids) cannot run up the dealership's HeyGen bill.
    await deps.keys.authenticate(socket.data.key).catch((err: unknown) => {
      if (isKeyRefusal(err)) setImmediate(() => socket.disconnect(true))
      throw err
    })
    await deps.avatarLimiter.consume(`${socket.data.tenantId}:${socket.data.visitorId}`)
    await deps.avatarAddressLimiter.consume(socket.data.ip)
    const ack: AvatarSession = await deps.avatars.sessionFor(socket.data)
    return { ack }
  })

  socket.onAny((event: string, ...args: unknown[]) => {
    if (KNOWN_EVENTS.has(event)) return
    const error = toErrorBody(
      new AppError('unknown_event', `Unknown event "${String(event).slice(0, 64)}".`, {
        details: { events: CLIENT_EVENTS },
      }),
    )
    const ack = args.at(-1)
    if (typeof ack === 'function') ack({ error })
    else socket.emit('chat:error', error)
  })
}
