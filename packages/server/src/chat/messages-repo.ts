import type {
  ChatMessage,
  Citation,
  ConversationSummary,
  MessageRole,
  PageContext,
} from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'

interface MessageRow extends Record<string, unknown> {
  id: string
  conversation_id: string
  role: MessageRole
  text: string
  citations: Citation[] | string
  client_message_id: string | null
  reply_to: string | null
  created_at: Date
}

const MESSAGE_COLUMNS =
  'id, conversation_id, role, text, citations, client_message_id, reply_to, created_at'

const toMessage = (r: MessageRow): ChatMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  role: r.role,
  text: r.text,
  citations: typeof r.citations === 'string' ? JSON.parse(r.citations) : r.citations,
  clientMessageId: r.client_message_id,
  replyTo: r.reply_to,
  createdAt: r.created_at.toISOString(),
})

export interface ConversationRecord {
  id: string
  visitorId: string
  page: PageContext | null
}

/** A visitor's own conversation; `null` for one that is another visitor's or another tenant's. */
export async function findVisitorConversation(
  db: Queryable,
  tenantId: string,
  visitorId: string,
  conversationId: string,
): Promise<ConversationRecord | null> {
  const [row] = await db.query<{ id: string; visitor_id: string; page: PageContext | null }>(
    `select id, visitor_id, page from conversations
     where tenant_id = $1 and visitor_id = $2 and id = $3`,
    [tenantId, visitorId, conversationId],
  )
  return row ? { id: row.id, visitorId: row.visitor_id, page: row.page } : null
}

export async function insertConversation(
  db: Queryable,
  c: { id: string; tenantId: string; visitorId: string; page: PageContext | null },
): Promise<void> {
  await db.query(
    `insert into conversations (id, tenant_id, visitor_id, page) values ($1, $2, $3, $4::text::jsonb)`,
    [c.id, c.tenantId, c.visitorId, c.page ? JSON.stringify(c.page) : null],
  )
}

export async function deleteConversation(db: Queryable, id: string): Promise<void> {
  await db.query('delete from conversations where id = $1', [id])
}

/** Stores a visitor message once: `null` when this visitor already sent this clientMessageId. */
export async function insertVisitorMessage(
  db: Queryable,
  m: {
    id: string
    tenantId: string
    conversationId: string
    visitorId: string
    clientMessageId: string
    text: string
  },
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `with inserted as (
       insert into messages (id, tenant_id, conversation_id, role, visitor_id, client_message_id, text)
       values ($1, $2, $3, 'visitor', $4, $5, $6)
       on conflict (tenant_id, visitor_id, client_message_id) do nothing
       returning ${MESSAGE_COLUMNS}
     ), touched as (
       update conversations set updated_at = now()
       where id = $3 and exists (select from inserted)
     )
     select * from inserted`,
    [m.id, m.tenantId, m.conversationId, m.visitorId, m.clientMessageId, m.text],
  )
  return row ? toMessage(row) : null
}

export async function findVisitorMessage(
  db: Queryable,
  tenantId: string,
  visitorId: string,
  clientMessageId: string,
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from messages
     where tenant_id = $1 and visitor_id = $2 and client_message_id = $3`,
    [tenantId, visitorId, clientMessageId],
  )
  return row ? toMessage(row) : null
}

export async function findReply(db: Queryable, messageId: string): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from messages where reply_to = $1`,
    [messageId],
  )
  return row ? toMessage(row) : null
}

/** Stores an answer once: `null` when the message was already answered (by another instance). */
export async function insertAssistantMessage(
  db: Queryable,
  m: {
    id: string
    tenantId: string
    conversationId: string
    replyTo: string
    text: string
    citations: Citation[]
  },
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `insert into messages (id, tenant_id, conversation_id, role, reply_to, text, citations)
     values ($1, $2, $3, 'assistant', $4, $5, $6::text::jsonb)
     on conflict (reply_to) where reply_to is not null do nothing
     returning ${MESSAGE_COLUMNS}`,
    [m.id, m.tenantId, m.conversationId, m.replyTo, m.text, JSON.stringify(m.citations)],
  )
  return row ? toMessage(row) : null
}

/** Messages in the order they were stored, optionally only those after a given one. */
export async function listMessages(
  db: Queryable,
  conversationId: string,
  options: { afterMessageId?: string | undefined; limit: number },
): Promise<ChatMessage[]> {
  const rows = await db.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from (
       select * from messages
       where conversation_id = $1
         and ($2::uuid is null or seq > (select seq from messages where id = $2 and conversation_id = $1))
       order by seq desc limit $3
     ) newest order by seq`,
    [conversationId, options.afterMessageId ?? null, options.limit],
  )
  return rows.map(toMessage)
}

/** The last few messages before a given one, oldest first: the context of a turn. */
export async function messagesBefore(
  db: Queryable,
  conversationId: string,
  messageId: string,
  count: number,
): Promise<ChatMessage[]> {
  const rows = await db.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from (
       select * from messages
       where conversation_id = $1 and seq < (select seq from messages where id = $2)
       order by seq desc limit $3
     ) recent order by seq`,
    [conversationId, messageId, count],
  )
  return rows.map(toMessage)
}

interface SummaryRow extends Record<string, unknown> {
  id: string
  visitor_id: string
  page: PageContext | null
  message_count: number
  created_at: Date
  updated_at: Date
}

const toSummary = (r: SummaryRow): ConversationSummary => ({
  id: r.id,
  visitorId: r.visitor_id,
  page: r.page,
  messageCount: r.message_count,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

const SUMMARY_SQL = `select c.id, c.visitor_id, c.page, c.created_at, c.updated_at,
  (select count(*)::int from messages m where m.conversation_id = c.id) as message_count
  from conversations c`

export async function listConversations(
  db: Queryable,
  tenantId: string,
  limit: number,
): Promise<ConversationSummary[]> {
  const rows = await db.query<SummaryRow>(
    `${SUMMARY_SQL} where c.tenant_id = $1 order by c.updated_at desc, c.id desc limit $2`,
    [tenantId, limit],
  )
  return rows.map(toSummary)
}

export async function findConversation(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<ConversationSummary | null> {
  const [row] = await db.query<SummaryRow>(`${SUMMARY_SQL} where c.tenant_id = $1 and c.id = $2`, [
    tenantId,
    id,
  ])
  return row ? toSummary(row) : null
}
