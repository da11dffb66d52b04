import { type Tracer, trace } from '@opentelemetry/api'
import type { Db } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import { type VectorStore, VectorStoreError } from '../providers/vectors/index.ts'
import { inSpan } from '../tracing/tracing.ts'
import { findDocument } from './documents-repo.ts'
import { IngestionInterrupted, ingestDocument } from './ingest-document.ts'
import {
  type ClaimedDocument,
  claimNextDocument,
  expireAllLeases,
  failDocument,
  releaseClaim,
  renewClaim,
  retryLater,
} from './ingestion-repo.ts'
import { DocumentParseError } from './parse/types.ts'
import { createParserPool } from './parser-pool.ts'
import type { SearchStatistics } from './search-statistics.ts'
import type { SourceStore } from './source-store.ts'
import { recordVectorDeletion, sweepVectorDeletions } from './vector-deletions.ts'

export interface IngestionWorkerOptions {
  db: Db
  embeddings: EmbeddingModel
  /** Where vectors go; an external store is written before the document turns ready. */
  vectors?: VectorStore | undefined
  sources: SourceStore
  log: Logger
  /** Documents processed at once by this process. */
  concurrency: number
  /** How long a claim holds without renewal; a crashed worker's documents are retried after it. */
  leaseSeconds?: number
  /** How often to look for work nobody announced (uploads to other instances, expired claims). */
  pollIntervalMs?: number
  /** A document whose processing crashed this many times is marked failed instead of retried. */
  maxAttempts?: number
  /**
   * First wait before trying again a document the vector store failed on for a passing reason
   * (429, 5xx, timeout); doubles with each attempt, unless the store asked for longer. Recorded
   * deletions of vectors are retried with the same backoff.
   */
  vectorRetrySeconds?: number
  /** Told when a document is indexed. */
  statistics: SearchStatistics
  /** Told how each processing attempt ended (metrics). */
  onOutcome?: ((outcome: 'ready' | 'failed' | 'retried') => void) | undefined
  /** Traces each attempt (`ingestion.document`, with parsing, embedding and the database inside). */
  tracer?: Tracer | undefined
}

export interface IngestionWorker {
  start(): Promise<void>
  /** Something was queued: look for work now rather than at the next poll. */
  notify(): void
  /**
   * Processes this document now if it can be claimed (a BullMQ `ingestion` job); resolves once
   * it is done, or at once when it is not claimable: already processed, or claimed by another
   * worker (whose lease, should it die, runs out and the poll takes it up).
   */
  process(documentId: string): Promise<void>
  /** Claims nothing more (shutdown has begun); documents in progress go on until stop(). */
  pause(): void
  /** Stops claiming, interrupts running jobs and puts their documents back in the queue. */
  stop(): Promise<void>
  /** Resolves once nothing is queued or running (for tests and the CLI). */
  drained(): Promise<void>
}

/**
 * The in-process ingestion queue. The queue itself is the documents table: a claim is a lease on
 * a row, so nothing is lost when the process dies: the lease runs out and another start, or
 * another instance, picks the document up again.
 */
export function createIngestionWorker(options: IngestionWorkerOptions): IngestionWorker {
  const { db, embeddings, sources, log, concurrency } = options
  const parser = createParserPool({ threads: concurrency })
  const leaseSeconds = options.leaseSeconds ?? 30
  const pollIntervalMs = options.pollIntervalMs ?? 2000
  const maxAttempts = options.maxAttempts ?? 3
  const tracer = options.tracer ?? trace.getTracer('@avataradam/server')
  const vectors: VectorStore = options.vectors ?? { provider: 'pgvector' }
  const vectorRetrySeconds = options.vectorRetrySeconds ?? 30
  const running = new Map<string, { doc: ClaimedDocument; done: Promise<void> }>()
  const stopping = new AbortController()
  let timer: NodeJS.Timeout | undefined
  let filling: Promise<void> | undefined

  /** Claims documents while there is room; concurrent callers share the one claiming pass. */
  function fill(): Promise<void> {
    filling ??= claimWhileRoom().finally(() => {
      filling = undefined
    })
    return filling
  }

  let paused = false

  async function claimWhileRoom(): Promise<void> {
    if (vectors.provider !== 'pgvector' && !stopping.signal.aborted) {
      // Deletions the vector store missed (it was down) are retried here, on every poll.
      await sweepVectorDeletions(db, vectors, log, vectorRetrySeconds).catch((err) =>
        log.warn({ err }, 'could not sweep recorded vector deletions'),
      )
    }
    try {
      while (running.size < concurrency && !paused && !stopping.signal.aborted) {
        const doc = await claimNextDocument(db, leaseSeconds)
        if (!doc) break
        begin(doc)
      }
    } catch (err) {
      log.error({ err }, 'could not claim a document to ingest')
    }
  }

  function begin(doc: ClaimedDocument): Promise<void> {
    const attributes = {
      'avataradam.tenant_id': doc.tenantId,
      'avataradam.document_id': doc.id,
      'avataradam.attempt': doc.attempt,
    }
    const done = inSpan(tracer, 'ingestion.document', attributes, () => run(doc)).finally(() => {
      running.delete(doc.id)
      void fill()
    })
    running.set(doc.id, { doc, done })
    return done
  }

  async function run(doc: ClaimedDocument): Promise<void> {
    const jobLog = log.child({ tenantId: doc.tenantId, documentId: doc.id, attempt: doc.attempt })
    const started = performance.now()
    // Keeps the claim alive through long single steps such as parsing a big PDF.
    const heartbeat = setInterval(
      () => void renewClaim(db, doc, 0, leaseSeconds).catch(() => {}),
      (leaseSeconds * 1000) / 3,
    )
    try {
      if (doc.attempt > maxAttempts) {
        await failDocument(db, doc, {
          code: 'ingestion_failed',
          message: `Processing stopped unexpectedly ${maxAttempts} times; upload the document again or contact support.`,
        })
        jobLog.warn('document failed: too many attempts')
        options.onOutcome?.('failed')
        return
      }
      await ingestDocument(
        { db, embeddings, vectors, parser, sources, leaseSeconds, signal: stopping.signal },
        doc,
      )
      jobLog.info({ ms: Math.round(performance.now() - started) }, 'document ready')
      options.statistics.changed(doc.tenantId)
      options.onOutcome?.('ready')
    } catch (err) {
      if (stopping.signal.aborted) {
        // Stopped mid-way (whatever the step raised): the next start picks the document up again.
        await releaseClaim(db, doc).catch(() => {})
        jobLog.info('ingestion interrupted by shutdown')
        options.onOutcome?.('retried')
      } else if (err instanceof IngestionInterrupted) {
        jobLog.info({ reason: err.message }, 'ingestion interrupted')
        options.onOutcome?.('retried')
        await forgetVectorsOfDeleted(doc).catch((failure) =>
          jobLog.warn({ err: failure }, 'could not check for vectors of a deleted document'),
        )
      } else if (VectorStoreError.isInstance(err)) {
        await vectorStoreFailed(doc, err, jobLog).catch((failure) =>
          jobLog.warn({ err: failure }, 'could not record the vector store failure'),
        )
      } else if (err instanceof DocumentParseError) {
        // Should the database be unreachable, the lease runs out and the document is retried.
        await failDocument(db, doc, { code: 'document_unreadable', message: err.message }).catch(
          (failure) => jobLog.warn({ err: failure }, 'could not mark the document failed'),
        )
        jobLog.info({ reason: err.message }, 'document unreadable')
        options.onOutcome?.('failed')
      } else {
        jobLog.error({ err }, 'ingestion failed')
        await failDocument(db, doc, {
          code: 'ingestion_failed',
          message: 'The document could not be processed. Try uploading it again.',
        }).catch(() => {})
        options.onOutcome?.('failed')
      }
    } finally {
      clearInterval(heartbeat)
    }
  }

  /** A document deleted while its vectors were being stored: those vectors must go as well. */
  async function forgetVectorsOfDeleted(doc: ClaimedDocument): Promise<void> {
    if (vectors.provider === 'pgvector') return
    await db.tenant(doc.tenantId, async (tx) => {
      if (!(await findDocument(tx, doc.tenantId, doc.id))) {
        await recordVectorDeletion(tx, doc.tenantId, doc.id)
      }
    })
  }

  /**
   * A passing failure (429, 5xx, timeout, an unreadable answer) puts the document back in the
   * queue after a wait, its error saying why, until its attempts run out; one that needs the
   * operator (key refused, no such index, vectors rejected) fails the document at once.
   */
  async function vectorStoreFailed(
    doc: ClaimedDocument,
    err: VectorStoreError,
    jobLog: Logger,
  ): Promise<void> {
    if (err.retryable && doc.attempt < maxAttempts) {
      const seconds = Math.max(
        err.retryAfterSeconds ?? 0,
        vectorRetrySeconds * 2 ** (doc.attempt - 1),
      )
      jobLog.warn(
        { err, reason: err.reason, retryInSeconds: seconds },
        'the vector store failed: ingestion will be retried',
      )
      await retryLater(db, doc, seconds, {
        code: 'ingestion_failed',
        message: `The search index could not store this document's passages (${err.reason}); trying again in ${Math.ceil(seconds)} s.`,
      })
      options.onOutcome?.('retried')
      return
    }
    jobLog.error({ err, reason: err.reason }, 'the vector store failed: document failed')
    await failDocument(db, doc, {
      code: 'ingestion_failed',
      message: err.retryable
        ? `The search index could not store this document's passages after ${doc.attempt} attempts (${err.reason}). Delete the document and upload it again later.`
        : `The search index refused this document's passages (${err.reason}); once the operator has fixed the vector store settings, delete the document and upload it again.`,
    })
    options.onOutcome?.('failed')
  }

  return {
    async start() {
      // PGlite is a single-process database: any claim found at start belongs to a dead process.
      if (db.driver === 'pglite') {
        const resumed = await expireAllLeases(db)
        if (resumed > 0) log.info({ documents: resumed }, 'resuming interrupted ingestion')
      }
      timer = setInterval(() => void fill(), pollIntervalMs)
      timer.unref()
      await fill()
    },
    notify() {
      void fill()
    },
    async process(documentId) {
      const current = running.get(documentId)
      if (current) return current.done
      if (paused || stopping.signal.aborted) return
      const doc = await claimNextDocument(db, leaseSeconds, documentId)
      if (doc) await begin(doc)
    },
    pause() {
      paused = true
      clearInterval(timer)
    },
    async stop() {
      clearInterval(timer)
      stopping.abort()
      await Promise.all([...running.values()].map((r) => r.done))
      await parser.close()
    },
    async drained() {
      for (;;) {
        await fill()
        if (running.size === 0) return
        await Promise.all([...running.values()].map((r) => r.done))
      }
    },
  }
}
