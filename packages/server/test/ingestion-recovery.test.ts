import { afterEach, describe, expect, it } from 'vitest'
import { openPglite } from '../src/db/pglite.ts'
import { openPostgres } from '../src/db/postgres.ts'
import { eventually } from './support/chat.ts'
import { form, waitForDocument } from './support/documents.ts'
import { api, createTenant, startTestServer, type TestServer } from './support/server.ts'

const servers: TestServer[] = []
afterEach(async () => {
  // Newest first: a restarted server shares its data folder with the one that created it.
  for (const s of servers.splice(0).reverse()) await s.stop()
})

async function start(dataDir?: string) {
  const server = await startTestServer({ dataDir })
  servers.push(server)
  return server
}

async function status(server: TestServer, id: string) {
  const [row] = await server.db.query<{ status: string; attempts: number }>(
    'select status, attempts from documents where id = $1',
    [id],
  )
  return row!
}

/** The document's row, read through a fresh connection after its server has closed. */
async function readStatus(closed: TestServer, id: string) {
  const db = closed.dataDir
    ? await openPglite(closed.dataDir)
    : await openPostgres(process.env.DATABASE_URL!, { poolMax: 1 })
  try {
    return await db.query<{ status: string; attempts: number }>(
      'select status, attempts from documents where id = $1',
      [id],
    )
  } finally {
    await db.close()
  }
}

/** An upload that stays queued: the first server's worker is stopped before it arrives. */
async function queuedUpload(server: TestServer, key: string, name: string, content: string) {
  await server.ingestion.stop()
  const res = await api(server, key, 'POST', '/v1/documents', form(name, content))
  expect(res.status).toBe(202)
  return res.body.id as string
}

describe('ingestion after a crash or restart', () => {
  it('finishes a document whose worker died holding it', async () => {
    const first = await start()
    const tenant = await createTenant(first)
    const id = await queuedUpload(
      first,
      tenant.secret.key,
      'a.md',
      '# Parts\n\nParts counter opens at 8am.',
    )
    // What a worker leaves behind when its process is killed mid-way. With PGlite only one process
    // can hold the database, so any claim found at start is dead; with PostgreSQL the claim is
    // dead once its lease has run out.
    const lease =
      first.db.driver === 'pglite' ? "now() + interval '1 hour'" : "now() - interval '1 second'"
    await first.db.query(
      `update documents set status = 'processing', attempts = 1, lease_expires_at = ${lease} where id = $1`,
      [id],
    )
    await first.close()
    const second = await start(first.dataDir)
    const doc = await waitForDocument(second, tenant.secret.key, id)
    expect(doc).toMatchObject({ status: 'ready', progress: 1 })
    expect((await status(second, id)).attempts).toBe(2)
  })

  it('gives up on a document that keeps killing its worker, with a clear error', async () => {
    const first = await start()
    const tenant = await createTenant(first)
    const id = await queuedUpload(
      first,
      tenant.secret.key,
      'b.md',
      '# Poison\n\nThis one crashed three times.',
    )
    await first.db.query(
      `update documents set status = 'processing', attempts = 3, lease_expires_at = now() - interval '1 second' where id = $1`,
      [id],
    )
    await first.close()
    const second = await start(first.dataDir)
    const doc = await waitForDocument(second, tenant.secret.key, id)
    expect(doc.status).toBe('failed')
    expect(doc.error).toMatchObject({ code: 'ingestion_failed' })
  })

  it('puts a document back in the queue on graceful shutdown and finishes it after restart', async () => {
    const first = await start()
    const tenant = await createTenant(first)
    const big = Array.from(
      { length: 4000 },
      (_, i) => `## Bay ${i}\n\nService bay ${i} handles brakes, tyres and oil.`,
    ).join('\n\n')
    const res = await api(first, tenant.secret.key, 'POST', '/v1/documents', form('bays.md', big))
    await eventually(async () => (await status(first, res.body.id)).status === 'processing')
    await first.close()
    // Put back in the queue, not counted as a failed attempt. Read before another server starts
    // (with PGlite, straight from the folder the first one left).
    const [left] = await readStatus(first, res.body.id)
    expect(left).toEqual({ status: 'queued', attempts: 0 })
    const second = await start(first.dataDir)
    const doc = await waitForDocument(second, tenant.secret.key, res.body.id)
    expect(doc.status).toBe('ready')
    expect(doc.chunkCount).toBe(4000)
  })
})
