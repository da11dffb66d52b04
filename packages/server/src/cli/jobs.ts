import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { AppError } from '../errors.ts'
import type { JobQueues } from '../jobs/queues.ts'
import { createLogger } from '../logger.ts'
import { output } from './output.ts'

/** The BullMQ queues of REDIS_URL and JOBS_PREFIX, closed once `fn` is done. */
async function withQueues<T>(fn: (queues: JobQueues) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env)
  if (!config.redisUrl) {
    throw new AppError(
      'not_configured',
      'avataradam jobs needs REDIS_URL: without Redis, jobs live in each server process and die with it.',
    )
  }
  // Loaded here, not at the CLI's start: other commands need not pay for BullMQ.
  const { jobQueuesFromConfig } = await import('../jobs/job-queues.ts')
  const queues = jobQueuesFromConfig(config, createLogger(config.logLevel))
  try {
    return await fn(queues)
  } finally {
    await queues.close()
  }
}

export function jobCommands() {
  const jobs = new Command('jobs').description(
    'Background jobs in Redis (REDIS_URL): email, webhook and ingestion queues.',
  )
  jobs
    .command('failed')
    .description('Jobs whose attempts ran out (every dealership), newest first.')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { failed, counts } = await withQueues(async (queues) => ({
        failed: await queues.failed(),
        counts: await queues.counts(),
      }))
      output(opts.json === true, { jobs: failed, counts }, () =>
        failed.length === 0
          ? ['No failed jobs.']
          : failed.map(
              (job) =>
                `${job.id}  ${job.queue}  tenant ${job.tenantId ?? '-'}  ${job.attemptsMade} attempt(s)  ${job.failedAt}  ${job.reason}`,
            ),
      )
    })
  jobs
    .command('retry')
    .description('Put a failed job back in its queue, with its attempts anew.')
    .argument('<id>', 'the job id (from `avataradam jobs failed`)')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const retried = await withQueues((queues) => queues.retry(id))
      if (!retried) throw new AppError('not_found', `No failed job with id ${id}.`)
      output(opts.json === true, { id, retried }, () => [`Job ${id} queued again.`])
    })
  return jobs
}
