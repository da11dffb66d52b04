import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, IdParamSchema, jsonResponse as json } from '../http/schemas.ts'
import type { KeyService } from './keys.ts'
import { toKeySummary } from './keys-repo.ts'
import { CreatedKeySchema, CreateKeySchema, KeyListSchema, KeySchema } from './schemas.ts'

const list = createRoute({
  method: 'get',
  path: '/keys',
  summary: "List this dealership's API keys (never the keys themselves)",
  middleware: [requires('keys')] as const,
  responses: { 200: json(KeyListSchema, 'Keys, oldest first'), ...errorResponses },
})

const create = createRoute({
  method: 'post',
  path: '/keys',
  summary: 'Create a publishable (browser) or secret (server) key',
  middleware: [requires('keys')] as const,
  request: {
    body: { required: true, content: { 'application/json': { schema: CreateKeySchema } } },
  },
  responses: { 201: json(CreatedKeySchema, 'The key, shown this once'), ...errorResponses },
})

const revoke = createRoute({
  method: 'post',
  path: '/keys/{id}/revoke',
  summary: 'Revoke a key: it is refused from then on',
  middleware: [requires('keys')] as const,
  request: { params: IdParamSchema },
  responses: { 200: json(KeySchema, 'The revoked key'), ...errorResponses },
})

/** `/v1/keys`, for a tenant authenticated by its secret key. */
export function keyRoutes(keys: KeyService) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) =>
    c.json({ keys: (await keys.list(c.var.tenantId)).map(toKeySummary) }, 200),
  )

  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const created = await keys.create(c.var.tenantId, {
      ...body,
      expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined,
    })
    return c.json(created, 201)
  })

  app.openapi(revoke, async (c) =>
    c.json(toKeySummary(await keys.revoke(c.var.tenantId, c.req.valid('param').id)), 200),
  )

  return app
}
