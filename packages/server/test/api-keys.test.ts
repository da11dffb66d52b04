import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
  server = await startTestServer()
  tenant = await createTenant(server)
})
afterAll(() => server.stop())

describe('secret key authentication', () => {
  it('refuses a request without a key', async () => {
    const res = await api(server, null, 'GET', '/v1/documents')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('unauthorized')
  })

  it('refuses a malformed or unknown key with invalid_key', async () => {
    for (const key of ['sk_live_nope', `sk_live_${'A'.repeat(36)}`]) {
      const res = await api(server, key, 'GET', '/v1/documents')
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('invalid_key')
    }
  })

  it('refuses a publishable key on back-office routes', async () => {
    const res = await api(server, tenant.publishable.key, 'GET', '/v1/documents')
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('wrong_key_type')
  })

  it('refuses a revoked key', async () => {
    const created = await server.keys.create(tenant.tenantId, { type: 'secret' })
    expect((await api(server, created.key, 'GET', '/v1/keys')).status).toBe(200)
    const revoked = await api(server, tenant.secret.key, 'POST', `/v1/keys/${created.id}/revoke`)
    expect(revoked.status).toBe(200)
    expect(revoked.body.revokedAt).not.toBeNull()
    const res = await api(server, created.key, 'GET', '/v1/keys')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('key_revoked')
  })

  it('refuses an expired key', async () => {
    const created = await server.keys.create(tenant.tenantId, {
      type: 'secret',
      expiresAt: new Date(Date.now() + 1500),
    })
    expect((await api(server, created.key, 'GET', '/v1/keys')).status).toBe(200)
    await new Promise((r) => setTimeout(r, 1600))
    const res = await api(server, created.key, 'GET', '/v1/keys')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('key_expired')
  })
})

describe('/v1/keys', () => {
  it('creates a publishable key, shows it once, and lists only its prefix', async () => {
    const res = await api(server, tenant.secret.key, 'POST', '/v1/keys', {
      type: 'publishable',
      mode: 'test',
      name: 'Main site',
      allowedOrigins: ['HTTPS://www.Dealer.example/', 'https://*.dealer.example'],
    })
    expect(res.status).toBe(201)
    expect(res.body.key).toMatch(/^pk_test_[0-9A-Za-z]{36}$/)
    expect(res.body.allowedOrigins).toEqual([
      'https://www.dealer.example',
      'https://*.dealer.example',
    ])
    const list = await api(server, tenant.secret.key, 'GET', '/v1/keys')
    const listed = list.body.keys.find((k: { id: string }) => k.id === res.body.id)
    expect(listed).toMatchObject({ prefix: res.body.key.slice(0, 12), name: 'Main site' })
    expect(JSON.stringify(list.body)).not.toContain(res.body.key)
  })

  it('refuses a publishable key without origins, or with a bad one, and stores nothing', async () => {
    const before = (await api(server, tenant.secret.key, 'GET', '/v1/keys')).body.keys.length
    const none = await api(server, tenant.secret.key, 'POST', '/v1/keys', { type: 'publishable' })
    expect(none.status).toBe(400)
    expect(none.body.error.details).toEqual({ field: 'allowedOrigins' })
    const bad = await api(server, tenant.secret.key, 'POST', '/v1/keys', {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example/path'],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('https://dealer.example/path')
    expect((await api(server, tenant.secret.key, 'GET', '/v1/keys')).body.keys).toHaveLength(before)
  })

  it('records when a key was last used', async () => {
    const created = await server.keys.create(tenant.tenantId, { type: 'secret' })
    expect(created.lastUsedAt).toBeNull()
    await api(server, created.key, 'GET', '/v1/keys')
    await new Promise((r) => setTimeout(r, 100))
    const list = await api(server, tenant.secret.key, 'GET', '/v1/keys')
    const listed = list.body.keys.find((k: { id: string }) => k.id === created.id)
    expect(Date.parse(listed.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000)
  })
})

describe('key quota', () => {
  it('refuses a key past the cap of active keys, and counts only active ones', async () => {
    const crowded = await createTenant(server, 'Crowded Cars')
    // createTenant made two; fill up to 100.
    for (let i = 0; i < 98; i++) await server.keys.create(crowded.tenantId, { type: 'secret' })
    const refused = await api(server, crowded.secret.key, 'POST', '/v1/keys', { type: 'secret' })
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('quota_exceeded')
    await api(server, crowded.secret.key, 'POST', `/v1/keys/${crowded.publishable.id}/revoke`)
    const allowed = await api(server, crowded.secret.key, 'POST', '/v1/keys', { type: 'secret' })
    expect(allowed.status).toBe(201)
  })
})
