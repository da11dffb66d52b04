import type { ErrorBody } from '@avataradam/sdk/protocol'

/** An error the server answered with (`{ error: { code, message } }`), or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError'
  readonly code: ErrorBody['code'] | 'network_error'
  readonly status: number
  /** Machine-readable detail, such as `{ issues: [{ path, message }] }` for invalid fields. */
  readonly details?: unknown
  /** Seconds to wait before trying again (`rate_limited`). */
  readonly retryAfter?: number

  // Fields spelled out rather than parameter properties: the repo compiles with erasableSyntaxOnly.
  constructor(
    code: ErrorBody['code'] | 'network_error',
    message: string,
    status: number,
    details?: unknown,
    retryAfter?: number,
  ) {
    super(message)
    this.code = code
    this.status = status
    this.details = details
    this.retryAfter = retryAfter
  }
}

/**
 * What every portal page talks to the server through: `/v1` calls with the signed-in member's
 * access token (kept in memory, refreshed through the httpOnly cookie when it runs out).
 */
export interface PortalApi {
  /** `path` is relative to `/v1`, such as `/keys`. Resolves with the parsed JSON (undefined on 204). */
  request<T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<T>
  /** A multipart upload with byte progress (0..1). */
  upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void): Promise<T>
  /** The current access token, refreshed if needed (for the staff socket's handshake). */
  accessToken(): Promise<string>
}

/**
 * One page of the portal. The shell renders `<tag>` with `.api` (PortalApi) and `.account`
 * (the signed-in Account) set, once `load()` has defined the element.
 */
export interface PortalRoute {
  /** Under `/portal`, such as `/knowledge`. */
  path: string
  /** The nav label and document title. */
  title: string
  tag: string
  /** Hidden from members whose role lacks it. */
  permission?: import('@avataradam/sdk/protocol').Permission
  load: () => Promise<unknown>
}
