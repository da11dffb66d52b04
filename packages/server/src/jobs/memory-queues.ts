import { UnrecoverableError } from 'bullmq'
import { newId } from '../ids.ts'
import type { Logger } from '../logger.ts'
import {
  type FailedJob,
  type JobData,
  type JobHandler,
  type JobQueues,
  type JobState,
  QUEUE_NAMES,
  type QueueName,
  type RetryPolicy,
} from './queues.ts'

interface MemoryJob {
  id: string
  queue: QueueName
  data: JobData
  attemptsMade: number
  timer?: NodeJS.Timeout | undefined
}

/**
 * The embedded queue (no REDIS_URL): jobs run in this process, with the same retries, backoff and
 * failed-job view as BullMQ's, but nothing outlives the process. Jobs added before a handler is
 * registered wait for it.
 */
export function createMemoryQueues(options: {
  retry: Record<QueueName, RetryPolicy>
  log: Logger
  keepFailed?: number
}): JobQueues {
  const { log } = options
  const keepFailed = options.keepFailed ?? 1000
  const handlers = new Map<QueueName, JobHandler>()
  const waiting = new Map<string, MemoryJob>()
  const delayed = new Map<string, MemoryJob>()
  const active = new Map<string, MemoryJob>()
  const failed = new Map<string, MemoryJob & { reason: string; failedAt: string }>()
  let closed = false

  function run(job: MemoryJob) {
    const handler = handlers.get(job.queue)
    if (!handler || closed) {
      waiting.set(job.id, job)
      return
    }
    waiting.delete(job.id)
    delayed.delete(job.id)
    active.set(job.id, job)
    const { attempts, backoffMs } = options.retry[job.queue]
    const attempt = job.attemptsMade + 1
    void handler(job.data, { id: job.id, attempt, lastAttempt: attempt >= attempts })
      .then(
        () => undefined,
        (err: Error) => err,
      )
      .then((err) => {
        active.delete(job.id)
        job.attemptsMade = attempt
        if (!err) return
        const final = err instanceof UnrecoverableError || attempt >= attempts
        log[final ? 'error' : 'warn'](
          {
            queue: job.queue,
            jobId: job.id,
            tenantId: job.data.tenantId,
            attempt,
            err: err.message,
          },
          final ? 'job failed: kept in the failed jobs' : 'job failed: it will be retried',
        )
        if (final) {
          failed.set(job.id, { ...job, reason: err.message, failedAt: new Date().toISOString() })
          // Oldest first in a Map: the bound drops the oldest.
          for (const id of failed.keys()) {
            if (failed.size <= keepFailed) break
            failed.delete(id)
          }
          return
        }
        if (closed) return
        delayed.set(job.id, job)
        job.timer = setTimeout(() => run(job), backoffMs * 2 ** (attempt - 1))
        job.timer.unref()
      })
  }

  return {
    kind: 'memory',
    async add(queue, data) {
      const job: MemoryJob = { id: newId(), queue, data, attemptsMade: 0 }
      waiting.set(job.id, job)
      setImmediate(() => {
        if (waiting.has(job.id)) run(job)
      })
      return job.id
    },
    process(queue, handler) {
      handlers.set(queue, handler)
      for (const job of [...waiting.values()]) if (job.queue === queue) run(job)
    },
    async failed(filter = {}) {
      const queues: readonly QueueName[] = filter.queues ?? QUEUE_NAMES
      return [...failed.values()]
        .filter(
          (job) =>
            queues.includes(job.queue) &&
            (filter.tenantId === undefined || job.data.tenantId === filter.tenantId),
        )
        .reverse()
        .map(
          (job): FailedJob => ({
            id: job.id,
            queue: job.queue,
            tenantId: job.data.tenantId ?? null,
            data: job.data,
            attemptsMade: job.attemptsMade,
            reason: job.reason,
            failedAt: job.failedAt,
          }),
        )
    },
    async retry(id, filter = {}) {
      const job = failed.get(id)
      if (!job || (filter.queues && !filter.queues.includes(job.queue))) return false
      if (filter.tenantId !== undefined && job.data.tenantId !== filter.tenantId) return false
      failed.delete(id)
      run({ id: job.id, queue: job.queue, data: job.data, attemptsMade: 0 })
      return true
    },
    async counts() {
      const zero = () =>
        ({ waiting: 0, active: 0, delayed: 0, failed: 0 }) as Record<JobState, number>
      const counts = Object.fromEntries(QUEUE_NAMES.map((q) => [q, zero()])) as Record<
        QueueName,
        Record<JobState, number>
      >
      const states = { waiting, active, delayed, failed } as const
      for (const [state, jobs] of Object.entries(states)) {
        for (const job of jobs.values()) counts[job.queue][state as JobState]++
      }
      return counts
    },
    async close() {
      closed = true
      for (const job of delayed.values()) clearTimeout(job.timer)
    },
  }
}
