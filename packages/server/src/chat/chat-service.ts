import type {
  ChatMessage,
  ChatSendPayload,
  HistoryPayload,
  PageContext,
} from '@avataradam/sdk/protocol'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import {
  deleteConversation,
  findReply,
  findVisitorConversation,
  findVisitorMessage,
  insertConversation,
  insertVisitorMessage,
  listMessages,
} from './messages-repo.ts'

/** Who is chatting: set from the handshake, never from a payload. */
export interface Visitor {
  tenantId: string
  visitorId: string
  page: PageContext | null
}

export interface StoredSend {
  conversationId: string
  message: ChatMessage
  /** False when this clientMessageId was sent before: nothing new was stored. */
  created: boolean
  /** The stored answer, when the message was already answered. */
  reply: ChatMessage | null
}

const conversationNotFound = () =>
  new AppError('conversation_not_found', 'No such conversation for this visitor.')

/**
 * Stores a visitor message exactly once, in a new conversation or one of the visitor's own.
 * A repeated clientMessageId returns what was stored the first time, with its answer if any.
 */
export async function storeVisitorMessage(
  db: Db,
  visitor: Visitor,
  payload: ChatSendPayload,
): Promise<StoredSend> {
  return db.tenant(visitor.tenantId, async (tx) => {
    const { tenantId, visitorId } = visitor
    const previous = await findVisitorMessage(tx, tenantId, visitorId, payload.clientMessageId)
    if (previous) {
      return {
        conversationId: previous.conversationId,
        message: previous,
        created: false,
        reply: await findReply(tx, previous.id),
      }
    }
    let conversationId = payload.conversationId
    if (conversationId) {
      if (!(await findVisitorConversation(tx, tenantId, visitorId, conversationId))) {
        throw conversationNotFound()
      }
    } else {
      conversationId = newId()
      await insertConversation(tx, { id: conversationId, tenantId, visitorId, page: visitor.page })
    }
    const message = await insertVisitorMessage(tx, {
      id: newId(),
      tenantId,
      conversationId,
      visitorId,
      clientMessageId: payload.clientMessageId,
      text: payload.text,
    })
    if (message) return { conversationId, message, created: true, reply: null }
    // A concurrent send of the same clientMessageId won the race: use what it stored.
    if (!payload.conversationId) await deleteConversation(tx, conversationId)
    const stored = (await findVisitorMessage(tx, tenantId, visitorId, payload.clientMessageId))!
    return {
      conversationId: stored.conversationId,
      message: stored,
      created: false,
      reply: await findReply(tx, stored.id),
    }
  })
}

/** A visitor's conversation history, refusing conversations that are not theirs. */
export async function visitorHistory(
  db: Db,
  visitor: Visitor,
  payload: HistoryPayload,
): Promise<ChatMessage[]> {
  return db.tenant(visitor.tenantId, async (tx) => {
    const found = await findVisitorConversation(
      tx,
      visitor.tenantId,
      visitor.visitorId,
      payload.conversationId,
    )
    if (!found) throw conversationNotFound()
    return listMessages(tx, payload.conversationId, {
      afterMessageId: payload.afterMessageId,
      limit: payload.limit ?? 100,
    })
  })
}
