import { AppError } from '../errors.ts'

/** Why a speech provider failed, as a visitor's client is told (`details.reason`). */
export type SpeechFailure =
  | 'unauthorized'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'bad_response'

const MESSAGES: Record<SpeechFailure, string> = {
  unauthorized: 'The speech service refused our credentials.',
  rate_limited: 'The speech service is busy; try again shortly.',
  unavailable: 'The speech service is unavailable right now.',
  timeout: 'The speech service did not answer in time.',
  bad_response: 'The speech service answered with something unreadable.',
}

/**
 * A speech provider's failure, as the `speech_failed` error a client sees: the reason and the
 * provider in `details`, and `retryAfter` when the provider asked to wait. The provider's own
 * message stays in `cause` (the logs), since it may name an account or a key prefix.
 */
export function speechFailed(
  provider: string,
  reason: SpeechFailure,
  options: { retryAfter?: number | undefined; cause?: unknown } = {},
): AppError {
  return new AppError('speech_failed', MESSAGES[reason], {
    details: { provider, reason },
    ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }),
    cause: options.cause,
  })
}

/** The reason for an HTTP status from a provider. */
export function failureForStatus(status: number | undefined): SpeechFailure {
  if (status === 401 || status === 403) return 'unauthorized'
  if (status === 429) return 'rate_limited'
  if (status === 408) return 'timeout'
  return status !== undefined && status < 500 ? 'bad_response' : 'unavailable'
}

/** Seconds from a Retry-After header (seconds or an HTTP date), if any. */
export function retryAfterSeconds(value: string | null | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000))
}
