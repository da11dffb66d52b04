import { PGlite, type Transaction } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import type { Db, Queryable, Row } from './types.ts'
import { SCOPE_TO_TENANT, SESSION_SETTINGS } from './types.ts'

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row>(text: string, params?: readonly unknown[]) {
      const result = await target.query<T>(text, params as unknown[] | undefined)
      return result.rows
    },
    async exec(script: string) {
      await target.exec(script)
    },
  }
}

/**
 * Opens PGlite (PostgreSQL in WebAssembly) with pgvector. `dataDir` is a folder on disk, or
 * `memory://` for a throwaway database. PGlite has one connection: statements and transactions
 * run one after another, which it serialises itself.
 */
export async function openPglite(dataDir: string): Promise<Db> {
  const pg = await PGlite.create({ dataDir, extensions: { vector } })
  await pg.exec(SESSION_SETTINGS)
  return {
    driver: 'pglite',
    capabilities: { vector: false },
    ...wrap(pg),
    tenant(tenantId, fn) {
      return pg.transaction(async (tx) => {
        await tx.query(SCOPE_TO_TENANT, [tenantId])
        return fn(wrap(tx))
      })
    },
    transaction(fn) {
      return pg.transaction((tx) => fn(wrap(tx)))
    },
    async close() {
      await pg.close()
    },
  }
}
