import { Command } from 'commander'
import { withDatabase } from './context.ts'
import { output } from './output.ts'

export function migrateCommand() {
  return new Command('migrate')
    .description('Apply pending database migrations (serve also does this on start).')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      // Opening the database migrates it; report what that applied.
      const result = await withDatabase(async ({ db, applied }) => ({
        applied,
        vector: db.capabilities.vector,
      }))
      output(opts.json === true, result, () => [
        ...result.applied.map((version) => `Applied ${version}.`),
        'Database schema is up to date.',
        result.vector ? 'pgvector: installed' : 'pgvector: not installed (exact-scan retrieval)',
      ])
    })
}
