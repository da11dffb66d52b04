import { Command } from 'commander'
import { migrate } from '../db/index.ts'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

export function migrateCommand() {
  return new Command('migrate')
    .description('Apply pending database migrations (serve also does this on start).')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      // Opening the database migrates it; a second run reports what is left (nothing).
      const result = await withDatabase(async ({ db }) => ({
        ...(await migrate(db)),
        vector: db.capabilities.vector,
      }))
      output(opts.json === true, result, () => [
        'Database schema is up to date.',
        result.vector ? 'pgvector: installed' : 'pgvector: not installed (exact-scan retrieval)',
      ])
    })
}
