import type { ErrorBody } from '@avataradam/sdk/protocol'

/** An error the server answered with (`{ error: { code, message } }`), or a network failure. */
export class ApiError extends Error {
  override name = 'ApiError'
  constructor(
    readonly code: ErrorBody['code'] | 'network_error',
    message: string,
    readonly status: number,
    readonly details?: unknown,
    readonly retryAfter?: number,
  ) {
    super(message)
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
