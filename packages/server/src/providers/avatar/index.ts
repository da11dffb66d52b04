/** Who a session is minted for. */
export interface AvatarVisitor {
  tenantId: string
  visitorId: string
}

/** A streaming-avatar session minted on the server, for one visitor's browser to start. */
export interface MintedAvatarSession {
  /** Short-lived bearer token for the vendor's session API; safe to hand to that browser. */
  token: string
  sessionId: string
  /** The vendor API the browser talks to with `token`. */
  apiUrl: string
  /** When the session ends at the latest. */
  expiresAt: Date
}

/** A streaming-avatar vendor: mints sessions with the server's (or a dealership's) secret key. */
export interface AvatarProvider {
  readonly provider: 'heygen'
  mintSession(
    visitor: AvatarVisitor,
    options?: { signal?: AbortSignal },
  ): Promise<MintedAvatarSession>
}

export type AvatarFailure =
  | 'unauthorized'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'malformed'

const MARKER = Symbol.for('avataradam.AvatarProviderError')

/**
 * The vendor refused or failed to mint a session. `message` is for the operator's log (it never
 * holds the key); visitors are told only that the video avatar is unavailable.
 */
export class AvatarProviderError extends Error {
  override name = 'AvatarProviderError'
  readonly reason: AvatarFailure
  readonly status: number | undefined
  /** Seconds the vendor asked to wait (its Retry-After), on `rate_limited`. */
  readonly retryAfter: number | undefined
  readonly [MARKER] = true

  constructor(
    reason: AvatarFailure,
    message: string,
    options: { status?: number | undefined; retryAfter?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.reason = reason
    this.status = options.status
    this.retryAfter = options.retryAfter
  }

  static isInstance(value: unknown): value is AvatarProviderError {
    return typeof value === 'object' && value !== null && MARKER in value
  }
}
