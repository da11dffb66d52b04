import { type Job, Queue, UnrecoverableError, Worker } from 'bullmq'
import { newId } from '../ids.ts'
import type { Logger } from '../logger.ts'

/** The background queues: lead notification email, lead webhooks and document ingestion. */
export const QUEUE_NAMES = ['email', 'webhooks', 'ingestion'] as const
export type QueueName = (typeof QUEUE_NAMES)[number]

/** What every job carries: the dealership it belongs to (null for the operator's own mail). */
export interface JobData {
  tenantId: string | null
  [key: string]: unknown
}

/** How often a job is tried, and the first wait before trying it again (doubled each time). */
export interface RetryPolicy {
  attempts: number
  backoffMs: number
}

/** A job whose attempts ran out, or that failed in a way retrying cannot mend. */
export interface FailedJob {
  id: string
  queue: QueueName
  tenantId: string | null
  data: JobData
  attemptsMade: number
  reason: string
  failedAt: string
}

export interface JobContext {
  id: string
  /** 1 on the first try. */
  attempt: number
  /** Whether no retry follows should this attempt fail (the failure is final). */
  lastAttempt: boolean
}

export type JobHandler = (data: JobData, job: JobContext) => Promise<void>

/**
 * Thrown by a handler when retrying cannot help (the receiver answered 410 Gone, the address is
 * refused): the job fails at once, into the dead-letter view.
 */
export class PermanentJobError extends UnrecoverableError {
  override name = 'PermanentJobError'
}

export const JOB_STATES = ['waiting', 'active', 'delayed', 'failed'] as const
export type JobState = (typeof JOB_STATES)[number]

export interface JobQueues {
  /** `bullmq` (Redis, shared by every process) or `memory` (this process only). */
  readonly kind: 'bullmq' | 'memory'
  add(queue: QueueName, data: JobData): Promise<string>
  /** Runs this queue's jobs in this process. */
  process(queue: QueueName, handler: JobHandler, concurrency?: number): void
  /** Failed jobs, newest first; only one dealership's when tenantId is given. */
  failed(filter?: {
    tenantId?: string | undefined
    queues?: readonly QueueName[]
  }): Promise<FailedJob[]>
  /** Puts a failed job back in its queue; false when there is no such failed job (for this tenant). */
  retry(
    id: string,
    filter?: { tenantId?: string | undefined; queues?: readonly QueueName[] },
  ): Promise<boolean>
  counts(): Promise<Record<QueueName, Record<JobState, number>>>
  /** Stops taking jobs; those running finish (BullMQ) or are abandoned to their retry (memory). */
  close(): Promise<void>
}

/** Failed jobs kept for the dead-letter view, per queue. */
const KEEP_FAILED = 1000

/** How far the dead-letter view looks back, per queue. */
const FAILED_SCAN = 1000

function redisOptions(url: string) {
  const u = new URL(url)
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || 6379),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.pathname.length > 1 ? { db: Number(u.pathname.slice(1)) } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's workers block on Redis and must wait for it, not fail their commands.
    maxRetriesPerRequest: null,
  }
}

/**
 * BullMQ queues in Redis, shared by `serve` and `avataradam worker` processes. A job a dead worker
 * held is taken up again by BullMQ's stalled-job check; the handlers are safe to run twice.
 */
export function createBullQueues(options: {
  redisUrl: string
  prefix: string
  retry: Record<QueueName, RetryPolicy>
  log: Logger
}): JobQueues {
  const connection = redisOptions(options.redisUrl)
  const { prefix, log } = options
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => {
      const queue = new Queue<JobData>(name, { connection, prefix })
      queue.on('error', (err) => log.warn({ err: err.message, queue: name }, 'queue error'))
      return [name, queue]
    }),
  ) as Record<QueueName, Queue<JobData>>
  const workers: Worker[] = []

  const toFailed = (queue: QueueName, job: Job<JobData>): FailedJob => ({
    id: job.id!,
    queue,
    tenantId: job.data.tenantId ?? null,
    data: job.data,
    attemptsMade: job.attemptsMade,
    reason: job.failedReason ?? 'failed',
    failedAt: new Date(job.finishedOn ?? job.timestamp).toISOString(),
  })

  return {
    kind: 'bullmq',
    async add(queue, data) {
      const { attempts, backoffMs } = options.retry[queue]
      const job = await queues[queue].add(queue, data, {
        jobId: newId(),
        attempts,
        backoff: { type: 'exponential', delay: backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: KEEP_FAILED },
      })
      return job.id!
    },
    process(queue, handler, concurrency = 4) {
      const attempts = options.retry[queue].attempts
      const worker = new Worker<JobData>(
        queue,
        async (job) => {
          const attempt = job.attemptsMade + 1
          await handler(job.data, { id: job.id!, attempt, lastAttempt: attempt >= attempts })
        },
        { connection, prefix, concurrency },
      )
      worker.on('error', (err) => log.warn({ err: err.message, queue }, 'queue worker error'))
      worker.on('failed', (job, err) => {
        if (!job) return
        const final = err instanceof UnrecoverableError || job.attemptsMade >= attempts
        log[final ? 'error' : 'warn'](
          {
            queue,
            jobId: job.id,
            tenantId: job.data.tenantId,
            attempt: job.attemptsMade,
            err: err.message,
          },
          final ? 'job failed: kept in the failed jobs' : 'job failed: it will be retried',
        )
      })
      workers.push(worker)
    },
    async failed(filter = {}) {
      const found: FailedJob[] = []
      for (const name of filter.queues ?? QUEUE_NAMES) {
        const jobs = await queues[name].getFailed(0, FAILED_SCAN - 1)
        for (const job of jobs) {
          if (!job) continue
          if (filter.tenantId !== undefined && job.data.tenantId !== filter.tenantId) continue
          found.push(toFailed(name, job))
        }
      }
      return found.sort((a, b) => b.failedAt.localeCompare(a.failedAt))
    },
    async retry(id, filter = {}) {
      for (const name of filter.queues ?? QUEUE_NAMES) {
        const job = await queues[name].getJob(id)
        if (!job) continue
        if (filter.tenantId !== undefined && job.data.tenantId !== filter.tenantId) return false
        if (!(await job.isFailed())) return false
        await job.retry('failed', { resetAttemptsMade: true })
        return true
      }
      return false
    },
    async counts() {
      const entries = await Promise.all(
        QUEUE_NAMES.map(async (name) => {
          const c = await queues[name].getJobCounts(...JOB_STATES)
          return [name, Object.fromEntries(JOB_STATES.map((s) => [s, c[s] ?? 0]))] as const
        }),
      )
      return Object.fromEntries(entries) as Record<QueueName, Record<JobState, number>>
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()))
      await Promise.all(Object.values(queues).map((q) => q.close()))
    },
  }
}
