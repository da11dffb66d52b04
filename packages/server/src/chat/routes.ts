import type { ChatMessage, ConversationDetail, ConversationList } from '@avataradam/sdk/protocol'
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
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
  lastMessage: z.string().nullable().openapi({ description: 'The latest message of it' }),
  hasLead: z.boolean().openapi({ description: 'The visitor left their contact details in it' }),
})

const ConversationListSchema = z
  .object({
    conversations: z.array(SummarySchema),
    nextBefore: z.uuid().nullable().openapi({
      description: 'Pass as `before` for the next page; null at the end',
    }),
  })
  .openapi('ConversationList') satisfies z.ZodType<ConversationList>

const ConversationDetailSchema = SummarySchema.extend({
  messages: z.array(MessageSchema),
}).openapi('Conversation') satisfies z.ZodType<ConversationDetail>

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true')

const list = createRoute({
  method: 'get',
  path: '/conversations',
  middleware: [requires('conversations')] as const,
  summary: 'Recent conversations, most recently active first, searched and filtered',
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).optional(),
      q: z.string().trim().min(1).max(200).optional().openapi({
        description: 'Text in any of its messages (case-insensitive)',
      }),
      since: isoDate.optional().openapi({ description: 'Active at or after this time' }),
      until: isoDate.optional().openapi({ description: 'Started before this time' }),
      live: booleanQuery.optional().openapi({ description: 'Active in the last 5 minutes' }),
      hasLead: booleanQuery.optional().openapi({ description: 'With (or without) a lead' }),
      before: z.uuid().optional().openapi({ description: '`nextBefore` of the previous page' }),
    }),
  },
  responses: { 200: json(ConversationListSchema, 'Conversations'), ...errorResponses },
})

const get = createRoute({
  method: 'get',
  path: '/conversations/{id}',
  middleware: [requires('conversations')] as const,
  summary: 'A conversation with its full transcript and citations',
  request: { params: IdParamSchema },
  responses: { 200: json(ConversationDetailSchema, 'The conversation'), ...errorResponses },
})

/** `/v1/conversations`: the dealership's view of what visitors asked and were told. */
export function conversationRoutes(db: Db) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(list, async (c) => {
    const query = c.req.valid('query')
    const page = await db.tenant(c.var.tenantId, (tx) =>
      listConversations(tx, c.var.tenantId, {
        q: query.q,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
        live: query.live,
        hasLead: query.hasLead,
        before: query.before,
        limit: query.limit ?? 50,
      }),
    )
    return c.json(page, 200)
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
