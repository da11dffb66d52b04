import { timingSafeEqual } from 'node:crypto'
import { Hono } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import type { Metrics } from './metrics.ts'

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * `/metrics` in Prometheus' text format. Open by default, for a scraper on a private network;
 * with a token set, only `Authorization: Bearer <token>` is answered.
 */
export function metricsRoutes(metrics: Metrics, token: string | undefined) {
  const app = new Hono<AppEnv>()
  app.get('/metrics', async (c) => {
    if (token) {
      const given = c.req.header('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
      if (!sameToken(given, token))
        throw new AppError('unauthorized', 'A valid metrics token is required.')
    }
    c.header('Content-Type', metrics.registry.contentType)
    c.header('Cache-Control', 'no-store')
    return c.body(await metrics.registry.metrics())
  })
  return app
}
