import type { OpenAPIHono } from '@hono/zod-openapi'
import type { Logger } from '../logger.ts'
import type { ApiKeyRecord } from '../tenants/keys-repo.ts'

/** What middleware puts on the Hono context for the handlers after it. */
export interface AppEnv {
  Variables: {
    requestId: string
    log: Logger
    /** Set by the secret-key middleware on `/v1` routes. */
    tenantId: string
    apiKey: ApiKeyRecord
  }
}

export type AppRouter = OpenAPIHono<AppEnv>
