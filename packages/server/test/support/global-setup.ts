import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { migrate } from '../../src/db/index.ts'
import { openPglite } from '../../src/db/pglite.ts'
import { openPostgres } from '../../src/db/postgres.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated PGlite data directory that each test server copies (creating one takes seconds). */
    pgliteTemplate: string
  }
}

/**
 * Runs once per test run. PGlite's initdb costs seconds, so one migrated data directory is made
 * here and copied per server. With DATABASE_URL set, migrations are applied once up front.
 */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(tmpdir(), 'avataradam-template-'))
  const template = path.join(dir, 'data')
  const db = await openPglite(template)
  await migrate(db)
  await db.close()
  project.provide('pgliteTemplate', template)
  if (process.env.DATABASE_URL) {
    const pg = await openPostgres(process.env.DATABASE_URL, { poolMax: 1 })
    await migrate(pg)
    await pg.close()
  }
  return async () => {
    await rm(dir, { recursive: true, force: true })
  }
}
