import { createHash } from 'node:crypto'
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
  const scripts = await Promise.all(
    files.map(async (file) => {
      const sql = await readFile(new URL(file, MIGRATIONS_DIR), 'utf8')
      return {
        version: versionOf(file),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      }
    }),
  )
  const applied = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK])
    await tx.exec(`create table if not exists schema_migrations (
      version text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`)
    const done = new Map(
      (
        await tx.query<{ version: string; checksum: string }>(
          'select version, checksum from schema_migrations',
        )
      ).map((r) => [r.version, r.checksum]),
    )
    for (const script of scripts) {
      const checksum = done.get(script.version)
      if (checksum !== undefined && checksum !== script.checksum) {
        // Applied migrations are history: changing one would leave databases that ran the old
        // text silently different from new ones. Add a new migration instead.
        throw new Error(
          `Migration ${script.version} was changed after this database applied it. Add a new migration instead of editing an applied one.`,
        )
      }
    }
    const pending = scripts.filter((s) => !done.has(s.version))
    for (const script of pending) {
      await tx.exec(script.sql)
      await tx.query('insert into schema_migrations (version, checksum) values ($1, $2)', [
        script.version,
        script.checksum,
      ])
    }
    return pending.map((s) => s.version)
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
