import { openPostgres } from '../../packages/server/src/db/postgres.ts'
import { processCpuMs } from './cpu.ts'

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test'
const BENCH_DATABASE = 'avataradam_bench'

/** Where the Postgres rows run, or why they are skipped. */
export type PostgresTarget = { url: string; label: string } | { skipped: string }

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms).unref(),
    ),
  ])
}

/**
 * The PostgreSQL the bench uses: a database of its own (`avataradam_bench`) on the server that
 * DATABASE_URL names, dropped and created again at the start of every run. A database of its own
 * keeps the bench's servers from claiming other people's queued test documents (the ingestion
 * worker serves every tenant of its database) and 100k synthetic chunks out of the shared one.
 * BENCH_DATABASE_URL, when set, is used exactly as given.
 */
export async function resolvePostgres(env: NodeJS.ProcessEnv): Promise<PostgresTarget> {
  if (env.BENCH_DATABASE_URL) {
    return { url: env.BENCH_DATABASE_URL, label: redact(env.BENCH_DATABASE_URL) }
  }
  const base = env.DATABASE_URL || DEFAULT_DATABASE_URL
  const url = new URL(base)
  url.pathname = `/${BENCH_DATABASE}`
  try {
    const admin = await withTimeout(openPostgres(base, { poolMax: 1 }), 5000, 'connecting')
    try {
      await withTimeout(admin.query('select 1'), 5000, `connecting to ${redact(base)}`)
      // Fresh every run: runs stay comparable, and a schema that changed since the last run
      // (migrations are still moving) never meets an old one.
      await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`)
      await admin.query(`create database ${BENCH_DATABASE}`)
    } finally {
      await admin.close().catch(() => {})
    }
    return { url: url.toString(), label: redact(url.toString()) }
  } catch (err) {
    return { skipped: `${redact(base)} unreachable: ${(err as Error).message}` }
  }
}

/** The URL without its password, for printing. */
export function redact(url: string): string {
  const parsed = new URL(url)
  if (parsed.password) parsed.password = '***'
  return parsed.toString()
}

/**
 * Watches the bench database from outside the server: CPU time of every backend connected to it
 * (so a chat cell can say how much of a core PostgreSQL used; other databases' backends, such as
 * other people's tests, are left out) and its committed transactions.
 */
export async function postgresMonitor(url: string) {
  const admin = await openPostgres(url, { poolMax: 1 })
  const database = new URL(url).pathname.slice(1)
  return {
    async cpuMs(): Promise<number> {
      const rows = await admin.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [database],
      )
      const times = await Promise.all(rows.map((r) => processCpuMs(r.pid)))
      return times.reduce((a, b) => a + b, 0)
    },
    /** Transactions committed so far (the statistics lag by up to a second). */
    async transactions(): Promise<number> {
      await admin.query('select pg_stat_clear_snapshot()')
      const [row] = await admin.query<{ n: string }>(
        'select xact_commit + xact_rollback as n from pg_stat_database where datname = $1',
        [database],
      )
      return Number(row?.n ?? 0)
    },
    close: () => admin.close(),
  }
}
