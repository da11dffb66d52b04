import { pino } from 'pino'
import { loadConfig } from '../config/index.ts'
import type { Db } from '../db/index.ts'
import { createLogger, type Logger } from '../logger.ts'
import { openMigratedDb } from '../server.ts'
import { createKeyService, type KeyService } from '../tenants/keys.ts'

export interface CliContext {
  db: Db
  /** Migrations applied when the database was opened for this command. */
  applied: string[]
  keys: KeyService
  log: Logger
}

/**
 * Opens the configured database (migrating it), runs an admin command, and closes it. Logs go to
 * stderr so that stdout carries only the command's output.
 */
export async function withDatabase<T>(run: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env)
  const log = createLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination(2))
  const database = await openMigratedDb(config, log)
  try {
    return await run({
      db: database.db,
      applied: database.applied,
      keys: createKeyService(database.db),
      log,
    })
  } finally {
    await database.close()
  }
}
