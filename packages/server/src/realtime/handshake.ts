import type { ErrorBody } from '@avataradam/sdk/protocol'
import type { ExtendedError } from 'socket.io'
import { HandshakeAuthSchema, readPageContext, StaffHandshakeAuthSchema } from '../chat/schemas.ts'
import { AppError, toErrorBody } from '../errors.ts'
import type { AccessTokenVerifier } from '../http/v1-auth.ts'
import { clientIp } from '../limits/client-ip.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import { isOriginAllowed } from '../tenants/origins.ts'
import type { VisitorSocket } from './types.ts'

/** The browser origin of a handshake: Origin, or for same-origin polling (no Origin) the Referer's. */
function originOf(headers: Record<string, string | string[] | undefined>): string | null {
  const origin = headers.origin
  if (typeof origin === 'string' && origin !== 'null') return origin
  const referer = headers.referer
  if (typeof referer !== 'string') return null
  try {
    return new URL(referer).origin
  } catch {
    return null
  }
}

/** A refusal the client sees as `connect_error`: `err.message` is the code, `err.data` the body. */
function refusal(body: ErrorBody): ExtendedError {
  const err: ExtendedError = new Error(body.code)
  err.data = body
  return err
}

/**
 * Admits a socket only with a live publishable key, from an origin on that key's allow-list, and
 * within the per-IP connection limit. Sets `socket.data` to the tenant and visitor.
 *
 * A live secret key with no Origin is a staff client (a dealership's server watching its
 * conversations, see `staff:watch`); with an Origin, from a browser, it is refused.
 */
export function handshake(deps: {
  keys: KeyService
  /** Portal members' access tokens: `auth: { accessToken }` is a staff socket of the member. */
  accessTokens?: AccessTokenVerifier | undefined
  /** Handshakes per client address. */
  limiter: RateLimiter
  /** Refused keys per client address, against key guessing. */
  authFailureLimiter: RateLimiter
  trustProxyHops: number
  log: Logger
}) {
  return async function handshake(socket: VisitorSocket, next: (err?: ExtendedError) => void) {
    try {
      const { address, headers } = socket.handshake
      const ip = clientIp(address, headers['x-forwarded-for'], deps.trustProxyHops)
      await deps.limiter.consume(ip)
      await deps.authFailureLimiter.check(ip)
      const raw = socket.handshake.auth as { key?: unknown; accessToken?: unknown } | undefined
      // A portal member watching conversations live. The token is not ambient (a page cannot
      // send it without having it), so a browser Origin is fine here.
      if (typeof raw?.accessToken === 'string' && raw.key === undefined && deps.accessTokens) {
        const accessToken = raw.accessToken
        const principal = await deps.accessTokens
          .verify(accessToken)
          .catch(async (err: unknown) => {
            if (AppError.isInstance(err) && err.code === 'invalid_token') {
              await deps.authFailureLimiter.consume(ip)
            }
            throw err
          })
        if (principal.type !== 'member' || !principal.permissions.has('conversations')) {
          throw new AppError('forbidden', 'Your role cannot watch conversations.')
        }
        socket.data = {
          tenantId: principal.tenantId,
          keyId: principal.memberId,
          key: '',
          accessToken,
          ip,
          visitorId: `staff_${principal.memberId}`,
          page: null,
          staff: true,
        }
        return next()
      }
      // A secret key is a staff client (the dealership's own server); anything else a visitor.
      const staff = typeof raw?.key === 'string' && raw.key.startsWith('sk_')
      const auth = (staff ? StaffHandshakeAuthSchema : HandshakeAuthSchema).safeParse(raw)
      if (!auth.success) {
        const issue = auth.error.issues[0]
        const code = issue?.path[0] === 'key' ? 'unauthorized' : 'invalid_request'
        throw new AppError(code, `Handshake auth.${issue?.path.join('.')}: ${issue?.message}`)
      }
      const key = await deps.keys.authenticate(auth.data.key).catch(async (err: unknown) => {
        if (isKeyRefusal(err)) await deps.authFailureLimiter.consume(ip)
        throw err
      })
      const origin = originOf(socket.handshake.headers)
      if (key.type === 'secret') {
        // Browsers always send an Origin (`null` from sandboxed or opaque pages); a server-side
        // staff client sends none. A secret key seen from a browser is refused, so a page cannot
        // act as staff even with a leaked key.
        if (origin || socket.handshake.headers.origin !== undefined) {
          throw new AppError(
            'wrong_key_type',
            'Connect with a publishable key (pk_…); secret keys must never reach a browser.',
          )
        }
        socket.data = {
          tenantId: key.tenantId,
          keyId: key.id,
          key: auth.data.key,
          ip,
          visitorId: `staff_${key.id}`,
          page: null,
          staff: true,
        }
        return next()
      }
      const visitorAuth = HandshakeAuthSchema.safeParse(raw)
      if (!visitorAuth.success) {
        throw new AppError('wrong_key_type', 'Connect with a publishable key (pk_…).')
      }
      if (!origin) {
        throw new AppError(
          'origin_required',
          'The handshake carries no Origin. Browsers send it; other clients must set it to an origin the key allows.',
        )
      }
      if (!isOriginAllowed(origin, key.allowedOrigins)) {
        throw new AppError('origin_not_allowed', `This key is not allowed on ${origin}.`)
      }
      socket.data = {
        tenantId: key.tenantId,
        keyId: key.id,
        key: auth.data.key,
        ip,
        visitorId: visitorAuth.data.visitorId,
        page: readPageContext(visitorAuth.data.page),
        staff: false,
      }
      next()
    } catch (err) {
      if (!AppError.isInstance(err)) deps.log.error({ err }, 'handshake failed')
      next(refusal(toErrorBody(err)))
    }
  }
}
