import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, jsonResponse as json } from '../http/schemas.ts'
import {
  AvatarOverrideSchema,
  AvatarOverrideSummarySchema,
  LlmOverrideSchema,
  LlmOverrideSummarySchema,
  type ProviderOverrides,
} from './provider-overrides.ts'

const ProvidersSchema = z
  // A union with null rather than .nullable(): the latter would mark the shared components
  // themselves nullable in the OpenAPI document.
  .object({
    llm: z.union([LlmOverrideSummarySchema, z.null()]),
    avatar: z.union([AvatarOverrideSummarySchema, z.null()]),
  })
  .openapi('ProviderOverrides')

const list = createRoute({
  method: 'get',
  path: '/providers',
  middleware: [requires('settings')] as const,
  summary:
    "This dealership's own provider settings (never their keys); null where the server's apply",
  responses: { 200: json(ProvidersSchema, 'The overrides'), ...errorResponses },
})

const putLlm = createRoute({
  method: 'put',
  path: '/providers/llm',
  middleware: [requires('settings')] as const,
  summary: "Use this dealership's own language model (its key is sealed and never shown again)",
  request: {
    body: { required: true, content: { 'application/json': { schema: LlmOverrideSchema } } },
  },
  responses: { 200: json(LlmOverrideSummarySchema, 'The stored override'), ...errorResponses },
})

const deleteLlm = createRoute({
  method: 'delete',
  path: '/providers/llm',
  middleware: [requires('settings')] as const,
  summary: "Go back to the server's language model",
  responses: { 204: { description: 'Removed' }, ...errorResponses },
})

const putAvatar = createRoute({
  method: 'put',
  path: '/providers/avatar',
  middleware: [requires('settings')] as const,
  summary:
    "Show this dealership's visitors a HeyGen streaming avatar (`heygen`, with its own LiveAvatar key and avatar or the server's) or the built-in one (`builtin`)",
  request: {
    body: { required: true, content: { 'application/json': { schema: AvatarOverrideSchema } } },
  },
  responses: { 200: json(AvatarOverrideSummarySchema, 'The stored choice'), ...errorResponses },
})

const deleteAvatar = createRoute({
  method: 'delete',
  path: '/providers/avatar',
  middleware: [requires('settings')] as const,
  summary: "Go back to the server's default avatar",
  responses: { 204: { description: 'Removed' }, ...errorResponses },
})

/**
 * `/v1/providers`: a dealership may bring its own provider keys. They are sealed before storage
 * (AVATARADAM_SECRET_KEYS) and no route ever returns them.
 */
export function providerRoutes(overrides: ProviderOverrides, changed: (tenantId: string) => void) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) => {
    const [llm, avatar] = await Promise.all([
      overrides.llmSummary(c.var.tenantId),
      overrides.avatarSummary(c.var.tenantId),
    ])
    return c.json({ llm, avatar }, 200)
  })

  app.openapi(putLlm, async (c) => {
    const summary = await overrides.setLlm(c.var.tenantId, c.req.valid('json'))
    changed(c.var.tenantId)
    return c.json(summary, 200)
  })

  app.openapi(deleteLlm, async (c) => {
    await overrides.deleteLlm(c.var.tenantId)
    changed(c.var.tenantId)
    return c.body(null, 204)
  })

  app.openapi(putAvatar, async (c) => {
    const summary = await overrides.setAvatar(c.var.tenantId, c.req.valid('json'))
    changed(c.var.tenantId)
    return c.json(summary, 200)
  })

  app.openapi(deleteAvatar, async (c) => {
    await overrides.deleteAvatar(c.var.tenantId)
    changed(c.var.tenantId)
    return c.body(null, 204)
  })

  return app
}
