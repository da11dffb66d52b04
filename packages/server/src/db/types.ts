/** A row as the driver returns it: column name to value. */
export type Row = Record<string, unknown>

/** Something that runs parameterised SQL (`$1`, `$2`, …): the database, or a transaction. */
export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>
  /** Runs a script of several statements with no parameters (migrations). */
  exec(script: string): Promise<void>
}

/** What the connected database can do, found out once at start. */
export interface DbCapabilities {
  /** pgvector is installed: embeddings are `vector` with an HNSW index; otherwise an exact scan. */
  vector: boolean
}

/**
 * The data layer: one interface over PGlite (embedded) and postgres.js (production).
 *
 * Queries made directly on it, or in {@link Db.transaction}, run as the connecting role, which sees
 * every tenant's rows: keep those to work that is cross-tenant by nature (key lookup, job claims,
 * admin). Everything done for a tenant goes through {@link Db.tenant}, where row-level security
 * refuses other tenants' rows even if a query forgets its `tenant_id` filter.
 */
export interface Db extends Queryable {
  readonly driver: 'pglite' | 'postgres'
  capabilities: DbCapabilities
  /** Runs `fn` in a transaction as the application role, scoped to one tenant. */
  tenant<T>(tenantId: string, fn: (tx: Queryable) => Promise<T>): Promise<T>
  /** Runs `fn` in a transaction as the connecting role. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
  close(): Promise<void>
}

/** The role row-level security applies to; created by the first migration. */
export const APP_ROLE = 'avataradam_app'

/** Statement that scopes the current transaction to a tenant and drops to the application role. */
export const SCOPE_TO_TENANT = `select set_config('app.tenant_id', $1, true), set_config('role', '${APP_ROLE}', true)`

/**
 * Settings of every connection. With pgvector ≥ 0.8, an HNSW scan filtered to one tenant keeps
 * walking the graph until it has found enough of that tenant's rows, instead of returning the
 * few that happened to be among the nearest of all tenants.
 */
export const SESSION_SETTING_VALUES = { 'hnsw.iterative_scan': 'relaxed_order' } as const
export const SESSION_SETTINGS = Object.entries(SESSION_SETTING_VALUES)
  .map(([name, value]) => `set ${name} = '${value}';`)
  .join(' ')
