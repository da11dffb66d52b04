import postgres from 'postgres'
import type { Db, Queryable, Row } from './types.ts'
import { SCOPE_TO_TENANT, SESSION_SETTING_VALUES } from './types.ts'

type Sql = postgres.Sql | postgres.TransactionSql
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
    async tenant(tenantId, fn) {
      return (await sql.begin(async (tx) => {
        // Sent now but awaited last: postgres.js pipelines it with fn's first statement, saving a
        // round trip. Were it to fail, the transaction would abort and fn's statements with it.
        const scoped = tx.unsafe(SCOPE_TO_TENANT, [tenantId], { prepare: true }).execute()
        scoped.catch(() => {})
        const result = await fn(wrap(tx))
        await scoped
        return result
      })) as Awaited<ReturnType<typeof fn>>
    },
    async transaction(fn) {
      return (await sql.begin((tx) => fn(wrap(tx)))) as Awaited<ReturnType<typeof fn>>
    },
    async close() {
      await sql.end({ timeout: 5 })
    },
  }
}
