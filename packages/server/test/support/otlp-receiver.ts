import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A span as OTLP/JSON carries it, flattened with its service name. */
export interface ReceivedSpan {
  service: string
  traceId: string
  spanId: string
  parentSpanId: string
  name: string
  attributes: Record<string, unknown>
  status: { code?: number; message?: string }
}

interface AnyValue {
  stringValue?: string
  intValue?: string | number
  boolValue?: boolean
  doubleValue?: number
}

const value = (v: AnyValue) => v.stringValue ?? v.intValue ?? v.boolValue ?? v.doubleValue

/**
 * A local OTLP/HTTP traces receiver (`POST /v1/traces`, JSON encoding) as a collector such as
 * the OpenTelemetry Collector or Jaeger exposes on port 4318.
 */
export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = []
  const contentTypes: string[] = []
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end()
      return
    }
    contentTypes.push(req.headers['content-type'] ?? '')
    const body = JSON.parse(raw)
    for (const resource of body.resourceSpans ?? []) {
      const service = value(
        resource.resource?.attributes?.find((a: { key: string }) => a.key === 'service.name')
          ?.value ?? {},
      )
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            service: String(service),
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId ?? '',
            name: span.name,
            attributes: Object.fromEntries(
              (span.attributes ?? []).map((a: { key: string; value: AnyValue }) => [
                a.key,
                value(a.value),
              ]),
            ),
            status: span.status ?? {},
          })
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    endpoint: `http://127.0.0.1:${port}`,
    spans,
    contentTypes,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
