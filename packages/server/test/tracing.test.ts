import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import { capturingLogger } from './support/logs.ts'
import { startModelServer, streamReply } from './support/openai-server.ts'
import { type ReceivedSpan, startOtlpReceiver } from './support/otlp-receiver.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  visitorClient,
} from './support/server.ts'

let models: Awaited<ReturnType<typeof startModelServer>>
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>

beforeAll(async () => {
  ;[models, receiver] = await Promise.all([
    startModelServer(streamReply(['We are open ', 'Saturday 9 to 6 [1].'])),
    startOtlpReceiver(),
  ])
})
afterAll(async () => {
  await Promise.all([models.close(), receiver.close()])
})

const modelEnv = () => ({
  LLM_PROVIDER: 'openai-compatible',
  LLM_BASE_URL: models.baseUrl,
  LLM_MODEL: 'dealer-model',
})

/** Every span under `root`, depth first. */
function descendants(spans: ReceivedSpan[], root: ReceivedSpan): ReceivedSpan[] {
  const children = spans.filter((s) => s.parentSpanId === root.spanId)
  return children.flatMap((c) => [c, ...descendants(spans, c)])
}

describe('with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let server: TestServer
  let conversationId: string
  const { log, lines } = capturingLogger()

  beforeAll(async () => {
    server = await startTestServer({
      log,
      env: {
        ...modelEnv(),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_SERVICE_NAME: 'avataradam-test',
      },
    })
    const tenant = await createTenant(server)
    await uploadAndWait(
      server,
      tenant.secret.key,
      'hours.md',
      '# Hours\n\nSales is open Saturday 9 AM to 6 PM.',
    )
    const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const answer = await ask(visitor, 'When are you open on Saturday?')
    conversationId = answer.ack.conversationId
    visitor.close()
    // Shutting down exports what the batch still holds.
    await server.stop()
  })

  it('traces a chat turn through retrieval, the database and the model, in one trace', () => {
    const turn = receiver.spans.find((s) => s.name === 'chat.turn')
    expect(turn).toBeDefined()
    expect(turn!.service).toBe('avataradam-test')
    expect(turn!.attributes['avataradam.conversation_id']).toBe(conversationId)
    const inside = descendants(receiver.spans, turn!)
    const names = inside.map((s) => s.name)
    expect(names).toEqual(
      expect.arrayContaining(['chat.retrieval', 'db.transaction', 'db.query', 'llm.answer']),
    )
    expect(new Set(inside.map((s) => s.traceId))).toEqual(new Set([turn!.traceId]))
    // The call to the model is an HTTP client span inside llm.answer…
    const answer = inside.find((s) => s.name === 'llm.answer')!
    expect(answer.attributes['gen_ai.request.model']).toMatch(/^dealer-model/)
    const call = descendants(receiver.spans, answer).find((s) =>
      String(s.attributes['url.full'] ?? '').endsWith('/chat/completions'),
    )
    expect(call).toBeDefined()
    // …and the model server was told the trace, so its own spans would join this one.
    const sent = models.requests.find((r) => r.path.endsWith('/chat/completions'))
    expect(sent?.headers.traceparent).toMatch(
      new RegExp(`^00-${turn!.traceId}-[0-9a-f]{16}-0[01]$`),
    )
  })

  it('never puts a statement parameter (a visitor’s words) in a span', () => {
    const text = JSON.stringify(receiver.spans)
    expect(text).not.toContain('When are you open on Saturday?')
  })

  it('traces HTTP requests by route, and each document ingestion', () => {
    const upload = receiver.spans.find(
      (s) =>
        s.attributes['http.route'] === '/v1/documents' &&
        s.attributes['http.request.method'] === 'POST',
    )
    expect(upload).toBeDefined()
    expect(descendants(receiver.spans, upload!).map((s) => s.name)).toContain('db.transaction')
    const ingestion = receiver.spans.find((s) => s.name === 'ingestion.document')
    expect(ingestion).toBeDefined()
    expect(descendants(receiver.spans, ingestion!).map((s) => s.name)).toContain('db.query')
    expect(receiver.contentTypes.every((t) => t.startsWith('application/json'))).toBe(true)
  })

  it('puts the trace id on log lines written inside a span', () => {
    const ingestion = receiver.spans.find((s) => s.name === 'ingestion.document')!
    const ready = lines.find((l) => l.msg === 'document ready')
    expect(ready?.traceId).toBe(ingestion.traceId)
    const outside = lines.find((l) => l.msg === 'stopped')
    expect(outside?.traceId).toBeUndefined()
  })
})

describe('without an OTLP endpoint', () => {
  it('exports nothing and sends no trace context to providers', async () => {
    const before = { spans: receiver.spans.length, requests: models.requests.length }
    const server = await startTestServer({ env: modelEnv() })
    try {
      const tenant = await createTenant(server)
      const visitor = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
      await ask(visitor, 'Hello there')
      visitor.close()
      expect((await api(server, tenant.secret.key, 'GET', '/v1/documents')).status).toBe(200)
    } finally {
      await server.stop()
    }
    const sent = models.requests.slice(before.requests)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.every((r) => r.headers.traceparent === undefined)).toBe(true)
    expect(receiver.spans.length).toBe(before.spans)
  })
})
