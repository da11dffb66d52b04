import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client'
import { AvatarAdamError } from './errors.ts'
import type {
  ChatDelta,
  ChatDone,
  ChatError,
  ChatMessage,
  ClientToServerEvents,
  ConnectErrorData,
  LeadRequest,
  PortalStaffHandshakeAuth,
  ServerToClientEvents,
  StaffHandshakeAuth,
  StaffWatchResult,
} from './protocol.ts'

interface StaffClientCommonOptions {
  /** The AvatarAdam server, such as `https://chat.example.com`. */
  baseUrl: string
  /** Passed to socket.io-client (transports, reconnection delays…). */
  socketOptions?: Partial<ManagerOptions & SocketOptions>
  /** How long to wait for a `staff:watch` ack (default 10 s). */
  timeoutMs?: number
}

export type StaffClientOptions = StaffClientCommonOptions &
  (
    | {
        /** A secret key, `sk_live_…` or `sk_test_…`. Server-side only: browsers are refused. */
        secretKey: string
        accessToken?: never
      }
    | {
        /**
         * A portal member's access token (from `/v1/auth`), for the portal in a browser; a
         * function is asked again at every (re)connection, so it can hand out a refreshed one.
         * The server drops the connection when the token expires (the client reconnects with
         * the function's next token) and ends it with `chat:error` `invalid_token` once the
         * member signs out or is removed.
         */
        accessToken: string | (() => string | Promise<string>)
        secretKey?: never
      }
  )

/** What happens in a watched conversation, as it happens. */
export interface WatchHandlers {
  /** A visitor message, stored from any instance. */
  message?: (message: ChatMessage) => void
  delta?: (delta: ChatDelta) => void
  done?: (done: ChatDone) => void
  error?: (error: ChatError) => void
  leadRequest?: (request: LeadRequest) => void
}

export interface Watch extends StaffWatchResult {
  /** Stops calling the handlers (the socket stays connected for other watches). */
  stop(): void
}

/** A dealership's staff view of live conversations, from its own server. */
export interface StaffClient {
  /**
   * Acks the conversation's history, then calls `handlers` with its events as they happen; the
   * watch is renewed after a reconnect. Throws `conversation_not_found` for another dealership's.
   */
  watchConversation(conversationId: string, handlers: WatchHandlers): Promise<Watch>
  close(): void
}

/**
 * A socket that watches conversations live (`staff:watch`), whichever instance serves the
 * visitor: with a secret key from the dealership's servers (never a browser), or with a portal
 * member's access token (role permission `conversations`) from the portal.
 *
 * @example
 * ```ts
 * const staff = createStaffClient({ secretKey: process.env.AVATARADAM_SECRET_KEY!, baseUrl })
 * const watch = await staff.watchConversation(id, { done: (d) => console.log(d.text) })
 * console.log(watch.messages.length, 'messages so far')
 * ```
 */
export function createStaffClient(options: StaffClientOptions): StaffClient {
  const timeoutMs = options.timeoutMs ?? 10_000
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(options.baseUrl, {
    transports: ['websocket'],
    ...options.socketOptions,
    auth:
      options.accessToken === undefined
        ? ({ key: options.secretKey } satisfies StaffHandshakeAuth)
        : (send: (auth: PortalStaffHandshakeAuth) => void) => {
            const { accessToken } = options
            Promise.resolve(typeof accessToken === 'function' ? accessToken() : accessToken).then(
              (token) => send({ accessToken: token }),
              () => send({ accessToken: '' }),
            )
          },
    autoConnect: false,
  })
  const watches = new Map<string, Set<WatchHandlers>>()
  const dispatch =
    <E extends keyof WatchHandlers>(name: E) =>
    (event: Parameters<NonNullable<WatchHandlers[E]>>[0]) => {
      const id = (event as { conversationId?: string }).conversationId
      for (const handlers of (id && watches.get(id)) || []) {
        ;(handlers[name] as ((e: typeof event) => void) | undefined)?.(event)
      }
    }
  socket.on('chat:message', dispatch('message'))
  socket.on('chat:delta', dispatch('delta'))
  socket.on('chat:done', dispatch('done'))
  const toEveryWatch = (error: ChatError) => {
    for (const set of watches.values()) for (const handlers of set) handlers.error?.(error)
  }
  // Without a conversation, an error is about the connection itself: a portal member signed out
  // or removed (`invalid_token`), after which the server disconnects for good.
  socket.on('chat:error', (error) =>
    error.conversationId ? dispatch('error')(error) : toEveryWatch(error),
  )
  // A reconnection the server refuses (a token that expired with no fresh one to replace it, a
  // revoked key) is not retried: the watches hear why.
  socket.on('connect_error', (err: Error & { data?: ConnectErrorData }) => {
    if (connected && err.data) toEveryWatch(err.data)
  })
  socket.on('lead:request', dispatch('leadRequest'))
  let connected = false
  // A new connection has joined no room: watch again what was watched.
  socket.on('connect', () => {
    if (connected && !socket.recovered) {
      for (const id of watches.keys())
        socket.timeout(timeoutMs).emit('staff:watch', { conversationId: id }, () => {})
    }
    connected = true
  })

  function connect(): Promise<void> {
    if (socket.connected) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const onConnect = () => {
        socket.off('connect_error', onError)
        resolve()
      }
      const onError = (err: Error & { data?: ConnectErrorData }) => {
        socket.off('connect', onConnect)
        reject(
          err.data
            ? AvatarAdamError.fromBody(err.data)
            : new AvatarAdamError('network_error', err.message, { cause: err }),
        )
      }
      socket.once('connect', onConnect)
      socket.once('connect_error', onError)
      socket.connect()
    })
  }

  return {
    async watchConversation(conversationId, handlers) {
      await connect()
      let res: Awaited<ReturnType<typeof socket.emitWithAck<'staff:watch'>>>
      try {
        res = await socket.timeout(timeoutMs).emitWithAck('staff:watch', { conversationId })
      } catch (err) {
        throw new AvatarAdamError('timeout', 'No answer to staff:watch in time.', { cause: err })
      }
      if ('error' in res) throw AvatarAdamError.fromBody(res.error)
      const set = watches.get(conversationId) ?? new Set()
      set.add(handlers)
      watches.set(conversationId, set)
      return {
        ...res,
        stop() {
          set.delete(handlers)
          if (set.size === 0) watches.delete(conversationId)
        },
      }
    },
    close() {
      watches.clear()
      socket.close()
    },
  }
}
