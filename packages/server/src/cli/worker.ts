import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { startWorker } from '../worker.ts'

export function workerCommand() {
  return new Command('worker')
    .description(
      'Process uploaded documents in a process of its own (needs DATABASE_URL); run `serve` with INGEST_IN_SERVE=false beside it.',
    )
    .action(async () => {
      const worker = await startWorker(loadConfig(process.env))
      const shutdown = (signal: string) => {
        worker.log.info({ signal }, 'signal received')
        worker.close().then(
          () => process.exit(0),
          (err) => {
            worker.log.error({ err }, 'shutdown failed')
            process.exit(1)
          },
        )
      }
      process.once('SIGTERM', () => shutdown('SIGTERM'))
      process.once('SIGINT', () => shutdown('SIGINT'))
    })
}
