import { trace } from '@opentelemetry/api'
import { type Logger, pino } from 'pino'

export type { Logger }

/**
 * JSON logs, one object per line. Anything that could hold a key or a secret is redacted even if
 * a caller logs it by mistake. With tracing on, a line logged inside a span carries its trace and
 * span ids, so a log line leads to its trace.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'avataradam' },
      mixin() {
        const span = trace.getActiveSpan()
        if (!span?.isRecording()) return {}
        const { traceId, spanId } = span.spanContext()
        return { traceId, spanId }
      },
      redact: {
        paths: [
          'key',
          '*.key',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'req.headers.authorization',
          'auth.key',
          '*.auth.key',
          'apiKey',
          '*.apiKey',
          '*.*.apiKey',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  )
}
