import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capturingLogger } from './support/logs.ts'
import { api, createTenant, startTestServer, type TestServer } from './support/server.ts'

let server: TestServer
const { log, lines } = capturingLogger()

beforeAll(async () => {
  server = await startTestServer({ log })
})
afterAll(() => server.stop())

describe('start-up and logs', () => {
  it('says at start whether pgvector is there, naming it as the way to scale when it is not', () => {
    const warning = lines.find((l) => String(l.msg).includes('pgvector'))
    if (server.db.capabilities.vector) expect(warning).toBeUndefined()
    else expect(warning).toMatchObject({ level: 40, msg: expect.stringContaining('exact scan') })
  })

  it('logs each request as JSON with its request id, and never a key', async () => {
    const tenant = await createTenant(server)
    const res = await api(server, tenant.secret.key, 'GET', '/v1/keys', undefined, {
      'x-request-id': 'trace-me-123',
    })
    expect(res.status).toBe(200)
    const line = lines.find((l) => l.requestId === 'trace-me-123')
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      path: '/v1/keys',
      status: 200,
      tenantId: tenant.tenantId,
      ms: expect.any(Number),
    })
    expect(JSON.stringify(lines)).not.toContain(tenant.secret.key)
  })
})
