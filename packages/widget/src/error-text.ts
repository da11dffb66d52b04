import { isAccessRefusal } from '@avataradam/sdk/protocol'

export const UNAVAILABLE_TEXT = "This assistant isn't available on this site."

/** Whether an error code means the assistant cannot work on this page. */
export const isUnavailable = isAccessRefusal

/** Whether sending the same message again could work. */
export function canRetry(code: string): boolean {
  return !isAccessRefusal(code) && code !== 'message_too_long' && code !== 'invalid_request'
}

/** What a visitor reads when something fails: short, calm, and saying what to do. */
export function errorText(code: string): string {
  if (isAccessRefusal(code)) return UNAVAILABLE_TEXT
  switch (code) {
    case 'message_too_long':
      return 'That message is too long. Please shorten it and send it again.'
    case 'rate_limited':
      return "You're sending messages quickly. Please wait a moment and try again."
    case 'timeout':
    case 'network_error':
    case 'closed':
      return "I couldn't reach the assistant. Check your connection and try again."
    case 'server_shutting_down':
    case 'not_ready':
      return 'The assistant is restarting. Please try again in a moment.'
    default:
      return 'Sorry, something went wrong with that answer. Please try again.'
  }
}

/** The `code` of an SDK error, or of anything else that was thrown. */
export function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : 'internal_error'
}
