import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import { auditContext } from '../http/audit-context.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import {
  errorResponse,
  errorResponses,
  IdParamSchema,
  jsonResponse as json,
} from '../http/schemas.ts'
import { DEFAULT_ROTATION_OVERLAP_SECONDS, type KeyService } from './keys.ts'
import { toKeySummary } from './keys-repo.ts'
import {
  CreatedKeySchema,
  CreateKeySchema,
  KeyListSchema,
  KeySchema,
  RotateKeySchema,
} from './schemas.ts'

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
  description:
    "A secret key's scopes default to every key scope the caller holds; asking for one it lacks is `forbidden`.",
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

const rotate = createRoute({
  method: 'post',
  path: '/keys/{id}/rotate',
  summary: 'Replace a key with a new one like it; the old one keeps working for the overlap',
  description:
    'Refused (`forbidden`) for a key with a scope the caller lacks: the replacement would hand it over.',
  middleware: [requires('keys')] as const,
  request: {
    params: IdParamSchema,
    body: { required: false, content: { 'application/json': { schema: RotateKeySchema } } },
  },
  responses: {
    201: json(CreatedKeySchema, 'The new key, shown this once'),
    ...errorResponses,
    409: errorResponse('The key is revoked, expired or already rotated'),
  },
})

/** `/v1/keys`, for a tenant authenticated by its secret key. */
export function keyRoutes(keys: KeyService) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) =>
    c.json({ keys: (await keys.list(c.var.tenantId)).map(toKeySummary) }, 200),
  )

  app.openapi(create, async (c) => {
    const body = c.req.valid('json')
    const created = await keys.create(
      c.var.tenantId,
      { ...body, expiresAt: body.expiresAt ? new Date(body.expiresAt) : undefined },
      auditContext(c),
      // A key with `keys` must not mint a key with more than it holds itself.
      c.var.principal.permissions,
    )
    return c.json(created, 201)
  })

  app.openapi(revoke, async (c) =>
    c.json(
      toKeySummary(await keys.revoke(c.var.tenantId, c.req.valid('param').id, auditContext(c))),
      200,
    ),
  )

  app.openapi(rotate, async (c) => {
    const body = c.req.valid('json') ?? {}
    const created = await keys.rotate(
      c.var.tenantId,
      c.req.valid('param').id,
      body.overlapSeconds ?? DEFAULT_ROTATION_OVERLAP_SECONDS,
      auditContext(c),
      // Rotating hands the caller the new key: only a key it could have created itself.
      c.var.principal.permissions,
    )
    return c.json(created, 201)
  })

  return app
}
