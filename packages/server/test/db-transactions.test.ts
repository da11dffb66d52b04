import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Db, openDb } from '../src/db/index.ts'
import { insertTenant } from '../src/tenants/tenants-repo.ts'

let db: Db
let dir: string | undefined

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    // A small pool, so that hundreds of statements queue on each connection.
    db = await openDb({ kind: 'postgres', url: process.env.DATABASE_URL, poolMax: 2 })
  } else {
    dir = await mkdtemp(path.join(tmpdir(), 'avataradam-tx-'))
    await cp(inject('pgliteTemplate'), path.join(dir, 'data'), { recursive: true })
    db = await openDb({ kind: 'pglite', dataDir: path.join(dir, 'data') })
  }
})
afterAll(async () => {
  await db?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('transactions under a flood of statements', () => {
  it('keeps every tenant transaction to its own connection and tenant', async () => {
    const tenants = await Promise.all([insertTenant(db, 'Tx A'), insertTenant(db, 'Tx B')])
    // Plain statements pipelined onto the pool's connections, with transactions among them: a
    // BEGIN sent on a connection not reserved for it would fail, or let a plain statement run
    // inside another tenant's transaction.
    const work = Array.from({ length: 600 }, (_, i) => {
      if (i % 5 !== 0) return db.query<{ one: number }>('select 1 as one').then(([r]) => r!.one)
      const tenant = tenants[i % 2]!
      return db.tenant(tenant.id, async (tx) => {
        const [row] = await tx.query<{ tenant: string; role: string }>(
          "select current_setting('app.tenant_id', true) as tenant, current_user as role",
        )
        return row!.tenant === tenant.id && row!.role === 'avataradam_app' ? 1 : 0
      })
    })
    const results = await Promise.allSettled(work)
    const failures = results.filter((r) => r.status === 'rejected')
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason))).toEqual([])
    expect(results.every((r) => r.status === 'fulfilled' && r.value === 1)).toBe(true)
    // Outside a transaction no tenant scope lingers on any connection.
    const leftovers = await Promise.all(
      Array.from({ length: 20 }, () =>
        db.query<{ tenant: string | null; role: string }>(
          "select nullif(current_setting('app.tenant_id', true), '') as tenant, current_user as role",
        ),
      ),
    )
    expect(leftovers.flat().every((r) => r.tenant === null && r.role !== 'avataradam_app')).toBe(
      true,
    )
  })
})
