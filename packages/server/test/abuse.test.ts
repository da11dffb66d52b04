import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, eventually } from './support/chat.ts'
import { form } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  refusal,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

let server: TestServer
let tenant: TestTenant

beforeAll(async () => {
  server = await startTestServer({
    env: {
      RATE_LIMIT_CONNECTIONS_PER_MINUTE: '8',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '15',
      RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '5',
      // The test's requests carry X-Forwarded-For as if behind one load balancer.
      TRUST_PROXY_HOPS: '1',
    },
  })
  tenant = await createTenant(server)
  const upload = await api(
    server,
    tenant.secret.key,
    'POST',
    '/v1/documents',
    form('hours.md', '# Hours\n\nWe are open Saturday from 9am to 6pm.'),
  )
  expect(upload.status).toBe(202)
  // Polling GET /v1/documents would spend the small request allowance the tests below count on
  // (and be refused once it is spent): the document's row says when it is ready.
  await eventually(async () => {
    const [row] = await server.db.query<{ status: string }>(
      'select status from documents where id = $1',
      [upload.body.id],
    )
    if (row?.status === 'failed') throw new Error('the document failed')
    return row?.status === 'ready'
  })
})
afterAll(() => server.stop())

describe('floods and garbage', () => {
  it('limits REST requests per dealership with 429 and Retry-After, others unaffected', async () => {
    // A second key of the same dealership does not buy a second allowance.
    const sameTenant = await server.keys.create(tenant.tenantId, { type: 'secret' })
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api(server, i % 2 ? tenant.secret.key : sameTenant.key, 'GET', '/v1/keys'),
      ),
    )
    const limited = statuses.filter((r) => r.status === 429)
    expect(limited.length).toBeGreaterThanOrEqual(5)
    expect(limited[0]!.body.error).toMatchObject({
      code: 'rate_limited',
      retryAfter: expect.any(Number),
    })
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThan(0)
    const other = await createTenant(server, 'Other Motors')
    expect((await api(server, other.secret.key, 'GET', '/v1/keys')).status).toBe(200)
  })

  it('stops answering an address that keeps presenting bad keys', async () => {
    const codes: string[] = []
    for (let i = 0; i < 7; i++) {
      const res = await api(server, `sk_live_${'A'.repeat(36)}`, 'GET', '/v1/keys', undefined, {
        'x-forwarded-for': '198.51.100.7',
      })
      codes.push(res.body.error.code)
    }
    expect(codes).toEqual([...Array(5).fill('invalid_key'), 'rate_limited', 'rate_limited'])
    // Another client address (as the trusted proxy reports it) is not held back.
    const fresh = await createTenant(server, 'Fresh Motors')
    const elsewhere = await api(server, fresh.secret.key, 'GET', '/v1/keys', undefined, {
      'x-forwarded-for': '203.0.113.99',
    })
    expect(elsewhere.status).toBe(200)
  })

  it('survives garbage frames on a raw WebSocket and keeps serving others', async () => {
    const ws = new WebSocket(
      `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
    )
    await new Promise((resolve, reject) => {
      ws.onopen = resolve
      ws.onerror = reject
    })
    const closed = new Promise((resolve) => {
      ws.onclose = resolve
    })
    ws.send('40{"key":')
    ws.send('42["chat:send",{{{{')
    ws.send(new Uint8Array([0, 1, 2, 3, 255]))
    ws.send('totally not engine.io')
    await closed
    const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const { done } = await ask(visitor, 'When are you open on Saturday?')
    // Answered from the document's hours, read as the dealership's facts.
    expect(done.text).toMatch(/\b9\s?am\b.*\b6\s?pm\b/i)
    visitor.close()
  })

  it('limits handshakes per IP, refusing the excess with rate_limited', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        connectVisitor(visitorClient(server, { key: tenant.publishable.key })),
      ),
    )
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused.length).toBeGreaterThanOrEqual(4)
    const reason = (refused[0] as PromiseRejectedResult).reason as { data: { code: string } }
    expect(reason.data.code).toBe('rate_limited')
    for (const r of results) if (r.status === 'fulfilled') r.value.close()
    const data = await refusal(visitorClient(server, { key: tenant.publishable.key }))
    expect(data).toMatchObject({ code: 'rate_limited', retryAfter: expect.any(Number) })
  })
})
