import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sleep } from './support/chat.ts'
import { uploadAndWait, waitForDocument } from './support/documents.ts'
import {
  api,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from './support/server.ts'

let server: TestServer
let a: TestTenant
let b: TestTenant

beforeAll(async () => {
  server = await startTestServer()
  a = await createTenant(server, 'Alpha Autos')
  b = await createTenant(server, 'Bravo Motors')
})
afterAll(() => server.stop())

async function auditOf(tenantId: string) {
  const rows = await server.db.query<{
    action: string
    target: string | null
    actor_type: string
    details: Record<string, unknown> | string
  }>(
    'select action, target, actor_type, details from audit_log where tenant_id = $1 order by seq',
    [tenantId],
  )
  // PostgreSQL's driver hands jsonb over as text; PGlite parses it.
  return rows.map((r) => ({
    ...r,
    details: (typeof r.details === 'string' ? JSON.parse(r.details) : r.details) as Record<
      string,
      unknown
    >,
  }))
}

describe('secret key scopes', () => {
  it('gives a key every scope by default and lists them; publishable keys have none', async () => {
    const res = await api(server, a.secret.key, 'POST', '/v1/keys', { type: 'secret' })
    expect(res.status).toBe(201)
    expect(res.body.scopes).toEqual([
      'keys',
      'knowledge:read',
      'knowledge:write',
      'conversations',
      'leads',
      'analytics',
      'settings',
    ])
    expect(res.body.replacedBy).toBeNull()
    const list = await api(server, a.secret.key, 'GET', '/v1/keys')
    const publishable = list.body.keys.find((k: { id: string }) => k.id === a.publishable.id)
    expect(publishable.scopes).toEqual([])
  })

  it('refuses scopes on a publishable key and unknown scopes', async () => {
    const publishable = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
      scopes: ['knowledge:read'],
    })
    expect(publishable.status).toBe(400)
    const unknown = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      scopes: ['members'],
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.code).toBe('invalid_request')
  })

  it('lets a knowledge:read key read the knowledge base and nothing else', async () => {
    const created = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      name: 'Read-only',
      scopes: ['knowledge:read'],
    })
    expect(created.body.scopes).toEqual(['knowledge:read'])
    const key = created.body.key as string
    expect((await api(server, key, 'GET', '/v1/documents')).status).toBe(200)
    expect((await api(server, key, 'POST', '/v1/search', { query: 'warranty' })).status).toBe(200)
    expect((await api(server, key, 'GET', '/v1/widget-settings')).status).toBe(200)
    const refused: [string, string, unknown?][] = [
      ['POST', '/v1/keys', { type: 'secret' }],
      ['GET', '/v1/keys'],
      ['POST', `/v1/keys/${a.secret.id}/rotate`, {}],
      ['POST', `/v1/keys/${a.secret.id}/revoke`],
      ['DELETE', `/v1/documents/${crypto.randomUUID()}`],
      ['POST', `/v1/documents/${crypto.randomUUID()}/reindex`],
      ['GET', '/v1/conversations'],
      ['GET', '/v1/analytics'],
      ['GET', '/v1/leads'],
      ['GET', '/v1/leads/settings'],
      ['GET', '/v1/webhooks'],
      ['GET', '/v1/providers'],
      ['GET', '/v1/jobs/failed'],
      ['PUT', '/v1/widget-settings', {}],
    ]
    for (const [method, path, body] of refused) {
      const res = await api(server, key, method, path, body)
      expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({
        method,
        path,
        status: 403,
        code: 'forbidden',
      })
    }
    const form = new FormData()
    form.set('file', new File(['# Hi'], 'hi.md'))
    const upload = await api(server, key, 'POST', '/v1/documents', form)
    expect(upload.status).toBe(403)
    expect(upload.body.error.details).toEqual({ permission: 'knowledge:write' })
  })

  it('treats keys made before scopes existed as having every scope', async () => {
    const created = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      scopes: ['analytics'],
    })
    await server.db.query('update api_keys set scopes = null where id = $1', [created.body.id])
    // The key service caches a looked-up key for a second.
    await sleep(1100)
    expect((await api(server, created.body.key, 'GET', '/v1/keys')).status).toBe(200)
  })
})

describe('a key making keys grants no more than it holds', () => {
  async function keysOnlyKey() {
    const res = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      name: 'Key manager',
      scopes: ['keys'],
    })
    expect(res.status).toBe(201)
    return res.body as { id: string; key: string }
  }

  it("gives a new secret key the caller's own scopes by default", async () => {
    const manager = await keysOnlyKey()
    const made = await api(server, manager.key, 'POST', '/v1/keys', { type: 'secret' })
    expect(made.status).toBe(201)
    expect(made.body.scopes).toEqual(['keys'])
    const read = await api(server, made.body.key, 'GET', '/v1/conversations')
    expect(read.status).toBe(403)
    expect(read.body.error.code).toBe('forbidden')
  })

  it('refuses a scope the caller lacks, naming it, and creates nothing', async () => {
    const manager = await keysOnlyKey()
    const before = (await api(server, a.secret.key, 'GET', '/v1/keys')).body.keys.length
    const res = await api(server, manager.key, 'POST', '/v1/keys', {
      type: 'secret',
      scopes: ['keys', 'conversations'],
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    expect(res.body.error.message).toContain('"conversations"')
    expect(res.body.error.details).toMatchObject({ scopes: ['conversations'] })
    expect((await api(server, a.secret.key, 'GET', '/v1/keys')).body.keys.length).toBe(before)
  })

  it('still lets it make publishable keys, which reach no /v1 route', async () => {
    const manager = await keysOnlyKey()
    const res = await api(server, manager.key, 'POST', '/v1/keys', {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
    })
    expect(res.status).toBe(201)
    expect(res.body.scopes).toEqual([])
  })

  it('refuses to rotate a key with more scopes, leaving that key as it was', async () => {
    const manager = await keysOnlyKey()
    const full = await api(server, a.secret.key, 'POST', '/v1/keys', { type: 'secret' })
    const res = await api(server, manager.key, 'POST', `/v1/keys/${full.body.id}/rotate`, {})
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('forbidden')
    const listed = (await api(server, a.secret.key, 'GET', '/v1/keys')).body.keys.find(
      (k: { id: string }) => k.id === full.body.id,
    )
    expect(listed).toMatchObject({ replacedBy: null, expiresAt: null })
  })

  it('rotates a key within its own scopes, itself included', async () => {
    const manager = await keysOnlyKey()
    const res = await api(server, manager.key, 'POST', `/v1/keys/${manager.id}/rotate`, {})
    expect(res.status).toBe(201)
    expect(res.body.scopes).toEqual(['keys'])
    expect((await api(server, res.body.key, 'GET', '/v1/keys')).status).toBe(200)
    const site = await api(server, manager.key, 'POST', '/v1/keys', {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
    })
    const publishable = await api(
      server,
      manager.key,
      'POST',
      `/v1/keys/${site.body.id}/rotate`,
      {},
    )
    expect(publishable.status).toBe(201)
  })
})

describe('POST /v1/keys/{id}/rotate', () => {
  it('makes a like key and keeps the old one working for the overlap only', async () => {
    const old = await api(server, a.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      name: 'Nightly sync',
      scopes: ['knowledge:read', 'analytics'],
    })
    const rotated = await api(server, a.secret.key, 'POST', `/v1/keys/${old.body.id}/rotate`, {
      overlapSeconds: 1,
    })
    expect(rotated.status).toBe(201)
    expect(rotated.body).toMatchObject({
      type: 'secret',
      mode: 'live',
      name: 'Nightly sync',
      scopes: ['knowledge:read', 'analytics'],
      replacedBy: null,
    })
    expect(rotated.body.key).toMatch(/^sk_live_/)
    expect(rotated.body.id).not.toBe(old.body.id)
    const listed = (await api(server, a.secret.key, 'GET', '/v1/keys')).body.keys.find(
      (k: { id: string }) => k.id === old.body.id,
    )
    expect(listed.replacedBy).toBe(rotated.body.id)
    expect(Date.parse(listed.expiresAt)).toBeLessThanOrEqual(Date.now() + 1000)
    expect((await api(server, old.body.key, 'GET', '/v1/documents')).status).toBe(200)
    await sleep(1300)
    const after = await api(server, old.body.key, 'GET', '/v1/documents')
    expect(after.status).toBe(401)
    expect(after.body.error.code).toBe('key_expired')
    expect((await api(server, rotated.body.key, 'GET', '/v1/documents')).status).toBe(200)
  })

  it('rotates a publishable key with its origins, defaulting to a day of overlap', async () => {
    const rotated = await api(server, a.secret.key, 'POST', `/v1/keys/${a.publishable.id}/rotate`)
    expect(rotated.status).toBe(201)
    expect(rotated.body).toMatchObject({
      type: 'publishable',
      allowedOrigins: a.publishable.allowedOrigins,
      scopes: [],
    })
    const old = (await api(server, a.secret.key, 'GET', '/v1/keys')).body.keys.find(
      (k: { id: string }) => k.id === a.publishable.id,
    )
    const overlap = Date.parse(old.expiresAt) - Date.now()
    expect(overlap).toBeGreaterThan(86_400_000 - 60_000)
    expect(overlap).toBeLessThanOrEqual(86_400_000)
  })

  it('refuses to rotate a key that is revoked, expired or already rotated', async () => {
    const revoked = await server.keys.create(a.tenantId, { type: 'secret' })
    await server.keys.revoke(a.tenantId, revoked.id)
    const expired = await server.keys.create(a.tenantId, {
      type: 'secret',
      expiresAt: new Date(Date.now() + 300),
    })
    const rotated = await server.keys.create(a.tenantId, { type: 'secret' })
    await server.keys.rotate(a.tenantId, rotated.id, 3600)
    await sleep(400)
    for (const id of [revoked.id, expired.id, rotated.id]) {
      const res = await api(server, a.secret.key, 'POST', `/v1/keys/${id}/rotate`, {})
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('conflict')
    }
  })

  it('refuses an overlap beyond 30 days', async () => {
    const res = await api(server, a.secret.key, 'POST', `/v1/keys/${a.secret.id}/rotate`, {
      overlapSeconds: 2_592_001,
    })
    expect(res.status).toBe(400)
  })

  it("answers not_found for another dealership's key", async () => {
    const res = await api(server, b.secret.key, 'POST', `/v1/keys/${a.secret.id}/rotate`, {})
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})

describe('POST /v1/documents/{id}/reindex', () => {
  it('queues a ready document again and replaces its passages once processed', async () => {
    const doc = await uploadAndWait(
      server,
      a.secret.key,
      'service.md',
      '# Service\n\nOil changes take thirty minutes, no appointment needed.',
    )
    expect(doc.status).toBe('ready')
    const [before] = await server.db.query<{ ids: string[] }>(
      'select array_agg(id order by id) as ids from chunks where document_id = $1',
      [doc.id],
    )
    const res = await api(server, a.secret.key, 'POST', `/v1/documents/${doc.id}/reindex`)
    expect(res.status).toBe(202)
    expect(res.body).toMatchObject({ id: doc.id, status: 'queued' })
    const ready = await waitForDocument(server, a.secret.key, doc.id)
    expect(ready.status).toBe('ready')
    expect(ready.chunkCount).toBe(doc.chunkCount)
    const [after] = await server.db.query<{ ids: string[] }>(
      'select array_agg(id order by id) as ids from chunks where document_id = $1',
      [doc.id],
    )
    expect(after!.ids).toHaveLength(before!.ids.length)
    expect(after!.ids).not.toEqual(before!.ids)
    const search = await api(server, a.secret.key, 'POST', '/v1/search', { query: 'oil change' })
    expect(search.body.hits.map((h: { documentId: string }) => h.documentId)).toContain(doc.id)
  })

  it("answers not_found for another dealership's document, and for none", async () => {
    const doc = await uploadAndWait(
      server,
      a.secret.key,
      'loaners.md',
      '# Loaners\n\nFree loaners.',
    )
    const res = await api(server, b.secret.key, 'POST', `/v1/documents/${doc.id}/reindex`)
    expect(res.status).toBe(404)
    const none = await api(
      server,
      a.secret.key,
      'POST',
      `/v1/documents/${crypto.randomUUID()}/reindex`,
    )
    expect(none.status).toBe(404)
  })
})

describe('audit log', () => {
  it('records keys created, rotated and revoked, and documents uploaded, reindexed and deleted', async () => {
    const tenant = await createTenant(server, 'Charlie Cars')
    const created = await api(server, tenant.secret.key, 'POST', '/v1/keys', {
      type: 'secret',
      name: 'Audited',
      scopes: ['keys'],
    })
    const rotated = await api(
      server,
      tenant.secret.key,
      'POST',
      `/v1/keys/${created.body.id}/rotate`,
      {
        overlapSeconds: 60,
      },
    )
    await api(server, tenant.secret.key, 'POST', `/v1/keys/${rotated.body.id}/revoke`)
    const doc = await uploadAndWait(server, tenant.secret.key, 'a.md', '# A\n\nSomething.')
    await api(server, tenant.secret.key, 'POST', `/v1/documents/${doc.id}/reindex`)
    await waitForDocument(server, tenant.secret.key, doc.id)
    await api(server, tenant.secret.key, 'DELETE', `/v1/documents/${doc.id}`)
    const entries = await auditOf(tenant.tenantId)
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['key.created', created.body.id],
      ['key.rotated', created.body.id],
      ['key.revoked', rotated.body.id],
      ['document.uploaded', doc.id],
      ['document.reindexed', doc.id],
      ['document.deleted', doc.id],
    ])
    expect(entries.every((e) => e.actor_type === 'key')).toBe(true)
    expect(entries[0]!.details).toMatchObject({ scopes: ['keys'], name: 'Audited' })
    expect(entries[1]!.details).toMatchObject({ replacedBy: rotated.body.id, overlapSeconds: 60 })
    // Nothing was refused or failed into the other dealership's log.
    expect((await auditOf(b.tenantId)).map((e) => e.target)).not.toContain(created.body.id)
  })

  it('records nothing for a change that was refused', async () => {
    const tenant = await createTenant(server, 'Delta Drives')
    await api(server, tenant.secret.key, 'POST', '/v1/keys', { type: 'secret', scopes: [] })
    await api(server, tenant.secret.key, 'POST', `/v1/keys/${crypto.randomUUID()}/revoke`)
    expect(await auditOf(tenant.tenantId)).toEqual([])
  })
})
