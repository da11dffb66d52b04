import { rm } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.ts'
import { runChecks } from '../src/doctor.ts'
import { createLogger } from '../src/logger.ts'
import { createPineconeVectors } from '../src/providers/vectors/pinecone-vectors.ts'
import { ask, eventually } from './support/chat.ts'
import { form, uploadAndWait, waitForDocument } from './support/documents.ts'
import {
  delayedReply,
  errorReply,
  hangReply,
  malformedReply,
  type PineconeServer,
  startPineconeServer,
} from './support/pinecone-server.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

const HOURS = `# Store hours

## Sales
Our sales team is here Monday to Friday from 9am to 8pm, and Saturday from 9am to 6pm.

## Service
The service department opens at 7am on weekdays and is closed on Sunday.
`

const FINANCING = `# Financing

We offer financing through our credit union partners, with rates from 4.9% APR for buyers with
good credit. Trade-ins are appraised for free while you wait.
`

// With reciprocal rank fusion (k = 60), a passage found by one half alone scores at most 1/61;
// only one found by both the vector and the full-text half scores above it.
const ONE_HALF_ONLY = 1 / 61

interface LogLine {
  level: number
  msg: string
  [key: string]: unknown
}

/** A Pinecone key per local server: the client caches index hosts by key and index name. */
const newKey = () => `pc-${crypto.randomUUID()}`

function pineconeEnv(pc: PineconeServer, apiKey: string, extra: Record<string, string> = {}) {
  return {
    VECTOR_STORE: 'pinecone',
    PINECONE_API_KEY: apiKey,
    PINECONE_INDEX: 'dealers',
    // The control plane is asked for the index's host, which is the same local server.
    PINECONE_CONTROLLER_URL: pc.url,
    PINECONE_TIMEOUT_MS: '1000',
    PINECONE_RETRY_SECONDS: '1',
    ...extra,
  }
}

let pc: PineconeServer
let apiKey: string
let server: TestServer
const logs: LogLine[] = []

beforeAll(async () => {
  apiKey = newKey()
  pc = await startPineconeServer({ apiKey, indexes: { dealers: { dimension: 256 } } })
  server = await startTestServer({
    env: pineconeEnv(pc, apiKey),
    log: createLogger('warn', { write: (line: string) => void logs.push(JSON.parse(line)) }),
  })
})
afterAll(async () => {
  await pc?.close()
})

const searchScores = async (tenant: TestTenant, query: string) => {
  const res = await api(server, tenant.secret.key, 'POST', '/v1/search', { query })
  expect(res.status).toBe(200)
  return res.body.hits as { chunkId: string; documentId: string; score: number }[]
}

async function chunkIds(tenantId: string, documentId: string): Promise<string[]> {
  const rows = await server.db.tenant(tenantId, (tx) =>
    tx.query<{ id: string }>('select id from chunks where document_id = $1 order by id', [
      documentId,
    ]),
  )
  return rows.map((r) => r.id)
}

const idsOf = (tenantId: string, documentId: string) =>
  [...pc.vectors(tenantId).keys()].filter((id) => id.startsWith(`${documentId}#`)).sort()

describe('Pinecone as the vector store', () => {
  let dealer: TestTenant
  let hoursId: string

  it("stores a document's vectors in its dealership's namespace, and answers from them", async () => {
    dealer = await createTenant(server, 'Pinecone Motors')
    const doc = await uploadAndWait(server, dealer.secret.key, 'hours.md', HOURS)
    expect(doc.status).toBe('ready')
    hoursId = doc.id
    const chunks = await chunkIds(dealer.tenantId, doc.id)
    expect(chunks.length).toBe(doc.chunkCount)
    // One vector per chunk, id `${documentId}#${chunkId}`, in the tenant's namespace only.
    expect(idsOf(dealer.tenantId, doc.id)).toEqual(chunks.map((id) => `${doc.id}#${id}`).sort())
    for (const values of pc.vectors(dealer.tenantId).values()) expect(values).toHaveLength(256)
    // This tenant's: on a shared PostgreSQL, switching the store re-indexes other tests' documents too.
    const upsert = pc.requests.find(
      (r) => r.path === '/vectors/upsert' && r.body.namespace === dealer.tenantId,
    )!
    expect(upsert.headers['api-key']).toBe(apiKey)
    expect(upsert.headers['x-pinecone-api-version']).toMatch(/^\d{4}-\d{2}$/)
    expect(upsert.body.namespace).toBe(dealer.tenantId)

    const seen = pc.requests.length
    const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
    expect(hits[0]).toMatchObject({ documentId: doc.id })
    // Found by Pinecone and by full text alike.
    expect(hits[0]!.score).toBeGreaterThan(ONE_HALF_ONLY)
    const query = pc.requests.slice(seen).find((r) => r.path === '/query')!
    expect(query.body).toMatchObject({ namespace: dealer.tenantId, topK: 20 })
    expect(query.body.vector).toHaveLength(256)

    const visitor = await connectVisitor(visitorClient(server, { key: dealer.publishable.key }))
    try {
      const { done } = await ask(visitor, 'What time does sales open on Saturday?')
      expect(done.text).toMatch(/9\s?am/i)
      expect(done.citations.map((c) => c.documentId)).toContain(doc.id)
    } finally {
      visitor.close()
    }
  })

  it('ignores a vector whose chunk no longer exists', async () => {
    const ghost = `${crypto.randomUUID()}#${crypto.randomUUID()}`
    // The question's own direction: the ghost is Pinecone's nearest match.
    const [anyVector] = [...pc.vectors(dealer.tenantId).values()]
    pc.vectors(dealer.tenantId).set(ghost, anyVector!)
    const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.map((h) => h.chunkId)).not.toContain(ghost.split('#')[1])
    pc.vectors(dealer.tenantId).delete(ghost)
  })

  it("deletes a document's vectors in Pinecone with its rows in PostgreSQL", async () => {
    const doc = await uploadAndWait(server, dealer.secret.key, 'financing.md', FINANCING)
    expect(idsOf(dealer.tenantId, doc.id).length).toBe(doc.chunkCount)
    const res = await api(server, dealer.secret.key, 'DELETE', `/v1/documents/${doc.id}`)
    expect(res.status).toBe(204)
    expect(idsOf(dealer.tenantId, doc.id)).toEqual([])
    expect(await chunkIds(dealer.tenantId, doc.id)).toEqual([])
    // On a shared PostgreSQL this server also re-indexes other tests' dealerships (another vector
    // store than theirs), so look at this dealership's namespace only.
    const list = pc.requests.findLast(
      (r) => r.path === '/vectors/list' && r.query.get('namespace') === dealer.tenantId,
    )!
    expect(list.query.get('prefix')).toBe(`${doc.id}#`)
    // The other document's vectors are untouched.
    expect(idsOf(dealer.tenantId, hoursId).length).toBeGreaterThan(0)
    const pending = await server.db.query('select * from vector_deletions')
    expect(pending).toEqual([])
  })

  it('keeps two dealerships apart: each searches its own namespace only', async () => {
    const north = await createTenant(server, 'North Motors')
    const south = await createTenant(server, 'South Motors')
    const northDoc = await uploadAndWait(server, north.secret.key, 'financing.md', FINANCING)
    await uploadAndWait(server, south.secret.key, 'hours.md', HOURS)
    expect(pc.namespaces()).toEqual(expect.arrayContaining([north.tenantId, south.tenantId]))
    for (const id of pc.vectors(south.tenantId).keys()) expect(id).not.toContain(northDoc.id)

    const seen = pc.requests.length
    const hits = await searchScores(south, 'financing rates APR credit union trade-ins')
    expect(hits.map((h) => h.documentId)).not.toContain(northDoc.id)
    const queries = pc.requests.slice(seen).filter((r) => r.path === '/query')
    expect(queries.map((q) => q.body.namespace)).toEqual([south.tenantId])

    // Even should North's vectors land in South's namespace (a bug), South never sees its text.
    for (const [id, values] of pc.vectors(north.tenantId))
      pc.vectors(south.tenantId).set(id, values)
    const leaked = await searchScores(south, 'financing rates APR credit union trade-ins')
    expect(leaked.map((h) => h.documentId)).not.toContain(northDoc.id)
    for (const id of pc.vectors(north.tenantId).keys()) pc.vectors(south.tenantId).delete(id)
  })
})

describe('the Pinecone client within its limits', () => {
  it('upserts in batches of at most 1,000 vectors and 2 MB, and deletes a document across pages', async () => {
    const key = newKey()
    const big = await startPineconeServer({ apiKey: key, indexes: { wide: { dimension: 512 } } })
    try {
      const store = createPineconeVectors({ apiKey: key, index: 'wide', host: big.url })
      const tenantId = crypto.randomUUID()
      const documentId = crypto.randomUUID()
      const items = Array.from({ length: 1500 }, (_, i) => ({
        chunkId: crypto.randomUUID(),
        vector: Array.from({ length: 512 }, (_, j) => Math.sin(i * 7 + j) / 16),
      }))
      await store.upsert(tenantId, documentId, items)
      const upserts = big.requests.filter((r) => r.path === '/vectors/upsert')
      expect(upserts.length).toBeGreaterThan(1)
      for (const u of upserts) {
        expect(u.body.vectors.length).toBeLessThanOrEqual(1000)
        expect(JSON.stringify(u.body).length).toBeLessThan(2 * 1024 * 1024)
      }
      expect(big.vectors(tenantId).size).toBe(1500)
      // The nearest to a stored vector is that vector, by real cosine.
      const [hit] = await store.query(tenantId, items[42]!.vector, 3)
      expect(hit).toMatchObject({ chunkId: items[42]!.chunkId })
      expect(hit!.score).toBeCloseTo(1, 5)

      const other = crypto.randomUUID()
      await store.upsert(tenantId, other, items.slice(0, 1))
      await store.deleteDocument(tenantId, documentId)
      expect([...big.vectors(tenantId).keys()]).toEqual([`${other}#${items[0]!.chunkId}`])
      // 1,500 ids listed 100 a page, deleted 1,000 a request.
      expect(big.requests.filter((r) => r.path === '/vectors/list')).toHaveLength(15)
      expect(big.requests.filter((r) => r.path === '/vectors/delete')).toHaveLength(2)
    } finally {
      await big.close()
    }
  })
})

describe('when Pinecone fails', () => {
  let dealer: TestTenant
  beforeAll(async () => {
    dealer = await createTenant(server, 'Failing Motors')
    await uploadAndWait(server, dealer.secret.key, 'hours.md', HOURS)
  })

  const warnings = () => logs.filter((l) => l.msg.startsWith('vector search failed'))

  it('answers from full text alone, with a warning, when a query times out', async () => {
    const before = warnings().length
    pc.next(/^\/query$/, hangReply())
    const started = performance.now()
    const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
    expect(performance.now() - started).toBeLessThan(3000)
    expect(hits.length).toBeGreaterThan(0)
    expect(Math.max(...hits.map((h) => h.score))).toBeLessThanOrEqual(ONE_HALF_ONLY)
    expect(warnings().length).toBe(before + 1)
    expect(JSON.stringify(warnings().at(-1))).toContain('did not answer within 1000 ms')

    // A chat turn too: answered, not crashed.
    pc.next(/^\/query$/, hangReply())
    const visitor = await connectVisitor(visitorClient(server, { key: dealer.publishable.key }))
    try {
      const { done } = await ask(visitor, 'What time does sales open on Saturday?')
      expect(done.text).toMatch(/9\s?am/i)
    } finally {
      visitor.close()
    }
  })

  it('answers from full text alone when a query answer is malformed', async () => {
    for (const reply of [malformedReply(), malformedReply('{"matches": "none"}')]) {
      const before = warnings().length
      pc.next(/^\/query$/, reply)
      const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
      expect(hits.length).toBeGreaterThan(0)
      expect(Math.max(...hits.map((h) => h.score))).toBeLessThanOrEqual(ONE_HALF_ONLY)
      expect(warnings().length).toBe(before + 1)
    }
  })

  it('retries a 5xx query, then answers from full text alone when it persists', async () => {
    pc.next(/^\/query$/, errorReply(503, 'UNAVAILABLE', 'down'))
    const recovered = await searchScores(dealer, 'When is the sales team here on Saturday?')
    expect(recovered[0]!.score).toBeGreaterThan(ONE_HALF_ONLY)
    const before = warnings().length
    const down = errorReply(500, 'INTERNAL', 'Internal error')
    pc.next(/^\/query$/, down, down, down)
    const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
    expect(Math.max(...hits.map((h) => h.score))).toBeLessThanOrEqual(ONE_HALF_ONLY)
    expect(warnings().length).toBe(before + 1)
  })

  it('waits as a 429 Retry-After asks, then stores the vectors', async () => {
    pc.next(
      /^\/vectors\/upsert$/,
      errorReply(429, 'RESOURCE_EXHAUSTED', 'Too many requests', { 'retry-after': '1' }),
    )
    const seen = pc.requests.length
    const doc = await uploadAndWait(server, dealer.secret.key, 'financing.md', FINANCING)
    expect(doc.status).toBe('ready')
    const upserts = pc.requests
      .slice(seen)
      .filter((r) => r.path === '/vectors/upsert' && r.body.namespace === dealer.tenantId)
    expect(upserts).toHaveLength(2)
    expect(idsOf(dealer.tenantId, doc.id).length).toBe(doc.chunkCount)
  })

  it('keeps a document processing, saying why, while a long 429 lasts', async () => {
    pc.next(
      /^\/vectors\/upsert$/,
      errorReply(429, 'RESOURCE_EXHAUSTED', 'Too many requests', { 'retry-after': '120' }),
    )
    const res = await api(
      server,
      dealer.secret.key,
      'POST',
      '/v1/documents',
      form('trade.md', '# Trade-ins\nWe buy any car, even if you buy nothing from us.\n'),
    )
    const doc = await eventually(async () => {
      const d = (await api(server, dealer.secret.key, 'GET', `/v1/documents/${res.body.id}`)).body
      return d.error ? d : null
    })
    expect(doc.status).toBe('processing')
    expect(doc.error.message).toMatch(/rate_limited.*trying again in 120 s/)
    expect(idsOf(dealer.tenantId, doc.id)).toEqual([])
    // Not ready, so no passage of it is searched.
    expect(await chunkIds(dealer.tenantId, doc.id)).toEqual([])
    expect((await api(server, dealer.secret.key, 'DELETE', `/v1/documents/${doc.id}`)).status).toBe(
      204,
    )
  })

  it('retries ingestion after 5xx answers, and fails the document clearly when they persist', async () => {
    const down = errorReply(500, 'INTERNAL', 'Internal error')
    // Three attempts of the document, each tried three times by the client.
    pc.next(/^\/vectors\/upsert$/, ...Array.from({ length: 9 }, () => down))
    const res = await api(
      server,
      dealer.secret.key,
      'POST',
      '/v1/documents',
      form('service.md', '# Service\nOil changes take 30 minutes, no appointment needed.\n'),
    )
    const doc = await waitForDocument(server, dealer.secret.key, res.body.id)
    expect(doc.status).toBe('failed')
    expect(doc.error?.code).toBe('ingestion_failed')
    expect(doc.error?.message).toMatch(/could not store .* after 3 attempts \(unavailable\)/)
    expect(await chunkIds(dealer.tenantId, doc.id)).toEqual([])
  }, 30_000)

  it('fails ingestion at once, naming the key, when Pinecone refuses it (401)', async () => {
    pc.setApiKey(newKey())
    try {
      const res = await api(
        server,
        dealer.secret.key,
        'POST',
        '/v1/documents',
        form('parts.md', '# Parts\nGenuine parts ship in two days.\n'),
      )
      const doc = await waitForDocument(server, dealer.secret.key, res.body.id)
      expect(doc.status).toBe('failed')
      expect(doc.error?.message).toMatch(/refused .*\(unauthorized\)/)
      const failure = logs.findLast((l) => l.msg === 'the vector store failed: document failed')
      expect(JSON.stringify(failure)).toContain('PINECONE_API_KEY')
      // Search still answers, from full text.
      const hits = await searchScores(dealer, 'When is the sales team here on Saturday?')
      expect(hits.length).toBeGreaterThan(0)
    } finally {
      pc.setApiKey(apiKey)
    }
  })

  it('records a deletion Pinecone missed and finishes it once Pinecone is back', async () => {
    const doc = await uploadAndWait(
      server,
      dealer.secret.key,
      'used.md',
      '# Used cars\nEvery used car gets a 150-point inspection.\n',
    )
    const down = errorReply(503, 'UNAVAILABLE', 'down')
    pc.next(/^\/vectors\/list$/, down, down, down)
    const res = await api(server, dealer.secret.key, 'DELETE', `/v1/documents/${doc.id}`)
    // The document is gone at once; its vectors follow when Pinecone answers again.
    expect(res.status).toBe(204)
    expect(await chunkIds(dealer.tenantId, doc.id)).toEqual([])
    const [pending] = await server.db.query<{ tenant_id: string; last_error: string }>(
      'select tenant_id, last_error from vector_deletions where document_id = $1',
      [doc.id],
    )
    expect(pending).toMatchObject({ tenant_id: dealer.tenantId, last_error: expect.any(String) })
    expect(idsOf(dealer.tenantId, doc.id).length).toBe(doc.chunkCount)
    await eventually(async () => idsOf(dealer.tenantId, doc.id).length === 0)
    await eventually(
      async () =>
        (await server.db.query('select 1 from vector_deletions where document_id = $1', [doc.id]))
          .length === 0,
    )
  })
})

describe('a document deleted while its vectors are stored', () => {
  it('loses its vectors too, once the upsert lands', async () => {
    const dealer = await createTenant(server, 'Hasty Motors')
    // Within PINECONE_TIMEOUT_MS: slow, not failed.
    pc.next(/^\/vectors\/upsert$/, delayedReply(700))
    const res = await api(
      server,
      dealer.secret.key,
      'POST',
      '/v1/documents',
      form('recall.md', '# Recalls\nWe check every car for open recalls at each visit.\n'),
    )
    const id = res.body.id as string
    await eventually(async () =>
      pc.requests.some(
        (r) => r.path === '/vectors/upsert' && r.body.vectors[0].id.startsWith(`${id}#`),
      ),
    )
    expect((await api(server, dealer.secret.key, 'DELETE', `/v1/documents/${id}`)).status).toBe(204)
    // The upsert lands after the deletion (which found nothing to delete then); the worker then
    // finds the document gone and deletes the vectors it stored.
    const deletedIds = () =>
      pc.requests
        .filter((r) => r.path === '/vectors/delete')
        .flatMap((r) => (r.body.ids ?? []) as string[])
        .filter((v) => v.startsWith(`${id}#`))
    await eventually(async () => deletedIds().length > 0)
    expect(idsOf(dealer.tenantId, id)).toEqual([])
    await eventually(
      async () =>
        (await server.db.query('select 1 from vector_deletions where document_id = $1', [id]))
          .length === 0,
    )
  })
})

describe('the Pinecone index must fit', () => {
  it('refuses to start when Pinecone refuses the key', async () => {
    const err = await startTestServer({
      env: pineconeEnv(pc, newKey()),
    }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toMatch(/refused the API key.*PINECONE_API_KEY/)
  })

  it('refuses to start when the index has another dimension, naming both', async () => {
    const key = newKey()
    const small = await startPineconeServer({
      apiKey: key,
      indexes: { dealers: { dimension: 128 } },
    })
    try {
      const err = await startTestServer({ env: pineconeEnv(small, key) }).catch((e: Error) => e)
      expect((err as Error).message).toMatch(
        /index dealers holds 128-dimensional vectors, but the embedding model makes 256/,
      )
    } finally {
      await small.close()
    }
  })

  it('doctor checks the index: reachable, key accepted, dimension matching', async () => {
    const env = (key: string, extra: Record<string, string> = {}) =>
      loadConfig({
        AVATARADAM_DATA_DIR: '/tmp/avataradam-doctor/data',
        ...pineconeEnv(pc, key, extra),
      })
    const vectors = async (config: ReturnType<typeof loadConfig>) =>
      (await runChecks(config)).find((c) => c.name === 'vectors')!
    expect(await vectors(env(apiKey))).toMatchObject({
      ok: true,
      detail: 'pinecone index dealers: 256 dimensions, cosine metric, matches the embeddings',
    })
    expect(await vectors(env(newKey()))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/401.*PINECONE_API_KEY/),
    })
    expect(await vectors(env(apiKey, { EMBEDDINGS_DIMENSIONS: '64' }))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/256-dimensional vectors, but the embedding model makes 64/),
    })
    expect(await vectors(env(apiKey, { PINECONE_INDEX: 'nope' }))).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/404.*PINECONE_INDEX/),
    })
  })
})

describe('changing the embedding model', () => {
  // On a shared PostgreSQL the main server would pick up the re-queued documents too.
  beforeAll(async () => {
    await server.stop()
  })

  it('indexes every document again into an index of the new dimension', async () => {
    const key = newKey()
    const first = await startPineconeServer({
      apiKey: key,
      indexes: { dealers: { dimension: 256 } },
    })
    const second = await startPineconeServer({
      apiKey: key,
      indexes: { dealers: { dimension: 64 } },
    })
    let running: TestServer | undefined = await startTestServer({ env: pineconeEnv(first, key) })
    const dataDir = running.dataDir
    try {
      const dealer = await createTenant(running, 'Re-index Motors')
      const doc = await uploadAndWait(running, dealer.secret.key, 'hours.md', HOURS)
      expect(first.vectors(dealer.tenantId).size).toBe(doc.chunkCount)
      await running.close()
      running = undefined
      // The same database, a new model size and a new index (PINECONE_HOST names it directly).
      running = await startTestServer({
        dataDir,
        env: pineconeEnv(second, key, {
          EMBEDDINGS_DIMENSIONS: '64',
          PINECONE_HOST: second.url,
          PINECONE_INDEX: 'dealers',
        }),
      })
      const again = await waitForDocument(running, dealer.secret.key, doc.id)
      expect(again.status).toBe('ready')
      const ids = await running.db.tenant(dealer.tenantId, (tx) =>
        tx.query<{ id: string }>('select id from chunks where document_id = $1', [doc.id]),
      )
      expect([...second.vectors(dealer.tenantId).keys()].sort()).toEqual(
        ids.map((r) => `${doc.id}#${r.id}`).sort(),
      )
      for (const values of second.vectors(dealer.tenantId).values()) expect(values).toHaveLength(64)
      const hits = (
        await api(running, dealer.secret.key, 'POST', '/v1/search', {
          query: 'When is the sales team here on Saturday?',
        })
      ).body.hits
      expect(hits[0].score).toBeGreaterThan(ONE_HALF_ONLY)
    } finally {
      await running?.close()
      if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true })
      await first.close()
      await second.close()
    }
  }, 30_000)
})
