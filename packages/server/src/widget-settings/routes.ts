import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import { auditContext } from '../http/audit-context.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, jsonResponse as json } from '../http/schemas.ts'
import { WidgetSettingsSchema } from './schemas.ts'
import type { WidgetSettingsService } from './widget-settings.ts'

const get = createRoute({
  method: 'get',
  path: '/widget-settings',
  summary: "How the dealership's widget looks and greets (the defaults until saved)",
  responses: { 200: json(WidgetSettingsSchema, 'The settings'), ...errorResponses },
})

const put = createRoute({
  method: 'put',
  path: '/widget-settings',
  middleware: [requires('settings')] as const,
  summary: 'Save the widget settings; open widgets update at once',
  description:
    'Replaces every field. Invalid input changes nothing and is refused with `invalid_request`, naming the fields in `details`.',
  request: {
    body: { required: true, content: { 'application/json': { schema: WidgetSettingsSchema } } },
  },
  responses: { 200: json(WidgetSettingsSchema, 'The saved settings'), ...errorResponses },
})

/** `/v1/widget-settings`: read by anyone signed in (or any secret key), changed with `settings`. */
export function widgetSettingsRoutes(settings: WidgetSettingsService) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(get, async (c) => c.json(await settings.get(c.var.tenantId), 200))
  app.openapi(put, async (c) =>
    c.json(await settings.put(c.var.tenantId, c.req.valid('json'), auditContext(c)), 200),
  )
  return app
}
