import type { Analytics, QuestionStat } from '@avataradam/sdk/protocol'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import type { Db } from '../db/index.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, isoDate, jsonResponse as json } from '../http/schemas.ts'
import { readAnalytics } from './analytics-repo.ts'

const count = z.number().int().min(0)
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)

const QuestionStatSchema = z
  .object({ question: z.string(), count, lastAskedAt: isoDate })
  .openapi('QuestionStat') satisfies z.ZodType<QuestionStat>

const AnalyticsSchema = z
  .object({
    from: day,
    to: day,
    days: z.array(
      z.object({
        date: day,
        conversations: count,
        visitorMessages: count,
        answers: count,
        cachedAnswers: count,
      }),
    ),
    answerCache: z.object({
      openingAnswers: count,
      cachedAnswers: count,
      hitRate: z.number().min(0).max(1).nullable(),
    }),
    topQuestions: z.array(QuestionStatSchema).openapi({
      description: 'The questions visitors asked most (case and punctuation aside), at most 10',
    }),
    unansweredQuestions: z.array(QuestionStatSchema).openapi({
      description:
        'Questions answered without citing the knowledge base, or not answered; at most 10',
    }),
  })
  .openapi('Analytics') satisfies z.ZodType<Analytics>

const get = createRoute({
  method: 'get',
  path: '/analytics',
  middleware: [requires('analytics')] as const,
  summary: "The dealership's activity per day (UTC) and the answer cache's hit rate",
  request: {
    query: z.object({ days: z.coerce.number().int().min(1).max(90).optional() }),
  },
  responses: { 200: json(AnalyticsSchema, 'Activity, oldest day first'), ...errorResponses },
})

/** `/v1/analytics`: read from the replica when there is one. */
export function analyticsRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.openapi(get, async (c) => {
    const days = c.req.valid('query').days ?? 30
    const analytics = await db.tenant(c.var.tenantId, (tx) =>
      readAnalytics(tx, c.var.tenantId, days),
    )
    return c.json(analytics, 200)
  })
  return app
}
