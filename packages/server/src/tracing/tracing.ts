import { type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api'
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { registerInstrumentations } from '@opentelemetry/instrumentation'
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici'
import { resourceFromAttributes } from '@opentelemetry/resources'
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node'
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import type { TracingConfig } from '../config/index.ts'

export interface Tracing {
  /** Where spans come from; a no-op tracer when tracing is off. */
  readonly tracer: Tracer
  readonly enabled: boolean
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>
}

const NAME = '@avataradam/server'

/**
 * OpenTelemetry traces, exported over OTLP/HTTP when an endpoint is configured and off
 * otherwise. Outgoing HTTP (the model, embeddings, Pinecone, Mailgun… through fetch) is traced by
 * the undici instrumentation and carries `traceparent`, so a provider's own traces join ours.
 */
export function createTracing(config: TracingConfig): Tracing {
  if (!config.endpoint) {
    return { tracer: trace.getTracer(NAME), enabled: false, shutdown: async () => {} }
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.endpoint }))],
  })
  // The context manager (AsyncLocalStorage) and the W3C propagator are process-wide; a second
  // registration in the same process (tests start several servers) keeps the first's, which
  // behave the same.
  provider.register()
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [new UndiciInstrumentation()],
  })
  return {
    tracer: provider.getTracer(NAME),
    enabled: true,
    async shutdown() {
      unregister()
      await provider.shutdown()
    },
  }
}

/**
 * Runs `fn` in a new active span, ending it when `fn` settles and recording a failure. Spans
 * started inside (database, outgoing HTTP) become its children.
 */
export function inSpan<T>(
  tracer: Tracer,
  name: string,
  attributes: Record<string, string | number | boolean>,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span)
    } catch (err) {
      span.recordException(err as Error)
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message })
      throw err
    } finally {
      span.end()
    }
  })
}
