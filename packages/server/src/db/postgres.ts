import postgres from 'postgres'
import { AppError } from '../errors.ts'
import type { Db, Queryable, Row } from './types.ts'
import { SCOPE_TO_TENANT, SESSION_SETTING_VALUES } from './types.ts'

type Sql = postgres.Sql | postgres.ReservedSql

// The connection failed, not the statement: the server restarting, the network between, or the
// pool waiting too long. postgres.js reconnects on the next query; the caller may try again.
const CONNECTION_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // admin_shutdown, crash_shutdown, cannot_connect_now (starting up or shutting down)
  '57P01',
  '57P02',
  '57P03',
])

/**
 * A lost or refused database connection as `not_ready` (503, retry in a second) rather than an
 * internal error: visitors and API clients see something they can retry, and it is not logged
 * as a bug. Any other error passes through unchanged.
 */
export function unreachable(err: unknown): unknown {
  const code = (err as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !(CONNECTION_ERRORS.has(code) || code.startsWith('08')))
    return err
  return new AppError('not_ready', 'The database is not answering; try again in a moment.', {
    retryAfter: 1,
    cause: err,
  })
}

const rethrow = (err: unknown): never => {
  throw unreachable(err)
}
type Params = postgres.ParameterOrJSON<never>[]

function wrap(sql: Sql): Queryable {
  return {
    async query<T extends Row>(text: string, params?: readonly unknown[]) {
      // Parameterised statements are prepared once per connection and reused.
      const rows = await sql
        .unsafe(text, (params ?? []) as Params, { prepare: true })
        .catch(rethrow)
      return rows as unknown as T[]
    },
    async exec(script: string) {
      // Without parameters postgres.js uses the simple protocol, which allows several statements.
      await sql.unsafe(script).catch(rethrow)
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
  const tx = await sql.reserve().catch(rethrow)
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
      throw unreachable(err)
    }
    await tx.unsafe('commit').catch(rethrow)
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
