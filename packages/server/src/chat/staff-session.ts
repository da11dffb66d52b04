import { decodeJwt } from 'jose'
import { AppError, toErrorBody } from '../errors.ts'
import type { AccessTokenVerifier } from '../http/v1-auth.ts'
import type { Logger } from '../logger.ts'
import type { VisitorSocket } from '../realtime/types.ts'

/** How often a member's staff socket checks its access token again, by default. */
export const STAFF_TOKEN_CHECK_MS = 15_000

/**
 * Keeps a portal member's staff socket (handshake `auth: { accessToken }`) no longer than its
 * token would be accepted on a request: rooms joined by `staff:watch` would otherwise stream on
 * after the member signed out, was removed or demoted, or the token expired.
 *
 * - At the token's expiry the transport is closed: the client reconnects as after any network
 *   drop, its handshake presenting a fresh token (connection state recovery gives it back its
 *   rooms and what it missed), or, with none, is refused `token_expired` and stops.
 * - Every `checkEveryMs` the token is verified again; refused (session revoked, member removed
 *   or their role changed) the socket gets `chat:error` with the refusal and is disconnected for
 *   good: no reconnection, no recovered rooms.
 *
 * A check that fails for another reason (the database unreachable) keeps the socket: the expiry
 * still bounds it to the token's ten minutes.
 */
export function limitToAccessToken(
  socket: VisitorSocket,
  deps: { accessTokens: AccessTokenVerifier; checkEveryMs: number; log: Logger },
): void {
  const token = socket.data.accessToken
  if (token === undefined) return
  const expired = () => socket.conn.close()
  const { exp } = decodeJwt(token)
  // The handshake verified the token, so it carries an expiry; a token without one is refused.
  const expiry = setTimeout(expired, typeof exp === 'number' ? exp * 1000 - Date.now() : 0)
  expiry.unref()

  let checking = false
  const check = setInterval(async () => {
    if (checking || socket.disconnected) return
    checking = true
    try {
      const principal = await deps.accessTokens.verify(token)
      if (!principal.permissions.has('conversations')) {
        throw new AppError('forbidden', 'Your role cannot watch conversations.')
      }
    } catch (err) {
      if (!AppError.isInstance(err)) {
        deps.log.warn({ err }, 'staff socket token check failed; kept until the token expires')
      } else if (err.code === 'token_expired') {
        expired()
      } else {
        // `socket.emit` goes through the adapter when connection state recovery is on, which
        // with Redis waits for Redis: the disconnect would overtake it. A local broadcast to
        // the socket's own room is queued at once, ahead of the disconnect.
        socket.nsp.local.to(socket.id).emit('chat:error', toErrorBody(err))
        socket.disconnect(true)
      }
    } finally {
      checking = false
    }
  }, deps.checkEveryMs)
  check.unref()

  socket.once('disconnect', () => {
    clearTimeout(expiry)
    clearInterval(check)
  })
}
