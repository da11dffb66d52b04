import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import { auditContext } from '../http/audit-context.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, jsonResponse as json } from '../http/schemas.ts'
import type { FactsService } from './facts-service.ts'
import { DealershipFactsResponseSchema, DealershipFactsUpdateSchema } from './schemas.ts'

const get = createRoute({
  method: 'get',
  path: '/dealership-facts',
  middleware: [requires('knowledge:read')] as const,
  summary: 'What the assistant answers directly: hours, phones, address, staff, holidays',
  description:
    'Read from the documents at ingestion (`extracted`), with the corrections staff saved over them (`facts`), and the time zone "are you open now?" is answered in.',
  responses: { 200: json(DealershipFactsResponseSchema, 'The facts'), ...errorResponses },
})

const put = createRoute({
  method: 'put',
  path: '/dealership-facts',
  middleware: [requires('settings')] as const,
  summary: 'Correct the facts, or set the time zone',
  description:
    '`facts` replaces what the documents say (documents uploaded later do not change it until `facts: null` drops the corrections); `timezone` is an IANA zone, or null to go back to the widget’s hours’ or the address’s. Each field is optional.',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: DealershipFactsUpdateSchema } },
    },
  },
  responses: { 200: json(DealershipFactsResponseSchema, 'The facts now'), ...errorResponses },
})

/** `/v1/dealership-facts`: read with `knowledge:read`, corrected with `settings`. */
export function factsRoutes(deps: { facts: FactsService; changed(tenantId: string): void }) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(get, async (c) => c.json(await deps.facts.get(c.var.tenantId), 200))
  app.openapi(put, async (c) => {
    const tenantId = c.var.tenantId
    const response = await deps.facts.update(tenantId, c.req.valid('json'), auditContext(c))
    // Cached answers and the answerer's knowledge were built on the old facts.
    deps.changed(tenantId)
    return c.json(response, 200)
  })
  return app
}
