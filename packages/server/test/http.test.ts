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

describe('health', () => {
  it('reports live and ready', async () => {
    expect(await api(server, null, 'GET', '/healthz')).toMatchObject({
      status: 200,
      body: { status: 'ok' },
    })
    expect(await api(server, null, 'GET', '/readyz')).toMatchObject({
      status: 200,
      body: { status: 'ready' },
    })
  })
})

describe('errors', () => {
  it('answers unknown paths with a not_found error body', async () => {
    const res = await api(server, null, 'GET', '/nope')
    expect(res.status).toBe(404)
    expect(res.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } })
  })

  it('gives every response a request id, keeping one the client sent', async () => {
    const res = await api(server, null, 'GET', '/healthz', undefined, {
      'x-request-id': 'req-abc-123',
    })
    expect(res.headers.get('x-request-id')).toBe('req-abc-123')
    const fresh = await api(server, null, 'GET', '/healthz')
    expect(fresh.headers.get('x-request-id')).toMatch(/\S{8,}/)
  })

  it('refuses malformed JSON with invalid_json', async () => {
    const res = await api(server, tenant.secret.key, 'POST', '/v1/keys', '{"type": "secret",')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_json')
  })

  it('refuses wrong types with invalid_request naming the field', async () => {
    const res = await api(server, tenant.secret.key, 'POST', '/v1/keys', { type: 42 })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
    expect(res.body.error.message).toContain('type')
    expect(res.body.error.details.issues[0].path).toBe('type')
  })

  it('refuses a JSON body over the limit with payload_too_large', async () => {
    const res = await api(server, tenant.secret.key, 'POST', '/v1/search', {
      query: 'x'.repeat(300 * 1024),
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('payload_too_large')
  })

  it('refuses a path id that is not a UUID without touching the database', async () => {
    const res = await api(server, tenant.secret.key, 'GET', "/v1/documents/1'%20or%201=1")
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('invalid_request')
  })
})
