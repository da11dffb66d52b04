import { isAccessRefusal } from '@avataradam/sdk/protocol'
import { STRINGS, type Strings } from './strings.ts'

export const UNAVAILABLE_TEXT = STRINGS.en!.errors.unavailable

/** Whether an error code means the assistant cannot work on this page. */
export const isUnavailable = isAccessRefusal

/** Whether sending the same message again could work. */
export function canRetry(code: string): boolean {
  return !isAccessRefusal(code) && code !== 'message_too_long' && code !== 'invalid_request'
}

/** What a visitor reads when something fails: short, calm, and saying what to do. */
export function errorText(code: string, strings: Strings = STRINGS.en!): string {
  const e = strings.errors
  if (isAccessRefusal(code)) return e.unavailable
  switch (code) {
    case 'message_too_long':
      return e.tooLong
    case 'rate_limited':
      return e.rateLimited
    case 'timeout':
    case 'network_error':
    case 'closed':
      return e.network
    case 'server_shutting_down':
    case 'not_ready':
      return e.restarting
    default:
      return e.other
  }
}

/** The `code` of an SDK error, or of anything else that was thrown. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'internal_error'
}
