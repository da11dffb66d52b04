import { Redis } from 'ioredis'
import { answerCacheFromConfig, invalidatingAnswers } from './chat/answer-cache.ts'
import type { Config } from './config/index.ts'
import { AppError } from './errors.ts'
import { jobQueuesFromConfig, processDeliveries, processIngestion } from './jobs/job-queues.ts'
import type { JobQueues } from './jobs/queues.ts'
import { ensureEmbeddingIndex } from './knowledge/embedding-index.ts'
import { createIngestionWorker, type IngestionWorker } from './knowledge/ingestion-worker.ts'
import { createSearchStatistics } from './knowledge/search-statistics.ts'
import { sourceStoreFromConfig } from './knowledge/source-store.ts'
import { createLogger, type Logger } from './logger.ts'
import { embeddingsFromConfig } from './providers/embeddings/embeddings-from-config.ts'
import type { EmbeddingModel } from './providers/embeddings/index.ts'
import { mailTransportFromConfig } from './providers/mail/mail-from-config.ts'
import { createMailer } from './providers/mail/mailer.ts'
import type { VectorStore } from './providers/vectors/index.ts'
import { vectorsFromConfig } from './providers/vectors/vectors-from-config.ts'
import { openMigratedDb } from './server.ts'
import { tracedDb } from './tracing/traced-db.ts'
import { createTracing } from './tracing/tracing.ts'

export interface RunningWorker {
  ingestion: IngestionWorker
  /** With REDIS_URL: the BullMQ queues whose email and webhook jobs this worker runs. */
  queues: JobQueues | undefined
  log: Logger
  /** Stops claiming; documents in progress go back to the queue for the next worker. */
  close(): Promise<void>
}

/**
 * `avataradam worker`: processes uploaded documents (parse, chunk, embed, index) in a process of
 * its own, beside any number of `serve` instances (run those with INGEST_IN_SERVE=false). The
 * queue is the documents table in PostgreSQL, so workers and servers share it without anything
 * else; a worker that dies leaves its claims to expire and be taken up again. With REDIS_URL it
 * also runs the BullMQ `email` and `webhooks` queues' jobs.
 */
export async function startWorker(
  config: Config,
  options: {
    log?: Logger | undefined
    embeddings?: EmbeddingModel | undefined
    vectors?: VectorStore | undefined
  } = {},
): Promise<RunningWorker> {
  if (config.database.kind !== 'postgres') {
    throw new AppError(
      'not_configured',
      'avataradam worker needs DATABASE_URL (PostgreSQL): the embedded database belongs to one process, and `serve` already ingests in embedded mode.',
    )
  }
  const log = options.log ?? createLogger(config.logLevel)
  const database = await openMigratedDb(config, log)
  const tracing = createTracing(config.tracing)
  const db = tracing.enabled ? tracedDb(database.db, tracing.tracer) : database.db
  const embeddings = options.embeddings ?? embeddingsFromConfig(config.embeddings)
  const vectors = options.vectors ?? vectorsFromConfig(config.vectors)
  try {
    await ensureEmbeddingIndex(db, embeddings, log, vectors)
  } catch (err) {
    await tracing.shutdown()
    await database.close()
    throw err
  }
  // The servers' answer cache lives in Redis: a document this worker indexes drops the
  // dealership's cached answers there.
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    : undefined
  redis?.on('error', (err) => log.warn({ err: err.message }, 'redis error'))
  const statistics = invalidatingAnswers(
    createSearchStatistics({ db, log: log.child({ component: 'search' }) }),
    answerCacheFromConfig(config, redis),
    log,
  )
  const ingestion = createIngestionWorker({
    db,
    embeddings,
    sources: sourceStoreFromConfig(config.uploads),
    statistics,
    log: log.child({ component: 'ingestion' }),
    concurrency: config.ingestConcurrency,
    leaseSeconds: config.ingestLeaseSeconds,
    vectors,
    vectorRetrySeconds: config.vectors.provider === 'pinecone' ? config.vectors.retrySeconds : 30,
    tracer: tracing.tracer,
  })
  await ingestion.start()
  // Email and webhook deliveries are BullMQ jobs only with Redis; without it each server sends its own.
  const queues = config.redisUrl ? jobQueuesFromConfig(config, log) : undefined
  if (queues) {
    const mailer = createMailer({
      db,
      transport: mailTransportFromConfig(config.mail),
      log: log.child({ component: 'mail' }),
      queues,
    })
    processDeliveries(queues, { config, db, mailer, log })
    processIngestion(queues, ingestion, config.ingestConcurrency)
  }
  log.info({ concurrency: config.ingestConcurrency, queues: Boolean(queues) }, 'worker started')
  let closed: Promise<void> | undefined
  return {
    ingestion,
    queues,
    log,
    close() {
      closed ??= (async () => {
        // Claims nothing more, then puts the documents in progress back in the table's queue.
        ingestion.pause()
        await Promise.all([queues?.close(), ingestion.stop()])
        statistics.stop()
        await redis?.quit().catch(() => {})
        await database.close()
        await tracing.shutdown()
        log.info('worker stopped')
      })()
      return closed
    },
  }
}
