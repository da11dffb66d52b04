import { createMiddleware } from 'hono/factory'
import type { Logger } from '../logger.ts'
import type { AppEnv } from './env.ts'
import { redactPath } from './redact-url.ts'

/** Gives each request a logger carrying its request id, and logs one line when it ends. */
export function requestLog(log: Logger) {
  return createMiddleware<AppEnv>(async function requestLog(c, next) {
    const started = performance.now()
    const child = log.child({ requestId: c.var.requestId })
    c.set('log', child)
    await next()
    child.info(
      {
        method: c.req.method,
        path: redactPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tenantId: c.get('tenantId'),
      },
      'request',
    )
  })
}
