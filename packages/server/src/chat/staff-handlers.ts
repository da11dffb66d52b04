import { CLIENT_EVENTS, type StaffWatchResult } from '@avataradam/sdk/protocol'
import type { Db } from '../db/index.ts'
import { AppError, toErrorBody } from '../errors.ts'
import type { AccessTokenVerifier } from '../http/v1-auth.ts'
import type { Logger } from '../logger.ts'
import { conversationRoom, type VisitorSocket } from '../realtime/types.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import { findConversation, isConversationAnswering, listMessages } from './messages-repo.ts'
import { StaffWatchSchema } from './schemas.ts'
import type { EventHandle } from './socket-handlers.ts'
import { limitToAccessToken, STAFF_TOKEN_CHECK_MS } from './staff-session.ts'

const staffOnly = () =>
  new AppError(
    'wrong_key_type',
    'staff:watch needs a socket connected with a secret key, from the dealership’s server.',
  )

const visitorOnly = (event: string) =>
  new AppError(
    'wrong_key_type',
    `${event} is a visitor's event: connect with a publishable key (pk_…) to chat.`,
  )

/**
 * A staff socket (secret key, see the handshake): `staff:watch` acks a conversation of the
 * dealership with its history and joins its room, so the socket receives the conversation's
 * events live from whichever instance serves the visitor. Every visitor event is refused.
 * A member's socket lasts no longer than their access token is accepted (see `limitToAccessToken`).
 */
export function registerStaffHandlers(
  socket: VisitorSocket,
  deps: {
    db: Db
    keys: KeyService
    accessTokens?: AccessTokenVerifier | undefined
    handle: EventHandle
    log: Logger
    /** How often a member's socket checks its access token again (default 15 s). */
    tokenCheckMs?: number | undefined
  },
): void {
  if (socket.data.accessToken !== undefined && deps.accessTokens) {
    limitToAccessToken(socket, {
      accessTokens: deps.accessTokens,
      checkEveryMs: deps.tokenCheckMs ?? STAFF_TOKEN_CHECK_MS,
      log: deps.log,
    })
  }
  deps.handle('staff:watch', StaffWatchSchema, async ({ conversationId }) => {
    const { tenantId, accessToken } = socket.data
    if (accessToken !== undefined) {
      // A member signed out, removed or demoted watches nothing more: their client reconnects
      // with a fresh token (it expires in minutes), or stops.
      if (!deps.accessTokens) throw new AppError('invalid_token', 'Sign in again.')
      await deps.accessTokens.verify(accessToken).catch((err: unknown) => {
        setImmediate(() => socket.disconnect(true))
        throw err
      })
    } else {
      // A revoked secret key watches nothing more, and its connection ends.
      await deps.keys.authenticate(socket.data.key).catch((err: unknown) => {
        if (isKeyRefusal(err)) setImmediate(() => socket.disconnect(true))
        throw err
      })
    }
    const found = await deps.db.tenant(tenantId, async (tx) => {
      if (!(await findConversation(tx, tenantId, conversationId))) return null
      return {
        messages: await listMessages(tx, conversationId, { limit: 500 }),
        answering: await isConversationAnswering(tx, conversationId),
      }
    })
    if (!found) {
      throw new AppError('conversation_not_found', 'No such conversation for this dealership.')
    }
    await socket.join(conversationRoom(conversationId))
    const ack: StaffWatchResult = { conversationId, ...found }
    return { ack }
  })

  socket.onAny((event: string, ...args: unknown[]) => {
    if (event === 'staff:watch') return
    const known = (CLIENT_EVENTS as readonly string[]).includes(event)
    const error = toErrorBody(
      known
        ? visitorOnly(event)
        : new AppError('unknown_event', `Unknown event "${String(event).slice(0, 64)}".`, {
            details: { events: CLIENT_EVENTS },
          }),
    )
    const ack = args.at(-1)
    if (typeof ack === 'function') ack({ error })
    else socket.emit('chat:error', error)
  })
}

/** On a visitor's socket: `staff:watch` is refused (a publishable key watches nothing). */
export function refuseStaffEvents(handle: EventHandle): void {
  handle('staff:watch', StaffWatchSchema.partial(), async () => {
    throw staffOnly()
  })
}
