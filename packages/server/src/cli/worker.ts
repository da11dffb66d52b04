import { Command } from 'commander'
import { loadConfig } from '../config/index.ts'
import { startWorker } from '../worker.ts'
import { closeOnSignals } from './close-on-signals.ts'

export function workerCommand() {
  return new Command('worker')
    .description(
      'Process uploaded documents in a process of its own (needs DATABASE_URL); run `serve` with INGEST_IN_SERVE=false beside it.',
    )
    .action(async () => {
      const worker = await startWorker(loadConfig(process.env))
      closeOnSignals(worker.log, () => worker.close())
    })
}
