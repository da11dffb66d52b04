import { type Logger, pino } from 'pino'

export type { Logger }

/**
 * JSON logs, one object per line. Anything that could hold a key or a secret is redacted even if
 * a caller logs it by mistake.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'avataradam' },
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
