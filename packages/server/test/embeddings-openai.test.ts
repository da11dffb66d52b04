import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createOpenAIEmbeddings } from '../src/providers/embeddings/openai-embeddings.ts'
import { eventually } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import { embeddingsReply, errorReply, startModelServer } from './support/openai-server.ts'
import { api, createTenant, startTestServer } from './support/server.ts'

let models: Awaited<ReturnType<typeof startModelServer>>
beforeAll(async () => {
  models = await startModelServer(embeddingsReply())
})
afterAll(() => models.close())

const embedder = (dimensions = 64, maxRetries = 2) =>
  createOpenAIEmbeddings({
    client: new OpenAI({ apiKey: 'sk-embed', baseURL: models.baseUrl, maxRetries }),
    model: 'text-embedding-3-small',
    dimensions,
  })

describe('OpenAI embeddings', () => {
  it('embeds a batch in input order, at unit length, asking for the configured dimensions', async () => {
    const seen = models.requests.length
    const { embeddings } = await embedder().doEmbed({
      values: ['Saturday hours', 'oil change price'],
    })
    expect(embeddings).toHaveLength(2)
    for (const vector of embeddings) {
      expect(vector).toHaveLength(64)
      expect(Math.hypot(...vector)).toBeCloseTo(1, 6)
    }
    // In input order although the server listed them in reverse.
    const again = await embedder().doEmbed({ values: ['oil change price'] })
    expect(again.embeddings[0]).toEqual(embeddings[1])
    const sent = models.requests[seen]!
    expect(sent.path).toBe('/v1/embeddings')
    expect(sent.headers.authorization).toBe('Bearer sk-embed')
    expect(sent.body).toMatchObject({
      model: 'text-embedding-3-small',
      dimensions: 64,
      input: ['Saturday hours', 'oil change price'],
    })
  })

  it('waits out a 429, and reports a refused key', async () => {
    models.next(errorReply(429, 'Slow down', { 'retry-after-ms': '50' }))
    expect((await embedder().doEmbed({ values: ['a'] })).embeddings).toHaveLength(1)
    models.next(errorReply(401, 'Incorrect API key provided'))
    await expect(embedder(64, 0).doEmbed({ values: ['a'] })).rejects.toMatchObject({ status: 401 })
  })

  it('refuses a reply that answers one text twice and another not at all', async () => {
    models.next((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      const v = Array.from({ length: 64 }, () => 1)
      res.end(
        JSON.stringify({
          object: 'list',
          model: req.body.model,
          data: [
            { object: 'embedding', index: 0, embedding: v },
            { object: 'embedding', index: 0, embedding: v },
          ],
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      )
    })
    await expect(embedder().doEmbed({ values: ['a', 'b'] })).rejects.toThrow(/not sent/)
  })

  it('refuses vectors of the wrong length', async () => {
    await expect(embedder(64).doEmbed({ values: ['a'] })).resolves.toBeDefined()
    models.next((req, res) =>
      embeddingsReply()({ ...req, body: { ...req.body, dimensions: 8 } }, res),
    )
    await expect(embedder(64).doEmbed({ values: ['a'] })).rejects.toThrow(/8 dimensions, not 64/)
  })
})

describe('changing the embedding model', () => {
  it('indexes every document again with the new model, once', async () => {
    // A database of its own: re-indexing touches every tenant's documents.
    const dir = await mkdtemp(path.join(tmpdir(), 'avataradam-reindex-'))
    const dataDir = path.join(dir, 'data')
    await cp(inject('pgliteTemplate'), dataDir, { recursive: true })
    const own = { DATABASE_URL: '' }
    const openai = {
      ...own,
      EMBEDDINGS_PROVIDER: 'openai',
      EMBEDDINGS_BASE_URL: models.baseUrl,
      EMBEDDINGS_DIMENSIONS: '64',
    }
    try {
      const first = await startTestServer({ dataDir, env: own })
      const tenant = await createTenant(first)
      const doc = await uploadAndWait(
        first,
        tenant.secret.key,
        'hours.md',
        '# Hours\n\n## Sales hours\n\nSaturday: 9:00 AM – 6:00 PM\n\n## Service\n\nOil changes every day.',
      )
      await first.stop()

      const seen = models.requests.length
      const second = await startTestServer({ dataDir, port: 0, env: openai })
      const ready = await eventually(async () => {
        const res = await api(second, tenant.secret.key, 'GET', `/v1/documents/${doc.id}`)
        return res.body.status === 'ready' && res.body
      })
      expect(ready.chunkCount).toBeGreaterThan(0)
      const embedded = models.requests.slice(seen).filter((r) => r.path === '/v1/embeddings')
      expect(embedded.length).toBeGreaterThan(0)
      expect(embedded.every((r) => r.body.dimensions === 64)).toBe(true)
      // Questions are embedded by the same model, and find the passage.
      const search = await api(second, tenant.secret.key, 'POST', '/v1/search', {
        query: 'When are you open on Saturday?',
      })
      expect(search.body.hits[0].text).toContain('Saturday: 9:00 AM')
      await second.stop()

      // A model that does not answer (a refused key) stops the start and deletes nothing.
      models.next(errorReply(401, 'Incorrect API key provided'))
      await expect(
        startTestServer({
          dataDir,
          env: { ...openai, EMBEDDINGS_DIMENSIONS: '32' },
        }),
      ).rejects.toThrow(/does not answer.*Nothing was re-indexed/)

      // The same model again: nothing is embedded anew.
      const before = models.requests.length
      const third = await startTestServer({ dataDir, env: openai })
      const still = await api(third, tenant.secret.key, 'GET', `/v1/documents/${doc.id}`)
      expect(still.body).toMatchObject({ status: 'ready', chunkCount: ready.chunkCount })
      expect(models.requests.length).toBe(before)
      await third.stop()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
