import type {
  ChatDelta,
  ChatDone,
  ChatError,
  ChatMessage,
  Citation,
} from '@avataradam/sdk/protocol'
import type { Db } from '../db/index.ts'
import { toErrorBody } from '../errors.ts'
import { newId } from '../ids.ts'
import type { SearchService } from '../knowledge/search.ts'
import type { Logger } from '../logger.ts'
import type { AnswerModel, Passage } from '../providers/llm/index.ts'
import type { Visitor } from './chat-service.ts'
import { findReply, insertAssistantMessage, messagesBefore } from './messages-repo.ts'

/** Where a turn's output goes: the realtime layer sends it to everyone in the conversation. */
export interface TurnEvents {
  delta(delta: ChatDelta): void
  done(done: ChatDone): void
  error(error: ChatError): void
}

export interface TurnRunnerDeps {
  db: Db
  search: SearchService
  answerer: AnswerModel
  log: Logger
  dealershipName(tenantId: string): Promise<string>
}

export interface TurnRunner {
  /**
   * Answers a stored visitor message unless a turn for it is already running here, and returns
   * the id of the assistant message that is, or will be, streamed.
   */
  answer(visitor: Visitor, message: ChatMessage, events: TurnEvents): string
  /** Turns in progress for a conversation on this instance. */
  isAnswering(conversationId: string): boolean
  /** Number of turns in progress. */
  readonly inFlight: number
  /** Resolves when every turn in progress has finished (graceful shutdown). */
  settled(): Promise<void>
}

const HISTORY_TURNS = 6
const SNIPPET_CHARS = 240

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`
}

function citationsFor(passages: Passage[], chunkIds: string[]): Citation[] {
  const byId = new Map(passages.map((p) => [p.chunkId, p]))
  return [...new Set(chunkIds)].flatMap((id) => {
    const p = byId.get(id)
    return p ? [{ documentId: p.documentId, title: p.title, snippet: snippet(p.text) }] : []
  })
}

/**
 * The turn pipeline: retrieval → model → streamed deltas → stored answer → done. Each stored
 * visitor message is answered once: a repeated send while a turn runs joins that turn, and the
 * database refuses a second stored answer if two instances race.
 */
export function createTurnRunner(deps: TurnRunnerDeps): TurnRunner {
  const running = new Map<
    string,
    { replyId: string; conversationId: string; done: Promise<void> }
  >()

  async function run(visitor: Visitor, message: ChatMessage, replyId: string, events: TurnEvents) {
    const { conversationId } = message
    const log = deps.log.child({ tenantId: visitor.tenantId, conversationId, messageId: replyId })
    try {
      const [passages, history, dealershipName] = await Promise.all([
        deps.search.search(visitor.tenantId, message.text),
        deps.db.tenant(visitor.tenantId, (tx) =>
          messagesBefore(tx, conversationId, message.id, HISTORY_TURNS),
        ),
        deps.dealershipName(visitor.tenantId),
      ])
      let text = ''
      let index = 0
      let chunkIds: string[] = []
      for await (const part of deps.answerer.doStream({
        question: message.text,
        history: history.map((m) => ({ role: m.role, text: m.text })),
        passages,
        dealershipName,
        page: visitor.page ?? undefined,
      })) {
        if (part.type === 'text') {
          if (!part.text) continue
          text += part.text
          events.delta({ conversationId, messageId: replyId, text: part.text, index: index++ })
        } else {
          chunkIds = part.chunkIds
        }
      }
      const citations = citationsFor(passages, chunkIds)
      const stored = await deps.db.tenant(visitor.tenantId, async (tx) => {
        const inserted = await insertAssistantMessage(tx, {
          id: replyId,
          tenantId: visitor.tenantId,
          conversationId,
          replyTo: message.id,
          text,
          citations,
        })
        return inserted ?? (await findReply(tx, message.id))!
      })
      events.done({
        conversationId,
        messageId: stored.id,
        replyTo: message.id,
        text: stored.text,
        citations: stored.citations,
      })
    } catch (err) {
      log.error({ err }, 'turn failed')
      events.error({ ...toErrorBody(err), conversationId, messageId: replyId })
    }
  }

  return {
    answer(visitor, message, events) {
      const current = running.get(message.id)
      if (current) return current.replyId
      const replyId = newId()
      const done = run(visitor, message, replyId, events).finally(() => running.delete(message.id))
      running.set(message.id, { replyId, conversationId: message.conversationId, done })
      return replyId
    },
    isAnswering(conversationId) {
      for (const turn of running.values()) if (turn.conversationId === conversationId) return true
      return false
    },
    get inFlight() {
      return running.size
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running.values()].map((t) => t.done))
    },
  }
}
