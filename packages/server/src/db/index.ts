import type { Config } from '../config/index.ts'
import type { Db } from './types.ts'

export { migrate } from './migrate.ts'
export type { Db, DbCapabilities, Queryable, Row } from './types.ts'

/** Opens the database the configuration names: postgres.js for DATABASE_URL, else PGlite on disk. */
export async function openDb(database: Config['database']): Promise<Db> {
  if (database.kind === 'postgres') {
    const { openPostgres } = await import('./postgres.ts')
    return openPostgres(database.url, { poolMax: database.poolMax })
  }
  const { openPglite } = await import('./pglite.ts')
  return openPglite(database.dataDir)
}
