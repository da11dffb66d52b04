import type { Config } from '../config/index.ts'
import type { Db } from '../db/index.ts'
import type { IngestionWorker } from '../knowledge/ingestion-worker.ts'
import { createWebhookDelivery } from '../leads/webhooks.ts'
import type { Logger } from '../logger.ts'
import type { Mailer } from '../providers/mail/mailer.ts'
import { createSecretBox } from '../secrets/secret-box.ts'
import { createMemoryQueues } from './memory-queues.ts'
import { createBullQueues, type JobQueues } from './queues.ts'

/** BullMQ in Redis when REDIS_URL is set (shared with `avataradam worker`), else in this process. */
export function jobQueuesFromConfig(config: Config, log: Logger): JobQueues {
  const policy = { attempts: config.jobs.attempts, backoffMs: config.jobs.backoffMs }
  const retry = { email: policy, webhooks: policy, ingestion: { attempts: 3, backoffMs: 5000 } }
  const queueLog = log.child({ component: 'jobs' })
  return config.redisUrl
    ? createBullQueues({
        redisUrl: config.redisUrl,
        prefix: config.jobs.prefix,
        retry,
        log: queueLog,
      })
    : createMemoryQueues({ retry, log: queueLog })
}

/**
 * Runs the BullMQ `ingestion` queue's jobs with this process's ingestion worker. A job only says
 * which document to take now; the document's claim in the table is what makes it processed once,
 * however often the job is delivered, and the table's poll takes up a document whose job was lost.
 */
export function processIngestion(
  queues: JobQueues,
  ingestion: IngestionWorker,
  concurrency: number,
) {
  queues.process('ingestion', (data) => ingestion.process(data.documentId as string), concurrency)
}

/** Runs the email and webhook queues' jobs in this process. */
export function processDeliveries(
  queues: JobQueues,
  deps: { config: Config; db: Db; mailer: Mailer; log: Logger; fetch?: typeof fetch | undefined },
): void {
  queues.process('email', (data, job) => deps.mailer.deliverQueued(data, job))
  queues.process(
    'webhooks',
    createWebhookDelivery({
      db: deps.db,
      log: deps.log.child({ component: 'webhooks' }),
      allowPrivate: deps.config.providerUrlsAllowPrivate,
      timeoutMs: deps.config.jobs.webhookTimeoutMs,
      box: deps.config.secretKeys.length > 0 ? createSecretBox(deps.config.secretKeys) : undefined,
      fetch: deps.fetch,
    }),
  )
}
