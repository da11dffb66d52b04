import postgres from 'postgres'
import type { Db, Queryable, Row } from './types.ts'
import { SCOPE_TO_TENANT, SESSION_SETTING_VALUES } from './types.ts'

type Sql = postgres.Sql | postgres.ReservedSql
type Params = postgres.ParameterOrJSON<never>[]

function wrap(sql: Sql): Queryable {
  return {
    async query<T extends Row>(text: string, params?: readonly unknown[]) {
      // Parameterised statements are prepared once per connection and reused.
      const rows = await sql.unsafe(text, (params ?? []) as Params, { prepare: true })
      return rows as unknown as T[]
    },
    async exec(script: string) {
      // Without parameters postgres.js uses the simple protocol, which allows several statements.
      await sql.unsafe(script)
    },
  }
}

/**
 * Runs `fn` in a transaction on a connection of its own, optionally scoped to a tenant.
 *
 * Not `sql.begin`: in postgres.js 3.4.9 a BEGIN that lands at a busy connection's pipeline limit
 * is sent without the connection being reserved (porsager/postgres#1189, #823), which fails the
 * transaction with UNSAFE_TRANSACTION and can leave the server-side transaction open for the
 * next user of that connection. A reserved connection is idle and ours alone before BEGIN goes.
 */
async function inTransaction<T>(
  sql: postgres.Sql,
  fn: (tx: Queryable) => Promise<T>,
  tenantId?: string,
): Promise<T> {
  const tx = await sql.reserve()
  try {
    // BEGIN and the tenant scope are sent with fn's first statement, saving round trips; any
    // failure among them aborts the transaction, and fn's statements with it.
    const begun = tx.unsafe('begin').execute()
    const scoped = tenantId
      ? tx.unsafe(SCOPE_TO_TENANT, [tenantId], { prepare: true }).execute()
      : undefined
    begun.catch(() => {})
    scoped?.catch(() => {})
    let result: T
    try {
      result = await fn(wrap(tx))
      await begun
      await scoped
    } catch (err) {
      await tx.unsafe('rollback').catch(() => {})
      throw err
    }
    await tx.unsafe('commit')
    return result
  } finally {
    tx.release()
  }
}

/** Connects to PostgreSQL with postgres.js; the pool opens connections as they are needed. */
export async function openPostgres(url: string, options: { poolMax: number }): Promise<Db> {
  const sql = postgres(url, {
    max: options.poolMax,
    onnotice: () => {},
    connection: { application_name: 'avataradam', ...SESSION_SETTING_VALUES },
    transform: { undefined: null },
  })
  return {
    driver: 'postgres',
    capabilities: { vector: false },
    ...wrap(sql),
    tenant: (tenantId, fn) => inTransaction(sql, fn, tenantId),
    transaction: (fn) => inTransaction(sql, fn),
    async close() {
      await sql.end({ timeout: 5 })
    },
  }
}
