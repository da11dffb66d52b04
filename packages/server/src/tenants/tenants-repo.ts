import type { Queryable } from '../db/index.ts'
import { newId } from '../ids.ts'

export interface Tenant {
  id: string
  name: string
  createdAt: Date
}

interface TenantRow extends Record<string, unknown> {
  id: string
  name: string
  created_at: Date
}

const toTenant = (r: TenantRow): Tenant => ({ id: r.id, name: r.name, createdAt: r.created_at })

export async function insertTenant(db: Queryable, name: string): Promise<Tenant> {
  const [row] = await db.query<TenantRow>(
    'insert into tenants (id, name) values ($1, $2) returning id, name, created_at',
    [newId(), name],
  )
  return toTenant(row!)
}

export async function findTenant(db: Queryable, id: string): Promise<Tenant | null> {
  const [row] = await db.query<TenantRow>(
    'select id, name, created_at from tenants where id = $1',
    [id],
  )
  return row ? toTenant(row) : null
}

export async function listTenants(db: Queryable): Promise<Tenant[]> {
  const rows = await db.query<TenantRow>(
    'select id, name, created_at from tenants order by created_at',
  )
  return rows.map(toTenant)
}
