import { createMiddleware } from 'hono/factory'
import { keyPrincipal, type Principal } from '../auth/principal.ts'
import { AppError } from '../errors.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import type { AppEnv } from './env.ts'

/** Checks a portal access token; throws `invalid_token` or `token_expired`. */
export interface AccessTokenVerifier {
  verify(token: string): Promise<Principal>
}

export interface V1AuthOptions {
  keys: KeyService
  /** Portal members' access tokens; without it only secret keys are accepted. */
  accessTokens?: AccessTokenVerifier | undefined
  /** Requests per tenant, however many keys or members it has. */
  requestLimiter: RateLimiter
  /** Failed authentications per client address, against key guessing. */
  authFailureLimiter: RateLimiter
}

const KEY_PATTERN = /^(sk|pk)_/

/**
 * Back-office routes take `Authorization: Bearer sk_…` (a server) or `Bearer <access token>` (a
 * member signed in to the portal). Publishable keys are refused here: they sit in web pages for
 * anyone to read and may only do what a visitor does. What the caller may then do is checked per
 * route ({@link requires}).
 */
export function v1Auth(options: V1AuthOptions) {
  const { keys, accessTokens, requestLimiter, authFailureLimiter } = options
  return createMiddleware<AppEnv>(async function v1Auth(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) {
      throw new AppError(
        'unauthorized',
        'Send a secret key ("Authorization: Bearer sk_…") or sign in to the portal.',
      )
    }
    const credential = match[1]!
    const ip = c.var.clientIp
    await authFailureLimiter.check(ip)
    let principal: Principal
    if (KEY_PATTERN.test(credential) || !accessTokens) {
      const key = await keys.authenticate(credential).catch(async (err: unknown) => {
        if (isKeyRefusal(err)) await authFailureLimiter.consume(ip)
        throw err
      })
      if (key.type !== 'secret') {
        throw new AppError(
          'wrong_key_type',
          'Publishable keys only work in the widget and SDK visitor client; use a secret key here.',
        )
      }
      principal = keyPrincipal({
        tenantId: key.tenantId,
        keyId: key.id,
        prefix: key.prefix,
        scopes: key.scopes,
      })
    } else {
      principal = await accessTokens.verify(credential).catch(async (err: unknown) => {
        if (AppError.isInstance(err) && err.code === 'invalid_token') {
          await authFailureLimiter.consume(ip)
        }
        throw err
      })
    }
    await requestLimiter.consume(principal.tenantId)
    c.set('principal', principal)
    c.set('tenantId', principal.tenantId)
    await next()
  })
}
