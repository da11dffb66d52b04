import { getConnInfo } from '@hono/node-server/conninfo'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import { clientIp } from '../limits/client-ip.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import type { AppEnv } from './env.ts'

export interface SecretKeyAuthOptions {
  keys: KeyService
  /** Requests per tenant, however many keys it has. */
  requestLimiter: RateLimiter
  /** Failed authentications per client address, against key guessing. */
  authFailureLimiter: RateLimiter
  trustProxyHops: number
}

/**
 * Back-office routes take `Authorization: Bearer sk_…`. Publishable keys are refused here: they
 * sit in web pages for anyone to read and may only do what a visitor does.
 */
export function secretKeyAuth(options: SecretKeyAuthOptions) {
  const { keys, requestLimiter, authFailureLimiter, trustProxyHops } = options
  return createMiddleware<AppEnv>(async function secretKeyAuth(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) {
      throw new AppError('unauthorized', 'Send a secret key as "Authorization: Bearer sk_…".')
    }
    const ip = clientIp(
      getConnInfo(c).remote.address,
      c.req.header('x-forwarded-for'),
      trustProxyHops,
    )
    await authFailureLimiter.check(ip)
    const key = await keys.authenticate(match[1]!).catch(async (err: unknown) => {
      if (isKeyRefusal(err)) await authFailureLimiter.consume(ip)
      throw err
    })
    if (key.type !== 'secret') {
      throw new AppError(
        'wrong_key_type',
        'Publishable keys only work in the widget and SDK visitor client; use a secret key here.',
      )
    }
    await requestLimiter.consume(key.tenantId)
    c.set('apiKey', key)
    c.set('tenantId', key.tenantId)
    await next()
  })
}
