import type { Lead, LeadList } from '@avataradam/sdk/protocol'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import { PageContextSchema } from '../chat/schemas.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, IdParamSchema, isoDate, jsonResponse as json } from '../http/schemas.ts'
import {
  findLead,
  leadNotificationEmail,
  listLeads,
  setLeadNotificationEmail,
} from './leads-repo.ts'
import { LeadSettingsSchema, LeadVehicleSchema } from './schemas.ts'

const LeadSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid().nullable(),
    visitorId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    message: z.string().nullable(),
    reason: z.string().nullable(),
    vehicle: LeadVehicleSchema.nullable(),
    page: PageContextSchema.nullable(),
    consentAt: isoDate,
    createdAt: isoDate,
  })
  .openapi('Lead') satisfies z.ZodType<Lead>

const LeadListSchema = z
  .object({ leads: z.array(LeadSchema), nextCursor: z.uuid().nullable() })
  .openapi('LeadList') satisfies z.ZodType<LeadList>

const list = createRoute({
  method: 'get',
  path: '/leads',
  middleware: [requires('leads')] as const,
  summary: 'Leads captured in the chat, newest first',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).optional(),
      before: z
        .uuid({ error: 'must be a lead id (the nextCursor of the previous page)' })
        .optional(),
    }),
  },
  responses: { 200: json(LeadListSchema, 'Leads'), ...errorResponses },
})

const get = createRoute({
  method: 'get',
  path: '/leads/{id}',
  middleware: [requires('leads')] as const,
  summary: 'A lead, with the conversation it came from',
  request: { params: IdParamSchema },
  responses: { 200: json(LeadSchema, 'The lead'), ...errorResponses },
})

const getSettings = createRoute({
  method: 'get',
  path: '/leads/settings',
  middleware: [requires('settings')] as const,
  summary: 'Where new leads are emailed',
  responses: { 200: json(LeadSettingsSchema, 'Lead settings'), ...errorResponses },
})

const putSettings = createRoute({
  method: 'put',
  path: '/leads/settings',
  middleware: [requires('settings')] as const,
  summary: 'Email new leads to this address (null: stop emailing them)',
  request: {
    body: { required: true, content: { 'application/json': { schema: LeadSettingsSchema } } },
  },
  responses: { 200: json(LeadSettingsSchema, 'Lead settings'), ...errorResponses },
})

/** `/v1/leads`: the dealership's leads, and where new ones are emailed. */
export function leadRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  // Before /leads/{id}, which would take "settings" for an id.
  app.openapi(getSettings, async (c) => {
    const found = await db.tenant(c.var.tenantId, (tx) => leadNotificationEmail(tx, c.var.tenantId))
    return c.json({ notificationEmail: found?.email ?? null }, 200)
  })

  app.openapi(putSettings, async (c) => {
    const { notificationEmail } = c.req.valid('json')
    await db.tenant(c.var.tenantId, (tx) =>
      setLeadNotificationEmail(tx, c.var.tenantId, notificationEmail),
    )
    return c.json({ notificationEmail }, 200)
  })

  app.openapi(list, async (c) => {
    const { limit = 50, before } = c.req.valid('query')
    const leads = await db.tenant(c.var.tenantId, (tx) =>
      listLeads(tx, c.var.tenantId, { limit: limit + 1, before }),
    )
    const page = leads.slice(0, limit)
    const nextCursor = leads.length > limit ? page.at(-1)!.id : null
    return c.json({ leads: page, nextCursor }, 200)
  })

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const lead = await db.tenant(c.var.tenantId, (tx) => findLead(tx, c.var.tenantId, id))
    if (!lead) throw new AppError('not_found', `No lead with id ${id}.`)
    return c.json(lead, 200)
  })

  return app
}
