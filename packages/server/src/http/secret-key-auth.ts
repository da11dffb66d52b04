import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { KeyService } from '../tenants/keys.ts'
import type { AppEnv } from './env.ts'

/**
 * Back-office routes take `Authorization: Bearer sk_…`. Publishable keys are refused here: they
 * sit in web pages for anyone to read and may only do what a visitor does.
 */
export function secretKeyAuth(keys: KeyService, limiter: RateLimiter) {
  return createMiddleware<AppEnv>(async function secretKeyAuth(c, next) {
    const header = c.req.header('authorization') ?? ''
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (!match) {
      throw new AppError('unauthorized', 'Send a secret key as "Authorization: Bearer sk_…".')
    }
    const key = await keys.authenticate(match[1]!)
    if (key.type !== 'secret') {
      throw new AppError(
        'wrong_key_type',
        'Publishable keys only work in the widget and SDK visitor client; use a secret key here.',
      )
    }
    await limiter.consume(key.id)
    c.set('apiKey', key)
    c.set('tenantId', key.tenantId)
    await next()
  })
}
