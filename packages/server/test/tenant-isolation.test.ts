import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { refreshKnowledgeStats } from '../src/knowledge/knowledge-stats.ts'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

let server: TestServer
let a: TestTenant
let b: TestTenant
let aDocumentId: string
let aConversationId: string
let aVisitorId: string

beforeAll(async () => {
  server = await startTestServer()
  a = await createTenant(server, 'Alpha Autos')
  b = await createTenant(server, 'Bravo Motors')
  aDocumentId = (
    await uploadAndWait(
      server,
      a.secret.key,
      'warranty.md',
      '# Warranty\n\nAlpha Autos gives a 90-day powertrain warranty on every car.',
    )
  ).id
  await uploadAndWait(
    server,
    b.secret.key,
    'loaners.md',
    '# Loaner cars\n\nBravo Motors lends a free loaner car during service.',
  )
  aVisitorId = `visitor_${crypto.randomUUID()}`
  const socket = await connectVisitor(
    visitorClient(server, { key: a.publishable.key, visitorId: aVisitorId }),
  )
  aConversationId = (await ask(socket, 'How long is the powertrain warranty?')).ack.conversationId
  socket.close()
})
afterAll(() => server.stop())

describe("one tenant's secret key never reaches another tenant's data", () => {
  it('cannot read, list or delete the other tenant’s documents', async () => {
    expect((await api(server, b.secret.key, 'GET', `/v1/documents/${aDocumentId}`)).status).toBe(
      404,
    )
    expect((await api(server, b.secret.key, 'DELETE', `/v1/documents/${aDocumentId}`)).status).toBe(
      404,
    )
    const list = await api(server, b.secret.key, 'GET', '/v1/documents')
    expect(list.body.documents.map((d: { id: string }) => d.id)).not.toContain(aDocumentId)
    expect(
      (await api(server, a.secret.key, 'GET', `/v1/documents/${aDocumentId}`)).body.status,
    ).toBe('ready')
  })

  it('gets its own document when uploading identical content, not the other tenant’s', async () => {
    const c = await createTenant(server, 'Charlie Cars')
    const res = await uploadAndWait(
      server,
      c.secret.key,
      'warranty.md',
      '# Warranty\n\nAlpha Autos gives a 90-day powertrain warranty on every car.',
    )
    expect(res.id).not.toBe(aDocumentId)
    expect(res.status).toBe('ready')
  })

  it('searches only its own chunks', async () => {
    const hits = await api(server, b.secret.key, 'POST', '/v1/search', {
      query: 'powertrain warranty Alpha',
    })
    const [owned] = await server.db.query<{ n: number }>(
      `select count(*)::int as n from chunks where id = any($1::uuid[]) and tenant_id <> $2`,
      [hits.body.hits.map((h: { chunkId: string }) => h.chunkId), b.tenantId],
    )
    expect(owned!.n).toBe(0)
  })

  it('cannot read the other tenant’s conversations', async () => {
    expect(
      (await api(server, b.secret.key, 'GET', `/v1/conversations/${aConversationId}`)).status,
    ).toBe(404)
    const list = await api(server, b.secret.key, 'GET', '/v1/conversations')
    expect(list.body.conversations.map((c: { id: string }) => c.id)).not.toContain(aConversationId)
    const own = await api(server, a.secret.key, 'GET', `/v1/conversations/${aConversationId}`)
    expect(own.body.messages).toHaveLength(2)
  })

  it('cannot list or revoke the other tenant’s keys', async () => {
    const list = await api(server, b.secret.key, 'GET', '/v1/keys')
    expect(list.body.keys.map((k: { id: string }) => k.id)).not.toContain(a.publishable.id)
    const revoke = await api(server, b.secret.key, 'POST', `/v1/keys/${a.publishable.id}/revoke`)
    expect(revoke.status).toBe(404)
    const mine = await api(server, a.secret.key, 'GET', '/v1/keys')
    expect(
      mine.body.keys.find((k: { id: string }) => k.id === a.publishable.id).revokedAt,
    ).toBeNull()
  })
})

describe("one tenant's visitors never reach another tenant's data", () => {
  it('cannot continue or read a conversation of the other tenant, even with the same visitor id', async () => {
    const socket = await connectVisitor(
      visitorClient(server, { key: b.publishable.key, visitorId: aVisitorId }),
    )
    const history = await socket.emitWithAck('conversation:history', {
      conversationId: aConversationId,
    })
    expect(history).toMatchObject({ error: { code: 'conversation_not_found' } })
    const send = await socket.emitWithAck('chat:send', {
      text: 'hello',
      clientMessageId: `m_${crypto.randomUUID()}`,
      conversationId: aConversationId,
    })
    expect(send).toMatchObject({ error: { code: 'conversation_not_found' } })
    socket.close()
  })

  it('gets answers only from its own dealership’s documents', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: b.publishable.key }))
    const { done } = await ask(socket, 'How long is the powertrain warranty?')
    expect(done.text).not.toMatch(/90-day/)
    expect(done.citations.map((c) => c.documentId)).not.toContain(aDocumentId)
    const loaner = await ask(socket, 'Do you lend a loaner car during service?')
    expect(loaner.done.text).toMatch(/loaner/i)
    socket.close()
  })

  it('does not take a clientMessageId of the other tenant’s visitor as its own', async () => {
    const clientMessageId = `m_${crypto.randomUUID()}`
    const visitorId = `visitor_${crypto.randomUUID()}`
    const sa = await connectVisitor(visitorClient(server, { key: a.publishable.key, visitorId }))
    const sb = await connectVisitor(visitorClient(server, { key: b.publishable.key, visitorId }))
    const ra = await ask(sa, 'How long is the powertrain warranty?', { clientMessageId })
    const rb = await ask(sb, 'How long is the powertrain warranty?', { clientMessageId })
    expect(rb.ack.conversationId).not.toBe(ra.ack.conversationId)
    expect(rb.ack.messageId).not.toBe(ra.ack.messageId)
    sa.close()
    sb.close()
  })
})

describe('row-level security', () => {
  it("hides other tenants' rows from a tenant transaction even without a tenant filter", async () => {
    const rows = await server.db.tenant(b.tenantId, (tx) =>
      tx.query<{ tenant_id: string }>('select distinct tenant_id from documents'),
    )
    expect(rows.map((r) => r.tenant_id)).toEqual([b.tenantId])
    const conversations = await server.db.tenant(b.tenantId, (tx) =>
      tx.query('select id from conversations where id = $1', [aConversationId]),
    )
    expect(conversations).toEqual([])
  })

  it("never lets one tenant's documents change how another's questions are matched", async () => {
    // Alpha floods its knowledge base with a word until it counts as common for Alpha…
    const flood = Array.from(
      { length: 260 },
      (_, i) => `## Note ${i}\n\nThe zebrano trim package ${i}.`,
    )
    await uploadAndWait(server, a.secret.key, 'flood.md', flood.join('\n\n'))
    // Bravo has enough chunks of its own for its common words to be worked out too: counted over
    // every tenant's chunks, Alpha's flood would make the word common for Bravo as well.
    const filler = Array.from(
      { length: 220 },
      (_, i) => `## Service note ${i}\n\nOil change reminder number ${i}.`,
    )
    await uploadAndWait(server, b.secret.key, 'service-notes.md', filler.join('\n\n'))
    await uploadAndWait(
      server,
      b.secret.key,
      'trim.md',
      '# Trims\n\nOur zebrano trim package adds wood inlays.',
    )
    const [bravo] = await server.db.query<{ n: number }>(
      'select count(*)::int as n from chunks where tenant_id = $1',
      [b.tenantId],
    )
    expect(bravo!.n).toBeGreaterThan(200)
    await refreshKnowledgeStats(server.db, a.tenantId)
    await refreshKnowledgeStats(server.db, b.tenantId)
    // …which takes it out of Alpha's full-text matching only; Bravo still matches it.
    const inB = await server.db.tenant(b.tenantId, (tx) =>
      tx.query('select id from avataradam_text_search($1, 5)', ['zebrano']),
    )
    expect(inB.length).toBe(1)
    const inA = await server.db.tenant(a.tenantId, (tx) =>
      tx.query('select id from avataradam_text_search($1, 5)', ['zebrano']),
    )
    expect(inA).toEqual([])
  })

  it('keeps the full-text search function to the scoped tenant, whatever is asked', async () => {
    const question = 'powertrain warranty Alpha Autos'
    const scopedToB = await server.db.tenant(b.tenantId, (tx) =>
      tx.query<{ id: string }>('select id from avataradam_text_search($1, 50)', [question]),
    )
    const [foreign] = await server.db.query<{ n: number }>(
      'select count(*)::int as n from chunks where id = any($1::uuid[]) and tenant_id <> $2',
      [scopedToB.map((r) => r.id), b.tenantId],
    )
    expect(foreign!.n).toBe(0)
    const scopedToA = await server.db.tenant(a.tenantId, (tx) =>
      tx.query('select id from avataradam_text_search($1, 50)', [question]),
    )
    expect(scopedToA.length).toBeGreaterThan(0)
    // Outside any tenant scope it finds nothing at all.
    expect(
      await server.db.query('select id from avataradam_text_search($1, 50)', [question]),
    ).toEqual([])
  })

  it('refuses writing a row for another tenant from a tenant transaction', async () => {
    await expect(
      server.db.tenant(b.tenantId, (tx) =>
        tx.query(`update documents set title = 'hijacked' where id = $1 returning id`, [
          aDocumentId,
        ]),
      ),
    ).resolves.toEqual([])
    await expect(
      server.db.tenant(b.tenantId, (tx) =>
        tx.query(`insert into conversations (id, tenant_id, visitor_id) values ($1, $2, 'x')`, [
          crypto.randomUUID(),
          a.tenantId,
        ]),
      ),
    ).rejects.toThrow(/row-level security/)
  })
})
