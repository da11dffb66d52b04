import type * as Protocol from '@avataradam/sdk/protocol'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, IdParamSchema, isoDate, jsonResponse as json } from '../http/schemas.ts'
import type { JobQueues } from '../jobs/queues.ts'
import type { SecretBox } from '../secrets/secret-box.ts'
import { leadWebhook, newWebhookSecret, refusedWebhookUrl, setLeadWebhook } from './webhooks.ts'

const LeadWebhookSchema = z
  .object({ url: z.string().nullable() })
  .openapi('LeadWebhook') satisfies z.ZodType<Protocol.LeadWebhook>

const LeadWebhookRequestSchema = z
  .object({ url: z.url({ protocol: /^https?$/ }).max(2048) })
  .openapi('LeadWebhookRequest') satisfies z.ZodType<Protocol.LeadWebhookRequest>

const CreatedLeadWebhookSchema = z
  .object({ url: z.string(), secret: z.string() })
  .openapi('CreatedLeadWebhook') satisfies z.ZodType<Protocol.CreatedLeadWebhook>

const FailedJobSchema = z
  .object({
    id: z.string(),
    queue: z.enum(['email', 'webhooks']),
    leadId: z.string().nullable(),
    mailId: z.string().nullable(),
    attemptsMade: z.number().int(),
    reason: z.string(),
    failedAt: isoDate,
  })
  .openapi('FailedJob') satisfies z.ZodType<Protocol.FailedJob>

const FailedJobListSchema = z
  .object({ jobs: z.array(FailedJobSchema) })
  .openapi('FailedJobList') satisfies z.ZodType<Protocol.FailedJobList>

const getWebhook = createRoute({
  method: 'get',
  path: '/webhooks',
  middleware: [requires('settings')] as const,
  summary: 'Where new leads are POSTed',
  responses: { 200: json(LeadWebhookSchema, 'The lead webhook'), ...errorResponses },
})

const putWebhook = createRoute({
  method: 'put',
  path: '/webhooks',
  middleware: [requires('settings')] as const,
  summary: 'POST each new lead to this URL, signed with a new secret (shown once)',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: LeadWebhookRequestSchema } },
    },
  },
  responses: {
    200: json(CreatedLeadWebhookSchema, 'The webhook, with its signing secret'),
    ...errorResponses,
  },
})

const deleteWebhook = createRoute({
  method: 'delete',
  path: '/webhooks',
  middleware: [requires('settings')] as const,
  summary: 'Stop POSTing new leads',
  responses: { 204: { description: 'Removed' }, ...errorResponses },
})

const listFailed = createRoute({
  method: 'get',
  path: '/jobs/failed',
  middleware: [requires('settings')] as const,
  summary: "The dealership's email and webhook deliveries whose attempts ran out, newest first",
  responses: { 200: json(FailedJobListSchema, 'Failed jobs'), ...errorResponses },
})

const retryFailed = createRoute({
  method: 'post',
  path: '/jobs/{id}/retry',
  middleware: [requires('settings')] as const,
  summary: 'Try a failed delivery again, with its attempts anew',
  request: { params: IdParamSchema },
  responses: { 202: { description: 'Queued again' }, ...errorResponses },
})

/**
 * `/v1/webhooks`: where new leads are POSTed; `/v1/jobs`: the dealership's failed deliveries
 * (its dead letters), each of which can be tried again.
 */
export function webhookRoutes(
  db: Db,
  queues: JobQueues,
  options: { allowPrivateUrls: boolean; box?: SecretBox | undefined },
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(getWebhook, async (c) => {
    const found = await db.tenant(c.var.tenantId, (tx) => leadWebhook(tx, c.var.tenantId))
    return c.json({ url: found?.url ?? null }, 200)
  })

  app.openapi(putWebhook, async (c) => {
    const { url } = c.req.valid('json')
    const refused = refusedWebhookUrl(url, options.allowPrivateUrls)
    if (refused) {
      throw new AppError('invalid_request', refused, {
        details: [{ path: 'url', message: refused }],
      })
    }
    const secret = newWebhookSecret()
    await db.tenant(c.var.tenantId, (tx) =>
      setLeadWebhook(tx, c.var.tenantId, { url, secret }, options.box),
    )
    return c.json({ url, secret }, 200)
  })

  app.openapi(deleteWebhook, async (c) => {
    await db.tenant(c.var.tenantId, (tx) => setLeadWebhook(tx, c.var.tenantId, null))
    return c.body(null, 204)
  })

  app.openapi(listFailed, async (c) => {
    const failed = await queues.failed({
      tenantId: c.var.tenantId,
      queues: ['email', 'webhooks'],
    })
    const jobs = failed.map((job) => ({
      id: job.id,
      queue: job.queue as 'email' | 'webhooks',
      leadId: typeof job.data.leadId === 'string' ? job.data.leadId : null,
      mailId: typeof job.data.mailId === 'string' ? job.data.mailId : null,
      attemptsMade: job.attemptsMade,
      reason: job.reason,
      failedAt: job.failedAt,
    }))
    return c.json({ jobs }, 200)
  })

  app.openapi(retryFailed, async (c) => {
    const { id } = c.req.valid('param')
    if (!(await queues.retry(id, { tenantId: c.var.tenantId, queues: ['email', 'webhooks'] }))) {
      throw new AppError('not_found', `No failed job with id ${id}.`)
    }
    return c.body(null, 202)
  })

  return app
}
