import type { ErrorBody, ErrorCode } from '@avataradam/sdk/protocol'

/** The HTTP status each stable error code maps to. */
const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  unknown_event: 400,
  message_too_long: 400,
  not_found: 404,
  conversation_not_found: 404,
  payload_too_large: 413,
  unsupported_document_type: 415,
  document_unreadable: 422,
  ingestion_failed: 500,
  unauthorized: 401,
  invalid_key: 401,
  key_revoked: 401,
  key_expired: 401,
  wrong_key_type: 403,
  origin_required: 403,
  origin_not_allowed: 403,
  rate_limited: 429,
  quota_exceeded: 403,
  server_shutting_down: 503,
  not_ready: 503,
  not_configured: 501,
  avatar_unavailable: 502,
  speech_too_large: 413,
  speech_too_long: 413,
  speech_streams_exceeded: 429,
  speech_stream_not_found: 404,
  speech_unsupported_format: 415,
  speech_failed: 502,
  invalid_credentials: 401,
  totp_required: 401,
  invalid_totp: 401,
  invalid_token: 401,
  token_expired: 401,
  refresh_reused: 401,
  forbidden: 403,
  email_taken: 409,
  weak_password: 400,
  invitation_invalid: 400,
  conflict: 409,
  internal_error: 500,
}

const MARKER = Symbol.for('avataradam.AppError')

/**
 * An error a client may see: a stable code, a human message, optional details.
 * Thrown anywhere; turned into a response (REST) or an ack/`chat:error` (socket) at the edge.
 *
 * @example
 * ```ts
 * throw new AppError('not_found', 'No document with that id')
 * ```
 */
export class AppError extends Error {
  override name = 'AppError'
  readonly code: ErrorCode
  readonly details: unknown
  readonly retryAfter: number | undefined
  readonly [MARKER] = true

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: unknown; retryAfter?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.details = options.details
    this.retryAfter = options.retryAfter
  }

  get status(): number {
    return STATUS[this.code]
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.message }
    if (this.details !== undefined) body.details = this.details
    if (this.retryAfter !== undefined) body.retryAfter = this.retryAfter
    return body
  }

  /** True for an AppError, even one from a second copy of this module. */
  static isInstance(value: unknown): value is AppError {
    return typeof value === 'object' && value !== null && MARKER in value
  }
}

/** The body of an error that must not leak internals: anything that is not an AppError. */
export function toErrorBody(err: unknown): ErrorBody {
  return AppError.isInstance(err)
    ? err.toBody()
    : { code: 'internal_error', message: 'Something went wrong on our side. Please try again.' }
}
