import { type Child, startChild } from './child.ts'
import type { PostgresTarget } from './postgres.ts'

/** The Origin bench visitors claim; the seeded publishable key allows exactly this one. */
export const BENCH_ORIGIN = 'http://bench.local'

export type DatabaseChoice = { kind: 'pglite' } | { kind: 'postgres'; url: string }

/** What an AvatarAdam server child reports once seeded. */
export interface AvatarAdamInfo {
  url: string
  tenantId: string
  publishableKey: string
  secretKey: string
  documents: number
}

/** What a bare baseline server child reports. */
export interface BareInfo {
  url: string
}

export type ServerKind = 'avataradam' | 'socketio-echo' | 'hono-upload' | 'model'

const SERVER_PROCESS = new URL('../server-process.ts', import.meta.url)

/** Starts a server under test in its own process, with `gc()` exposed for memory readings. */
export function startServerChild<Info>(
  kind: ServerKind,
  database?: DatabaseChoice,
  /** Extra server environment (AvatarAdam), or the model's pace (model). */
  options: Record<string, string | number> = {},
): Promise<Child<Info>> {
  return startChild<Info>(SERVER_PROCESS, {
    args: { kind, database, options },
    execArgv: ['--expose-gc'],
  })
}

export interface ServerPool {
  readonly postgres: PostgresTarget
  /** The databases to run on; `choice` is null, with the reason in `skipped`, for one left out. */
  databases(): { name: string; choice: DatabaseChoice | null; skipped?: string }[]
  get(database: DatabaseChoice): Promise<Child<AvatarAdamInfo>>
  stopAll(): Promise<void>
}

/**
 * One seeded AvatarAdam server per database, started on first use and shared by the sections
 * (seeding and ingesting the demo documents costs seconds), stopped at the end of the run.
 */
export function createServerPool(postgres: PostgresTarget): ServerPool {
  const servers = new Map<string, Promise<Child<AvatarAdamInfo>>>()
  return {
    postgres,
    databases() {
      return [
        { name: 'PGlite', choice: { kind: 'pglite' } },
        'url' in postgres
          ? { name: 'Postgres', choice: { kind: 'postgres', url: postgres.url } }
          : { name: 'Postgres', choice: null, skipped: postgres.skipped },
      ]
    },
    get(database) {
      let server = servers.get(database.kind)
      if (!server) {
        server = startServerChild<AvatarAdamInfo>('avataradam', database)
        servers.set(database.kind, server)
      }
      return server
    },
    async stopAll() {
      const running = [...servers.values()]
      servers.clear()
      await Promise.all(running.map(async (s) => (await s.catch(() => null))?.stop()))
    },
  }
}
