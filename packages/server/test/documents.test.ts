import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDocx } from '../src/knowledge/parse/fixtures/build-docx.ts'
import { buildPdf } from '../src/knowledge/parse/fixtures/build-pdf.ts'
import type { EmbeddingModel } from '../src/providers/embeddings/index.ts'
import { createLocalEmbeddings } from '../src/providers/embeddings/local-embeddings.ts'
import { form, uploadAndWait, waitForDocument } from './support/documents.ts'
import {
  api,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from './support/server.ts'

let server: TestServer
let tenant: TestTenant

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) } })
  tenant = await createTenant(server)
})
afterAll(() => server.stop())

const HOURS = `# Store hours

## Sales
Our sales team is here Monday to Friday from 9am to 8pm, and Saturday from 9am to 6pm.

## Service
The service department opens at 7:30am on weekdays.
`

async function count(table: 'documents' | 'chunks'): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where tenant_id = $1`,
    [tenant.tenantId],
  )
  return row!.n
}

describe('POST /v1/documents', () => {
  it('accepts at once with 202 queued, then processes the document to ready', async () => {
    const res = await api(
      server,
      tenant.secret.key,
      'POST',
      '/v1/documents',
      form('hours.md', HOURS),
    )
    expect(res.status).toBe(202)
    expect(res.body).toEqual({ id: expect.any(String), status: 'queued', duplicate: false })
    expect(res.headers.get('location')).toBe(`/v1/documents/${res.body.id}`)
    const doc = await waitForDocument(server, tenant.secret.key, res.body.id)
    expect(doc).toMatchObject({
      status: 'ready',
      progress: 1,
      kind: 'markdown',
      title: 'Store hours',
      filename: 'hours.md',
      error: null,
    })
    expect(doc.chunkCount).toBeGreaterThanOrEqual(2)
  })

  it('does not store the same content twice', async () => {
    const first = await api(
      server,
      tenant.secret.key,
      'POST',
      '/v1/documents',
      form('a.txt', 'Same words here.'),
    )
    const before = await count('documents')
    const again = await api(
      server,
      tenant.secret.key,
      'POST',
      '/v1/documents',
      form('b.txt', 'Same words here.'),
    )
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true })
    expect(await count('documents')).toBe(before)
  })

  it('refuses an unsupported file with 415 and stores nothing', async () => {
    const before = await count('documents')
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const res = await api(
      server,
      tenant.secret.key,
      'POST',
      '/v1/documents',
      form('logo.png', png, 'image/png'),
    )
    expect(res.status).toBe(415)
    expect(res.body.error.code).toBe('unsupported_document_type')
    expect(await count('documents')).toBe(before)
  })

  it('refuses a file over the size limit with 413 and stores nothing', async () => {
    const before = await count('documents')
    const big = 'a'.repeat(3 * 1024 * 1024)
    const res = await api(server, tenant.secret.key, 'POST', '/v1/documents', form('big.txt', big))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
    expect(await count('documents')).toBe(before)
  })

  it('refuses a request without a file field', async () => {
    const data = new FormData()
    data.set('title', 'No file')
    const res = await api(server, tenant.secret.key, 'POST', '/v1/documents', data)
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
  })

  it('marks an unreadable file failed with a clear error', async () => {
    const doc = await uploadAndWait(
      server,
      tenant.secret.key,
      'broken.pdf',
      '%PDF-1.7\nnot really a pdf',
    )
    expect(doc.status).toBe('failed')
    expect(doc.error).toEqual({
      code: 'document_unreadable',
      message: expect.stringMatching(/PDF/),
    })
  })
})

describe('every supported format', () => {
  it('ingests HTML and plain text into searchable chunks, and a CSV inventory into vehicles', async () => {
    const html =
      '<html><head><title>Test drives</title></head><body><h1>Test drives</h1><p>Book a test drive online or call us; bring your driving licence.</p></body></html>'
    const csv =
      'Stock #,Year,Make,Model,Price\nT100,2021,Toyota,RAV4,27900\nH200,2019,Honda,Civic,17500\n'
    const txt = 'Detailing\n\nWe offer interior detailing for $149 including shampoo of the seats.'
    const docs = await Promise.all([
      uploadAndWait(server, tenant.secret.key, 'drives.html', html),
      uploadAndWait(server, tenant.secret.key, 'inventory.csv', csv),
      uploadAndWait(server, tenant.secret.key, 'detail.txt', txt),
    ])
    expect(docs.map((d) => [d.kind, d.status])).toEqual([
      ['html', 'ready'],
      ['csv', 'ready'],
      ['text', 'ready'],
    ])
    expect(docs[0]!.chunkCount).toBeGreaterThan(0)
    expect(docs[0]!.inventory).toBeNull()
    // An inventory's vehicles are rows, searched by their fields, not passages.
    expect(docs[1]!.chunkCount).toBe(0)
    expect(docs[1]!.inventory).toEqual({
      vehicles: 2,
      columns: [
        { name: 'Stock #', field: 'stockNumber' },
        { name: 'Year', field: 'year' },
        { name: 'Make', field: 'make' },
        { name: 'Model', field: 'model' },
        { name: 'Price', field: 'price' },
      ],
    })
    const hondas = await api(server, tenant.secret.key, 'GET', '/v1/inventory?make=Honda')
    expect(hondas.body.total).toBe(1)
    expect(hondas.body.vehicles[0]).toMatchObject({
      documentId: docs[1]!.id,
      stockNumber: 'H200',
      year: 2019,
      model: 'Civic',
      price: 17500,
    })
    const detailing = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'interior detailing price',
    })
    expect(detailing.body.hits[0].documentId).toBe(docs[2]!.id)
    expect(detailing.body.hits[0].text).toContain('$149')
    const licence = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'driving licence',
    })
    expect(licence.body.hits[0].documentId).toBe(docs[0]!.id)
  })

  it('reads a spreadsheet whose columns name no vehicles (a price list) as a table of passages', async () => {
    const own = await createTenant(server, 'Price List Motors')
    const csv = 'Service,Price\nOil change,$49.95\nTire rotation,$24.95\n'
    const doc = await uploadAndWait(server, own.secret.key, 'service-prices.csv', csv)
    expect(doc).toMatchObject({ kind: 'csv', status: 'ready', inventory: null })
    expect(doc.chunkCount).toBeGreaterThan(0)
    const hits = await api(server, own.secret.key, 'POST', '/v1/search', {
      query: 'tire rotation',
    })
    expect(hits.body.hits[0]).toMatchObject({ documentId: doc.id })
    expect(hits.body.hits[0].text).toContain('Service: Tire rotation; Price: $24.95')
  })
})

describe('PDF and Word uploads', () => {
  it('ingests a PDF and a DOCX into searchable chunks', async () => {
    const pdf = buildPdf(
      [
        [
          { text: 'Extended warranty', size: 18 },
          { text: 'Our platinum plan covers the engine for 7 years.' },
        ],
      ],
      { title: 'Warranty plans' },
    )
    const docx = buildDocx([
      { text: 'Detailing menu', style: 'Heading1' },
      { text: 'Ceramic coating costs $899 and lasts five years.' },
    ])
    const [pdfDoc, docxDoc] = await Promise.all([
      uploadAndWait(server, tenant.secret.key, 'warranty.pdf', pdf),
      uploadAndWait(server, tenant.secret.key, 'detailing.docx', docx),
    ])
    expect([pdfDoc.kind, pdfDoc.status, docxDoc.kind, docxDoc.status]).toEqual([
      'pdf',
      'ready',
      'docx',
      'ready',
    ])
    expect(pdfDoc.title).toBe('Warranty plans')
    const platinum = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'platinum plan engine',
    })
    expect(platinum.body.hits[0].documentId).toBe(pdfDoc.id)
    const ceramic = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'ceramic coating price',
    })
    expect(ceramic.body.hits[0].documentId).toBe(docxDoc.id)
  })
})

describe('GET and DELETE /v1/documents', () => {
  it('lists documents newest first', async () => {
    const res = await api(server, tenant.secret.key, 'GET', '/v1/documents')
    expect(res.status).toBe(200)
    const times = res.body.documents.map((d: { createdAt: string }) => Date.parse(d.createdAt))
    expect(times).toEqual([...times].sort((a, b) => b - a))
  })

  it('answers 404 for an unknown document', async () => {
    const res = await api(server, tenant.secret.key, 'GET', `/v1/documents/${crypto.randomUUID()}`)
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })

  it('deletes a document and every chunk of it, so search no longer finds it', async () => {
    const doc = await uploadAndWait(
      server,
      tenant.secret.key,
      'boats.md',
      '# Boats\n\nWe also sell pontoon boats and jet skis.',
    )
    const found = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'pontoon boats',
    })
    expect(found.body.hits[0].documentId).toBe(doc.id)
    const uploads = server.config.uploads
    const file = uploads.kind === 'files' ? path.join(uploads.dir, tenant.tenantId, doc.id) : null
    if (file) expect(existsSync(file)).toBe(true)
    const del = await api(server, tenant.secret.key, 'DELETE', `/v1/documents/${doc.id}`)
    expect(del.status).toBe(204)
    if (file) expect(existsSync(file)).toBe(false)
    const [row] = await server.db.query<{ n: number }>(
      'select count(*)::int as n from chunks where document_id = $1',
      [doc.id],
    )
    expect(row!.n).toBe(0)
    const after = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'pontoon boats',
    })
    expect(after.body.hits.map((h: { documentId: string }) => h.documentId)).not.toContain(doc.id)
    expect((await api(server, tenant.secret.key, 'DELETE', `/v1/documents/${doc.id}`)).status).toBe(
      404,
    )
  })

  it('reports its progress, rising between 0 and 1, while processing', async () => {
    // Between batches the worker embeds, it has stored how far it got: read it there.
    const seen: number[] = []
    let probe: (() => Promise<void>) | undefined
    const local = createLocalEmbeddings()
    const embeddings: EmbeddingModel = {
      provider: local.provider,
      modelId: local.modelId,
      dimensions: local.dimensions,
      maxEmbeddingsPerCall: local.maxEmbeddingsPerCall,
      async doEmbed(options) {
        await probe?.()
        return local.doEmbed(options)
      },
    }
    const watched = await startTestServer({ parts: { embeddings } })
    try {
      const owner = await createTenant(watched)
      probe = async () => {
        const [row] = await watched.db.query<{ progress: number }>(
          `select progress from documents where tenant_id = $1 and status = 'processing'`,
          [owner.tenantId],
        )
        if (row) seen.push(row.progress)
      }
      const big = Array.from(
        { length: 1500 },
        (_, i) => `## Section ${i}\n\nParagraph ${i} about tyres.`,
      )
      const doc = await uploadAndWait(watched, owner.secret.key, 'big.md', big.join('\n\n'))
      expect(doc).toMatchObject({ status: 'ready', progress: 1 })
      expect(seen.filter((p) => p > 0 && p < 1).length).toBeGreaterThan(5)
      expect(seen).toEqual([...seen].sort((x, y) => x - y))
    } finally {
      await watched.stop()
    }
  })
})
