import type {
  ChatAction,
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
  citations: Citation[]
  client_message_id: string | null
  reply_to: string | null
  created_at: Date
  context: StoredContext | string | null
}

/** What an answer keeps beside its text: its buttons, its language, what it was about. */
export interface StoredContext {
  actions?: ChatAction[]
  language?: string
  [key: string]: unknown
}

const MESSAGE_COLUMNS =
  'id, conversation_id, role, text, citations, client_message_id, reply_to, created_at, context'

const contextOf = (r: MessageRow): StoredContext | null =>
  typeof r.context === 'string' ? JSON.parse(r.context) : r.context

const toMessage = (r: MessageRow): ChatMessage => {
  const context = contextOf(r)
  return {
    id: r.id,
    conversationId: r.conversation_id,
    role: r.role,
    text: r.text,
    citations: r.citations,
    clientMessageId: r.client_message_id,
    replyTo: r.reply_to,
    createdAt: r.created_at.toISOString(),
    ...(context?.actions?.length ? { actions: context.actions } : {}),
    ...(context?.language ? { language: context.language } : {}),
  }
}

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

export interface NewVisitorMessage {
  id: string
  tenantId: string
  visitorId: string
  clientMessageId: string
  text: string
  /** The id its answer will have: storing the message also claims answering it. */
  answerId: string
}

/** How long a claim to answer holds unless renewed; a crashed instance's claim runs out after it. */
export const ANSWER_CLAIM_SECONDS = 30

/**
 * Stores a visitor message in one of the visitor's conversations, in one statement. `null` when
 * nothing was stored: this clientMessageId was sent before, or the conversation is not the
 * visitor's (the caller tells which apart, on that rare path only).
 */
export async function insertVisitorMessage(
  db: Queryable,
  m: NewVisitorMessage & { conversationId: string },
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `with conversation as (
       select id from conversations where id = $3 and tenant_id = $2 and visitor_id = $4
     ), inserted as (
       insert into messages (id, tenant_id, conversation_id, role, visitor_id, client_message_id, text,
                             answer_id, answering_until)
       select $1, $2, conversation.id, 'visitor', $4, $5, $6, $7, now() + make_interval(secs => $8)
       from conversation
       on conflict (tenant_id, visitor_id, client_message_id) do nothing
       returning ${MESSAGE_COLUMNS}
     ), touched as (
       update conversations set updated_at = now()
       where id = (select conversation_id from inserted)
     )
     select * from inserted`,
    [
      m.id,
      m.tenantId,
      m.conversationId,
      m.visitorId,
      m.clientMessageId,
      m.text,
      m.answerId,
      ANSWER_CLAIM_SECONDS,
    ],
  )
  return row ? toMessage(row) : null
}

/**
 * Starts a conversation with its first visitor message, in one statement. `null` when this
 * clientMessageId was sent before (then no conversation is created either).
 */
export async function insertFirstVisitorMessage(
  db: Queryable,
  m: NewVisitorMessage & { conversationId: string; page: PageContext | null },
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow & { created_conversation: string | null }>(
    `with conversation as (
       insert into conversations (id, tenant_id, visitor_id, page)
       select $3, $2, $4, $7::text::jsonb
       where not exists (
         select from messages where tenant_id = $2 and visitor_id = $4 and client_message_id = $5
       )
       returning id
     ), inserted as (
       insert into messages (id, tenant_id, conversation_id, role, visitor_id, client_message_id, text,
                             answer_id, answering_until)
       select $1, $2, conversation.id, 'visitor', $4, $5, $6, $8, now() + make_interval(secs => $9)
       from conversation
       on conflict (tenant_id, visitor_id, client_message_id) do nothing
       returning ${MESSAGE_COLUMNS}
     )
     select inserted.*, (select id from conversation) as created_conversation
     from (select) as always left join inserted on true`,
    [
      m.id,
      m.tenantId,
      m.conversationId,
      m.visitorId,
      m.clientMessageId,
      m.text,
      m.page ? JSON.stringify(m.page) : null,
      m.answerId,
      ANSWER_CLAIM_SECONDS,
    ],
  )
  if (row?.id) return toMessage(row)
  // A concurrent send of the same message won the race after this one created a conversation:
  // that conversation stays empty forever, so it goes.
  if (row?.created_conversation) {
    await db.query('delete from conversations where id = $1', [row.created_conversation])
  }
  return null
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
    /** Served from the answer cache. */
    fromCache?: boolean
    /** Its buttons, language, and what it was about (for follow-ups). */
    context?: StoredContext | null | undefined
  },
): Promise<ChatMessage | null> {
  const [row] = await db.query<MessageRow>(
    `with inserted as (
       insert into messages (id, tenant_id, conversation_id, role, reply_to, text, citations, from_cache, context)
       values ($1, $2, $3, 'assistant', $4, $5, $6::text::jsonb, $7, $8::text::jsonb)
       on conflict (reply_to) where reply_to is not null do nothing
       returning ${MESSAGE_COLUMNS}
     ), released as (
       update messages set answering_until = null where id = $4
     )
     select * from inserted`,
    [
      m.id,
      m.tenantId,
      m.conversationId,
      m.replyTo,
      m.text,
      JSON.stringify(m.citations),
      m.fromCache ?? false,
      m.context ? JSON.stringify(m.context) : null,
    ],
  )
  return row ? toMessage(row) : null
}

/**
 * Claims answering a stored visitor message that nobody is answering (its claim ran out or was
 * released) and that has no answer yet. Returns the answer id now claimed, or `null` with the
 * current claimant's answer id when someone else holds it.
 */
export async function claimAnswer(
  db: Queryable,
  messageId: string,
  answerId: string,
): Promise<{ claimed: boolean; answerId: string | null }> {
  const [claimed] = await db.query<{ answer_id: string }>(
    `update messages set answer_id = $2, answering_until = now() + make_interval(secs => $3)
     where id = $1 and (answering_until is null or answering_until < now())
       and not exists (select from messages r where r.reply_to = $1)
     returning answer_id`,
    [messageId, answerId, ANSWER_CLAIM_SECONDS],
  )
  if (claimed) return { claimed: true, answerId: claimed.answer_id }
  // A separate statement, so that it sees the claim of whoever won (a statement's sub-queries
  // all read the snapshot from before a concurrent claim committed).
  const [current] = await db.query<{ answer_id: string | null }>(
    'select answer_id from messages where id = $1',
    [messageId],
  )
  return { claimed: false, answerId: current?.answer_id ?? null }
}

/** Extends a claim while its answer streams; false once the claim is no longer this answer's. */
export async function renewAnswerClaim(
  db: Queryable,
  messageId: string,
  answerId: string,
): Promise<boolean> {
  const rows = await db.query(
    `update messages set answering_until = now() + make_interval(secs => $3)
     where id = $1 and answer_id = $2 and answering_until is not null returning id`,
    [messageId, answerId, ANSWER_CLAIM_SECONDS],
  )
  return rows.length > 0
}

/** Gives a claim up (the answer failed or was abandoned), so a resend is answered at once. */
export async function releaseAnswerClaim(
  db: Queryable,
  messageId: string,
  answerId: string,
): Promise<void> {
  await db.query('update messages set answering_until = null where id = $1 and answer_id = $2', [
    messageId,
    answerId,
  ])
}

/** Whether any message of the conversation is being answered, by any instance. */
export async function isConversationAnswering(
  db: Queryable,
  conversationId: string,
): Promise<boolean> {
  const [row] = await db.query<{ answering: boolean }>(
    `select exists (
       select from messages where conversation_id = $1 and answering_until > now()
     ) as answering`,
    [conversationId],
  )
  return row?.answering === true
}

/**
 * Messages in the order they were stored: the newest `limit` of them, or, after a given message,
 * the `limit` that follow it (so a client can page forward without gaps). An `afterMessageId`
 * that is not in the conversation counts as none.
 */
export async function listMessages(
  db: Queryable,
  conversationId: string,
  options: { afterMessageId?: string | undefined; limit: number },
): Promise<ChatMessage[]> {
  const [cursor] = options.afterMessageId
    ? await db.query<{ seq: string }>(
        'select seq::text from messages where id = $1 and conversation_id = $2',
        [options.afterMessageId, conversationId],
      )
    : []
  const rows = cursor
    ? await db.query<MessageRow>(
        `select ${MESSAGE_COLUMNS} from messages
         where conversation_id = $1 and seq > $2::bigint order by seq limit $3`,
        [conversationId, cursor.seq, options.limit],
      )
    : await db.query<MessageRow>(
        `select ${MESSAGE_COLUMNS} from (
           select * from messages where conversation_id = $1 order by seq desc limit $2
         ) newest order by seq`,
        [conversationId, options.limit],
      )
  return rows.map(toMessage)
}

/** The last few messages before a given one, oldest first, with what each answer was about. */
export async function messagesBefore(
  db: Queryable,
  conversationId: string,
  messageId: string,
  count: number,
): Promise<(ChatMessage & { context: StoredContext | null })[]> {
  const rows = await db.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from (
       select * from messages
       where conversation_id = $1 and seq < (select seq from messages where id = $2)
       order by seq desc limit $3
     ) recent order by seq`,
    [conversationId, messageId, count],
  )
  return rows.map((row) => ({ ...toMessage(row), context: contextOf(row) }))
}

interface SummaryRow extends Record<string, unknown> {
  id: string
  visitor_id: string
  page: PageContext | null
  message_count: number
  created_at: Date
  updated_at: Date
  last_message: string | null
  has_lead: boolean
}

const toSummary = (r: SummaryRow): ConversationSummary => ({
  id: r.id,
  visitorId: r.visitor_id,
  page: r.page,
  messageCount: r.message_count,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  lastMessage: r.last_message,
  hasLead: r.has_lead,
})

const SUMMARY_SQL = `select c.id, c.visitor_id, c.page, c.created_at, c.updated_at,
  (select count(*)::int from messages m where m.conversation_id = c.id) as message_count,
  (select m.text from messages m where m.conversation_id = c.id order by m.seq desc limit 1)
    as last_message,
  exists (select from leads l where l.conversation_id = c.id and l.tenant_id = c.tenant_id)
    as has_lead
  from conversations c`

/** How long after its last message a conversation counts as live. */
export const LIVE_CONVERSATION_SECONDS = 5 * 60

export interface ConversationFilter {
  /** Text in any of its messages, case-insensitive. */
  q?: string | undefined
  /** Active at or after. */
  since?: Date | undefined
  /** Started before. */
  until?: Date | undefined
  /** Active in the last {@link LIVE_CONVERSATION_SECONDS}. */
  live?: boolean | undefined
  hasLead?: boolean | undefined
  /** The last conversation of the previous page. */
  before?: string | undefined
  limit: number
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/** A page of conversations, most recently active first, matching every filter given. */
export async function listConversations(
  db: Queryable,
  tenantId: string,
  filter: ConversationFilter,
): Promise<{ conversations: ConversationSummary[]; nextBefore: string | null }> {
  const rows = await db.query<SummaryRow>(
    `${SUMMARY_SQL}
     where c.tenant_id = $1
       and ($2::text is null or exists (
         select from messages m where m.conversation_id = c.id and m.text ilike $2))
       and ($3::timestamptz is null or c.updated_at >= $3)
       and ($4::timestamptz is null or c.created_at < $4)
       and (not $5::boolean or c.updated_at > now() - make_interval(secs => $6))
       and ($7::boolean is null or $7 = exists (
         select from leads l where l.conversation_id = c.id and l.tenant_id = c.tenant_id))
       and ($8::uuid is null or (c.updated_at, c.id) < (
         select b.updated_at, b.id from conversations b where b.tenant_id = $1 and b.id = $8))
     order by c.updated_at desc, c.id desc limit $9`,
    [
      tenantId,
      filter.q ? likePattern(filter.q) : null,
      filter.since ?? null,
      filter.until ?? null,
      filter.live === true,
      LIVE_CONVERSATION_SECONDS,
      filter.hasLead ?? null,
      filter.before ?? null,
      filter.limit + 1,
    ],
  )
  const page = rows.slice(0, filter.limit).map(toSummary)
  return { conversations: page, nextBefore: rows.length > filter.limit ? page.at(-1)!.id : null }
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
