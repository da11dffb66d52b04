import { readdir, readFile } from 'node:fs/promises'
import type { Db } from './types.ts'

const MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url)
// Any constant shared by every instance: serialises concurrent start-ups on one database.
const MIGRATION_LOCK = 0x41_76_61_74

export interface MigrationResult {
  /** Versions applied by this run, in order (empty when the schema was up to date). */
  applied: string[]
}

/**
 * Applies every pending `migrations/NNNN_name.sql` in one transaction, holding an advisory lock so
 * that instances starting together apply each migration exactly once. A failed migration rolls
 * back whole, leaving the schema as it was.
 */
export async function migrate(db: Db): Promise<MigrationResult> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f)).sort()
  const applied = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.exec(`create table if not exists schema_migrations (
      version text primary key,
      applied_at timestamptz not null default now()
    )`)
    const done = new Set(
      (await tx.query<{ version: string }>('select version from schema_migrations')).map(
        (r) => r.version,
      ),
    )
    const pending = files.filter((f) => !done.has(versionOf(f)))
    for (const file of pending) {
      await tx.exec(await readFile(new URL(file, MIGRATIONS_DIR), 'utf8'))
      await tx.query('insert into schema_migrations (version) values ($1)', [versionOf(file)])
    }
    return pending.map(versionOf)
  })
  const [row] = await db.query<{ vector: boolean }>(
    `select exists (select from pg_extension where extname = 'vector') as vector`,
  )
  db.capabilities.vector = row?.vector === true
  return { applied }
}

function versionOf(file: string): string {
  return file.replace(/\.sql$/, '')
}
