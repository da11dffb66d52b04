import type {
  ChatDelta,
  ChatDone,
  ChatError,
  ChatMessage,
  Citation,
  LeadRequest,
} from '@avataradam/sdk/protocol'
import { SpanStatusCode, type Tracer, trace } from '@opentelemetry/api'
import { contextOf } from '../answers/answer-context.ts'
import type { AnswerPipeline } from '../answers/pipeline.ts'
import type { Db } from '../db/index.ts'
import { toErrorBody } from '../errors.ts'
import type { LeadOffer } from '../leads/lead-capture-tool.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/metrics.ts'
import type { AnswerModel, AnswerPart, AnswerTool, Passage } from '../providers/llm/index.ts'
import { inSpan } from '../tracing/tracing.ts'
import type { AnswerCache, CacheLookup } from './answer-cache.ts'
import type { Visitor } from './chat-service.ts'
import type { StoredContext } from './messages-repo.ts'
import {
  ANSWER_CLAIM_SECONDS,
  findReply,
  insertAssistantMessage,
  messagesBefore,
  releaseAnswerClaim,
  renewAnswerClaim,
} from './messages-repo.ts'

/** Where a turn's output goes: the realtime layer sends it to everyone in the conversation. */
export interface TurnEvents {
  delta(delta: ChatDelta): void
  done(done: ChatDone): void
  error(error: ChatError): void
  /** The model asked for a lead form: sent after `done`. */
  leadRequest(request: LeadRequest): void
}

/** What a turn's tools may know and do. */
export interface TurnContext {
  visitor: Visitor
  conversationId: string
  /** Shows the visitor a lead form once the answer is done (once per turn). */
  offerLead(offer: LeadOffer): void
}

export interface TurnOptions {
  /** The conversation's opening message: its answer may come from (and go to) the cache. */
  firstInConversation?: boolean | undefined
}

export interface TurnRunnerDeps {
  db: Db
  /** Understands the question and gathers what answers it (passages, facts, vehicles). */
  pipeline: AnswerPipeline
  /** The model that answers this dealership's visitors. */
  answerer(tenantId: string): Promise<AnswerModel>
  log: Logger
  dealershipName(tenantId: string): Promise<string>
  /** Where turn latencies by stage and outcomes are counted. */
  metrics?: Pick<Metrics, 'turnStage' | 'turnOutcome' | 'answerCache'> | undefined
  /** Answers to opening questions already asked, per dealership and knowledge version. */
  cache?: AnswerCache | undefined
  /** Traces each turn (`chat.turn`, with retrieval, the model and the database inside). */
  tracer?: Tracer | undefined
  /** Functions the model may call in this turn, scoped to its dealership and visitor. */
  tools?: ((turn: TurnContext) => AnswerTool[]) | undefined
}

export interface TurnRunner {
  /**
   * Answers a stored visitor message whose answer this instance has claimed, streaming the answer
   * under `answerId`. Resolves at once; the turn runs on.
   */
  answer(
    visitor: Visitor,
    message: ChatMessage,
    answerId: string,
    events: TurnEvents,
    options?: TurnOptions,
  ): void
  /** Number of turns in progress. */
  readonly inFlight: number
  /** Resolves when every turn in progress has finished (graceful shutdown). */
  settled(): Promise<void>
  /**
   * Stops every turn in progress and gives up their claims, so another instance answers; turns
   * asked for after this only give their claims up.
   */
  abortAll(): Promise<void>
}

const HISTORY_TURNS = 6
const DELTA_WINDOW_MS = 25
const SNIPPET_CHARS = 240

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length <= SNIPPET_CHARS ? flat : `${flat.slice(0, SNIPPET_CHARS - 1).trimEnd()}…`
}

function citationsFor(
  passages: Passage[],
  chunkIds: string[],
  documents: Citation[] = [],
): Citation[] {
  const byId = new Map(passages.map((p) => [p.chunkId, p]))
  const cited = [...new Set(chunkIds)].flatMap((id) => {
    const p = byId.get(id)
    return p ? [{ documentId: p.documentId, title: p.title, snippet: snippet(p.text) }] : []
  })
  for (const document of documents) {
    if (!cited.some((c) => c.documentId === document.documentId)) cited.push(document)
  }
  return cited
}

/**
 * The turn pipeline: retrieval → model → streamed deltas → stored answer → done. A turn runs only
 * under a claim stored with the visitor message, renewed while it streams, so one answer is
 * produced per message across all instances; the database also refuses a second stored answer.
 */
export function createTurnRunner(deps: TurnRunnerDeps): TurnRunner {
  const running = new Map<string, { done: Promise<void>; abort: AbortController }>()

  const tracer = deps.tracer ?? trace.getTracer('@avataradam/server')

  function run(
    visitor: Visitor,
    message: ChatMessage,
    answerId: string,
    events: TurnEvents,
    signal: AbortSignal,
    options: TurnOptions,
  ) {
    const attributes = {
      'avataradam.tenant_id': visitor.tenantId,
      'avataradam.conversation_id': message.conversationId,
      'avataradam.message_id': answerId,
    }
    return inSpan(tracer, 'chat.turn', attributes, () =>
      runTurn(visitor, message, answerId, events, signal, options),
    )
  }

  async function runTurn(
    visitor: Visitor,
    message: ChatMessage,
    answerId: string,
    events: TurnEvents,
    signal: AbortSignal,
    options: TurnOptions,
  ) {
    const { tenantId } = visitor
    const { conversationId } = message
    const log = deps.log.child({ tenantId, conversationId, messageId: answerId })
    // The claim is renewed while the answer streams. Should it be lost (this process stalled
    // past its expiry and another instance took over), the turn stops: one answer per message.
    const claimLost = new AbortController()
    const renew = setInterval(
      () =>
        void deps.db
          .tenant(tenantId, (tx) => renewAnswerClaim(tx, message.id, answerId))
          .then((held) => held || claimLost.abort())
          .catch((err) => log.warn({ err }, 'could not renew the answer claim')),
      (ANSWER_CLAIM_SECONDS * 1000) / 3,
    )
    const stop = AbortSignal.any([signal, claimLost.signal])
    const started = performance.now()
    const since = (from: number) => (performance.now() - from) / 1000
    const storeAnswer = (
      text: string,
      citations: Citation[],
      fromCache = false,
      context: StoredContext | null = null,
    ) =>
      deps.db.tenant(tenantId, async (tx) => {
        const inserted = await insertAssistantMessage(tx, {
          id: answerId,
          tenantId,
          conversationId,
          replyTo: message.id,
          text,
          citations,
          fromCache,
          context,
        })
        return inserted ?? (await findReply(tx, message.id))!
      })
    const finish = (stored: ChatMessage) => {
      events.done({
        conversationId,
        messageId: stored.id,
        replyTo: message.id,
        text: stored.text,
        citations: stored.citations,
        ...(stored.actions ? { actions: stored.actions } : {}),
        ...(stored.language ? { language: stored.language } : {}),
      })
      deps.metrics?.turnStage('total', since(started))
      deps.metrics?.turnOutcome('done')
    }
    try {
      let lookup: CacheLookup | undefined
      if (deps.cache && options.firstInConversation) {
        // The cache is a shortcut, never a dependency: unreachable, the turn answers as usual.
        lookup = await deps.cache
          .lookup(tenantId, message.text, visitor.page)
          .catch((err: unknown) => {
            log.warn({ err }, 'answer cache unavailable')
            return undefined
          })
        if (lookup) deps.metrics?.answerCache(lookup.hit ? 'hit' : 'miss')
        const hit = lookup?.hit
        if (hit) {
          trace.getActiveSpan()?.setAttribute('avataradam.answer_cache', 'hit')
          deps.metrics?.turnStage('first_token', since(started))
          events.delta({ conversationId, messageId: answerId, text: hit.text, index: 0 })
          stop.throwIfAborted()
          finish(await storeAnswer(hit.text, hit.citations, true, hit.context ?? null))
          return
        }
      }
      const dealershipName = await deps.dealershipName(tenantId)
      const retrievalStarted = performance.now()
      const history = await deps.db.tenant(tenantId, (tx) =>
        messagesBefore(tx, conversationId, message.id, HISTORY_TURNS),
      )
      const prepared = await inSpan(tracer, 'chat.retrieval', {}, async (span) => {
        const found = await deps.pipeline.prepare({
          tenantId,
          question: message.text,
          history: history.map((m) => ({
            role: m.role,
            text: m.text,
            context: m.context as never,
          })),
          page: visitor.page,
        })
        span.setAttribute('avataradam.passages', found.passages.length)
        return found
      })
      const { passages } = prepared
      deps.metrics?.turnStage('retrieval', since(retrievalStarted))
      let text = ''
      let index = 0
      let chunkIds: string[] = []
      let documentCitations: Citation[] = []
      let meta: Extract<AnswerPart, { type: 'meta' }> | undefined
      let restart = false
      // Parts arriving close together go out as one delta: a model streaming tokens every few
      // milliseconds, or an answer composed at once, need not cost a packet (and a write) each.
      let unsent = ''
      let flushTimer: NodeJS.Timeout | undefined
      const flush = () => {
        clearTimeout(flushTimer)
        flushTimer = undefined
        if (!unsent) return
        if (index === 0) deps.metrics?.turnStage('first_token', since(started))
        events.delta({
          conversationId,
          messageId: answerId,
          text: unsent,
          index,
          ...(restart ? { restart: true } : {}),
          ...(index === 0 ? { language: prepared.understanding.language.code } : {}),
        })
        index++
        unsent = ''
        restart = false
      }
      // Passages the tools found (inventory vehicles) are cited like retrieved ones.
      const toolPassages: Passage[] = []
      let leadOffer: LeadOffer | undefined
      const tools = deps
        .tools?.({
          visitor,
          conversationId,
          offerLead: (offer) => {
            leadOffer ??= offer
          },
        })
        .map(
          (tool): AnswerTool => ({
            ...tool,
            async run(args, context) {
              const result = await tool.run(args, context)
              toolPassages.push(...(result.passages ?? []))
              return result
            },
          }),
        )
      const answerer = await deps.answerer(tenantId)
      await inSpan(
        tracer,
        'llm.answer',
        { 'gen_ai.provider.name': answerer.provider, 'gen_ai.request.model': answerer.modelId },
        async () => {
          try {
            for await (const part of answerer.doStream({
              question: message.text,
              history: history.map((m) => ({ role: m.role, text: m.text })),
              passages,
              understanding: prepared.understanding,
              evidence: prepared.evidence,
              dealershipName,
              page: visitor.page ?? undefined,
              abortSignal: stop,
              tools,
            })) {
              stop.throwIfAborted()
              if (part.type === 'text') {
                text += part.text
                unsent += part.text
                // The first words go out at once (they are what the visitor waits for); the rest are
                // gathered for a moment.
                if (index === 0 || restart) flush()
                else flushTimer ??= setTimeout(flush, DELTA_WINDOW_MS)
              } else if (part.type === 'restart') {
                // The model failed midway and another answers: what was streamed is void.
                clearTimeout(flushTimer)
                flushTimer = undefined
                text = ''
                unsent = ''
                restart = index > 0
              } else if (part.type === 'meta') {
                meta = part
              } else {
                chunkIds = part.chunkIds
                documentCitations = part.citations ?? []
              }
            }
          } finally {
            clearTimeout(flushTimer)
          }
        },
      )
      flush()
      stop.throwIfAborted()
      const citations = citationsFor([...passages, ...toolPassages], chunkIds, documentCitations)
      const context: StoredContext = {
        ...contextOf(prepared.understanding, prepared.evidence),
        ...meta?.context,
        ...(meta?.actions?.length ? { actions: meta.actions } : {}),
      }
      const stored = await storeAnswer(text, citations, false, context)
      finish(stored)
      if (leadOffer) {
        events.leadRequest({ conversationId, answerId: stored.id, ...leadOffer })
      }
      // An answer that offered this visitor a form is about them, not only the question.
      if (lookup && !leadOffer && text && meta?.cacheable !== false) {
        void deps.cache
          ?.store(tenantId, lookup, { text: stored.text, citations: stored.citations, context })
          .catch((err: unknown) => log.warn({ err }, 'could not store the answer in the cache'))
      }
    } catch (err) {
      if (claimLost.signal.aborted) {
        log.warn('answer claim lost to another instance; stopping this answer')
        deps.metrics?.turnOutcome('abandoned')
        return
      }
      // Give the claim up so that the visitor's client, sending again, is answered at once.
      await deps.db
        .tenant(tenantId, (tx) => releaseAnswerClaim(tx, message.id, answerId))
        .catch(() => {})
      if (signal.aborted) {
        log.info('turn abandoned')
        deps.metrics?.turnOutcome('abandoned')
        return
      }
      log.error({ err }, 'turn failed')
      deps.metrics?.turnOutcome('error')
      trace
        .getActiveSpan()
        ?.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message })
      events.error({ ...toErrorBody(err), conversationId, messageId: answerId })
    } finally {
      clearInterval(renew)
    }
  }

  let closed = false

  return {
    answer(visitor, message, answerId, events, options = {}) {
      if (closed) {
        void deps.db
          .tenant(visitor.tenantId, (tx) => releaseAnswerClaim(tx, message.id, answerId))
          .catch((err) => deps.log.warn({ err }, 'could not release an answer claim'))
        return
      }
      const abort = new AbortController()
      const done = run(visitor, message, answerId, events, abort.signal, options).finally(() =>
        running.delete(answerId),
      )
      running.set(answerId, { done, abort })
    },
    get inFlight() {
      return running.size
    },
    async settled() {
      while (running.size > 0) await Promise.all([...running.values()].map((t) => t.done))
    },
    async abortAll() {
      closed = true
      for (const turn of running.values()) turn.abort.abort()
      await this.settled()
    },
  }
}
