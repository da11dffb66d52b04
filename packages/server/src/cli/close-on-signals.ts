import type { Logger } from '../logger.ts'

/** Closes gracefully on SIGTERM or SIGINT, then exits: 0 once closed, 1 if closing failed. */
export function closeOnSignals(log: Logger, close: () => Promise<void>): void {
  const shutdown = (signal: string) => {
    log.info({ signal }, 'signal received')
    close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}
