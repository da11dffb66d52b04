import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Principal } from '../auth/principal.ts'
import type { Logger } from '../logger.ts'

/** What middleware puts on the Hono context for the handlers after it. */
export interface AppEnv {
  Variables: {
    requestId: string
    log: Logger
    /** Set by the `/v1` auth middleware: whose data this request may touch. */
    tenantId: string
    /** Set by the `/v1` auth middleware: a signed-in member or a secret key. */
    principal: Principal
    /** The client's address (after trusted proxies), for limits and the audit log. */
    clientIp: string
  }
}

export type AppRouter = OpenAPIHono<AppEnv>
