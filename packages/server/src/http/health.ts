import { Hono } from 'hono'
import type { AppEnv } from './env.ts'

export interface Readiness {
  /** Throws when the database does not answer. */
  checkDatabase(): Promise<void>
  /** Started, and not shutting down. */
  isReady(): boolean
}

/** `/healthz`: the process is up. `/readyz`: it can take traffic (database answers, not draining). */
export function healthRoutes(readiness: Readiness) {
  const app = new Hono<AppEnv>()
  app.get('/healthz', (c) => c.json({ status: 'ok' }))
  app.get('/readyz', async (c) => {
    if (!readiness.isReady()) {
      return c.json({ error: { code: 'not_ready', message: 'Starting or shutting down.' } }, 503)
    }
    try {
      await readiness.checkDatabase()
    } catch (err) {
      c.var.log.warn({ err }, 'readiness check failed')
      return c.json(
        { error: { code: 'not_ready', message: 'The database is not answering.' } },
        503,
      )
    }
    return c.json({ status: 'ready' })
  })
  return app
}
