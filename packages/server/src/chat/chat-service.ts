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
  claimAnswer,
  findReply,
  findVisitorConversation,
  findVisitorMessage,
  insertFirstVisitorMessage,
  insertVisitorMessage,
  isConversationAnswering,
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
  /** The id of the answer being (or to be) streamed, when there is no stored one yet. */
  answerId: string | null
  /** True when this call claimed answering it: the caller must run the turn. */
  claimed: boolean
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
    const fields = {
      id: newId(),
      tenantId,
      visitorId,
      clientMessageId: payload.clientMessageId,
      text: payload.text,
      answerId: newId(),
    }
    const message = payload.conversationId
      ? await insertVisitorMessage(tx, { ...fields, conversationId: payload.conversationId })
      : await insertFirstVisitorMessage(tx, {
          ...fields,
          conversationId: newId(),
          page: visitor.page,
        })
    if (message) {
      const { conversationId } = message
      return {
        conversationId,
        message,
        created: true,
        reply: null,
        answerId: fields.answerId,
        claimed: true,
      }
    }
    // Nothing stored: a repeat of a message sent before, or someone else's conversation.
    const previous = await findVisitorMessage(tx, tenantId, visitorId, payload.clientMessageId)
    if (!previous) throw conversationNotFound()
    const reply = await findReply(tx, previous.id)
    // Unanswered: answer it unless someone (this instance, or another) already is.
    const claim = reply
      ? { claimed: false, answerId: null }
      : await claimAnswer(tx, previous.id, fields.answerId)
    return {
      conversationId: previous.conversationId,
      message: previous,
      created: false,
      reply,
      ...claim,
    }
  })
}

/** A visitor's conversation history, refusing conversations that are not theirs. */
export async function visitorHistory(
  db: Db,
  visitor: Visitor,
  payload: HistoryPayload,
): Promise<{ messages: ChatMessage[]; answering: boolean }> {
  return db.tenant(visitor.tenantId, async (tx) => {
    const found = await findVisitorConversation(
      tx,
      visitor.tenantId,
      visitor.visitorId,
      payload.conversationId,
    )
    if (!found) throw conversationNotFound()
    return {
      messages: await listMessages(tx, payload.conversationId, {
        afterMessageId: payload.afterMessageId,
        limit: payload.limit ?? 100,
      }),
      answering: await isConversationAnswering(tx, payload.conversationId),
    }
  })
}
