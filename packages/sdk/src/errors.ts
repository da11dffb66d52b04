import type { ClientErrorCode, ErrorBody, ErrorCode } from './protocol.ts'

const MARKER = Symbol.for('avataradam.AvatarAdamError')

/**
 * Every error the SDK raises: the server's stable `code` (or a client one such as `timeout`), a
 * human `message`, and `retryAfter` seconds on `rate_limited`.
 *
 * @example
 * ```ts
 * try {
 *   await client.ask('Hi')
 * } catch (err) {
 *   if (AvatarAdamError.isInstance(err) && err.code === 'rate_limited') wait(err.retryAfter)
 * }
 * ```
 */
export class AvatarAdamError extends Error {
  override name = 'AvatarAdamError'
  readonly code: ErrorCode | ClientErrorCode
  readonly details: unknown
  readonly retryAfter: number | undefined
  /** HTTP status, for errors from REST calls. */
  readonly status: number | undefined
  readonly [MARKER] = true

  constructor(
    code: ErrorCode | ClientErrorCode,
    message: string,
    options: { details?: unknown; retryAfter?: number; status?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.code = code
    this.details = options.details
    this.retryAfter = options.retryAfter
    this.status = options.status
  }

  static fromBody(body: ErrorBody, status?: number): AvatarAdamError {
    return new AvatarAdamError(body.code, body.message, {
      details: body.details,
      ...(body.retryAfter !== undefined ? { retryAfter: body.retryAfter } : {}),
      ...(status !== undefined ? { status } : {}),
    })
  }

  /** True for an AvatarAdamError, even one from another copy of the SDK (such as the widget's). */
  static isInstance(value: unknown): value is AvatarAdamError {
    return typeof value === 'object' && value !== null && MARKER in value
  }
}
