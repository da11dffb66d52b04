import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import type { Db } from '../db/index.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, jsonResponse as json } from '../http/schemas.ts'
import { InventoryQuerySchema, InventoryResultSchema } from './schemas.ts'
import { searchVehicles } from './vehicles-repo.ts'

const list = createRoute({
  method: 'get',
  path: '/inventory',
  middleware: [requires('knowledge:read')] as const,
  summary: "Search the dealership's inventory (the vehicles of its inventory feeds)",
  description:
    'The same query engine the assistant answers with: every filter optional, over the whole inventory, with the total beside the vehicles returned. Sold vehicles only with `includeSold=true`.',
  request: { query: InventoryQuerySchema },
  responses: { 200: json(InventoryResultSchema, 'The matches'), ...errorResponses },
})

/** `/v1/inventory`. */
export function inventoryRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(list, async (c) => {
    const tenantId = c.var.tenantId
    const result = await db.tenant(tenantId, (tx) =>
      searchVehicles(tx, tenantId, c.req.valid('query')),
    )
    return c.json(result, 200)
  })
  return app
}
