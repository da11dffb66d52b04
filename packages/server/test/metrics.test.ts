import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, eventually } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import { errorReply, startModelServer } from './support/openai-server.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}

/** Reads Prometheus' text exposition format, one sample per line. */
function parse(text: string): Sample[] {
  return text.split('\n').flatMap((line) => {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m) return []
    const labels = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1]!, l[2]!]),
    )
    return [{ name: m[1]!, labels, value: Number(m[3]) }]
  })
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  )
  return found.reduce((sum, s) => sum + s.value, 0)
}

async function scrape(server: TestServer, token?: string) {
  const res = await fetch(`${server.url}/metrics`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  })
  return { res, samples: parse(await res.text()) }
}

describe('/metrics', () => {
  let server: TestServer
  let tenant: TestTenant

  beforeAll(async () => {
    server = await startTestServer()
    tenant = await createTenant(server)
  })
  afterAll(() => server.stop())

  it("serves Prometheus' text format with the process's own metrics", async () => {
    const { res, samples } = await scrape(server)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
    expect(value(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0)
    expect(value(samples, 'avataradam_connected_visitors')).toBe(0)
  })

  it('labels HTTP traffic by route pattern, never by raw path', async () => {
    const id = '00000000-0000-4000-8000-000000000001'
    expect((await api(server, tenant.secret.key, 'GET', `/v1/documents/${id}`)).status).toBe(404)
    await api(server, null, 'GET', `/no/such/${crypto.randomUUID()}`)
    const { samples } = await scrape(server)
    expect(
      value(samples, 'avataradam_http_requests_total', {
        method: 'GET',
        route: '/v1/documents/:id',
        status: '404',
      }),
    ).toBe(1)
    const routes = samples
      .filter((s) => s.name === 'avataradam_http_requests_total')
      .map((s) => s.labels.route)
    expect(routes.join(' ')).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/)
  })

  it('counts ingestion, socket traffic, visitors and turn latency by stage', async () => {
    await uploadAndWait(
      server,
      tenant.secret.key,
      'hours.md',
      '# Hours\n\nThe showroom is open 9am to 7pm Monday to Saturday.',
    )
    const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    try {
      const answer = await ask(visitor, 'When is the showroom open?')
      expect(answer.done.text).toMatch(/9/)
      // An event the protocol does not have: counted as `other`, never by its own name.
      ;(visitor as unknown as { emit(event: string): void }).emit(`made-up:${Math.random()}`)
      // Counted after the answer is sent; the scrape may come a moment before.
      const samples = await eventually(async () => {
        const { samples } = await scrape(server)
        return value(samples, 'avataradam_turns_total', { outcome: 'done' }) === 1 &&
          value(samples, 'avataradam_socket_events_total', { event: 'other' }) === 1
          ? samples
          : null
      })
      expect(value(samples, 'avataradam_connected_visitors')).toBe(1)
      expect(value(samples, 'avataradam_socket_events_total', { event: 'chat:send' })).toBe(1)
      expect(value(samples, 'avataradam_ingestion_jobs_total', { outcome: 'ready' })).toBe(1)
      // Across every tenant, so other test files' documents may be in it: present, not a count.
      for (const status of ['queued', 'processing']) {
        expect(
          samples.some(
            (s) => s.name === 'avataradam_ingestion_queue_depth' && s.labels.status === status,
          ),
        ).toBe(true)
      }
      for (const stage of ['retrieval', 'first_token', 'total']) {
        expect(value(samples, 'avataradam_turn_duration_seconds_count', { stage }), stage).toBe(1)
        expect(value(samples, 'avataradam_turn_duration_seconds_sum', { stage })).toBeGreaterThan(0)
      }
      const labels = new Set(samples.flatMap((s) => Object.keys(s.labels)))
      for (const unbounded of ['tenant', 'tenantId', 'visitor', 'visitorId', 'conversationId']) {
        expect(labels.has(unbounded)).toBe(false)
      }
    } finally {
      visitor.close()
    }
  })
})

describe('/metrics with METRICS_TOKEN', () => {
  const token = 'scrape-token-0123456789'
  let server: TestServer

  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token } })
  })
  afterAll(() => server.stop())

  it('answers only the bearer of the token', async () => {
    const refused = await scrape(server)
    expect(refused.res.status).toBe(401)
    expect((await scrape(server, 'scrape-token-wrong-000000')).res.status).toBe(401)
    const allowed = await scrape(server, token)
    expect(allowed.res.status).toBe(200)
    expect(value(allowed.samples, 'process_cpu_seconds_total')).toBeGreaterThan(0)
  })
})

describe('provider errors', () => {
  it('are counted by capability and provider while the visitor still gets an answer', async () => {
    const models = await startModelServer(errorReply(401, 'Incorrect API key provided'))
    const server = await startTestServer({
      env: {
        LLM_PROVIDER: 'openai-compatible',
        LLM_BASE_URL: models.baseUrl,
        LLM_MODEL: 'dealer-model',
        LLM_MAX_RETRIES: '0',
      },
    })
    try {
      const tenant = await createTenant(server)
      const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
      const answer = await ask(visitor, 'Hello')
      visitor.close()
      // The embedded answerer, last in the chain, answered.
      expect(answer.done.text.length).toBeGreaterThan(0)
      const { samples } = await scrape(server)
      expect(
        value(samples, 'avataradam_provider_errors_total', {
          capability: 'llm',
          provider: 'openai-compatible',
        }),
      ).toBe(1)
    } finally {
      await server.stop()
      await models.close()
    }
  })
})
