import type { ChatMessage, ConversationDetail, ConversationList } from '@avataradam/sdk/protocol'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import { errorResponses, IdParamSchema, isoDate, jsonResponse as json } from '../http/schemas.ts'
import { findConversation, listConversations, listMessages } from './messages-repo.ts'
import { PageContextSchema } from './schemas.ts'

const MessageSchema = z
  .object({
    id: z.uuid(),
    conversationId: z.uuid(),
    role: z.enum(['visitor', 'assistant']),
    text: z.string(),
    citations: z.array(z.object({ documentId: z.uuid(), title: z.string(), snippet: z.string() })),
    clientMessageId: z.string().nullable(),
    replyTo: z.uuid().nullable(),
    createdAt: isoDate,
  })
  .openapi('Message') satisfies z.ZodType<ChatMessage>

const SummarySchema = z.object({
  id: z.uuid(),
  visitorId: z.string(),
  page: PageContextSchema.nullable(),
  messageCount: z.number().int(),
  createdAt: isoDate,
  updatedAt: isoDate,
})

const ConversationListSchema = z
  .object({ conversations: z.array(SummarySchema) })
  .openapi('ConversationList') satisfies z.ZodType<ConversationList>

const ConversationDetailSchema = SummarySchema.extend({
  messages: z.array(MessageSchema),
}).openapi('Conversation') satisfies z.ZodType<ConversationDetail>

const list = createRoute({
  method: 'get',
  path: '/conversations',
  summary: 'Recent conversations, most recently active first',
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(200).optional() }),
  },
  responses: { 200: json(ConversationListSchema, 'Conversations'), ...errorResponses },
})

const get = createRoute({
  method: 'get',
  path: '/conversations/{id}',
  summary: 'A conversation with its full transcript and citations',
  request: { params: IdParamSchema },
  responses: { 200: json(ConversationDetailSchema, 'The conversation'), ...errorResponses },
})

/** `/v1/conversations`: the dealership's view of what visitors asked and were told. */
export function conversationRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) => {
    const limit = c.req.valid('query').limit ?? 50
    const conversations = await db.tenant(c.var.tenantId, (tx) =>
      listConversations(tx, c.var.tenantId, limit),
    )
    return c.json({ conversations }, 200)
  })

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param')
    const detail = await db.tenant(c.var.tenantId, async (tx) => {
      const summary = await findConversation(tx, c.var.tenantId, id)
      return summary && { ...summary, messages: await listMessages(tx, id, { limit: 10_000 }) }
    })
    if (!detail) throw new AppError('not_found', `No conversation with id ${id}.`)
    return c.json(detail, 200)
  })

  return app
}
