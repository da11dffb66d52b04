import type { Account, AuthSession, ErrorResponse } from '@avataradam/sdk/protocol'
import { ApiError, type PortalApi } from './api.ts'

/** Why a session ended, so the sign-in page can say so. */
export type SignOutReason = 'signed_out' | 'expired' | 'reused'

export interface PortalApiOptions {
  /** Where `/v1` lives; the page's own origin by default. */
  baseUrl?: string
  fetch?: typeof globalThis.fetch
  /** Called whenever a session ends: the member signed out, or the server refused the session. */
  onSignedOut?: (reason: SignOutReason) => void
}

/** The portal's API: {@link PortalApi} plus the session it carries. */
export interface PortalClient extends PortalApi {
  /** Starts a session from what sign-in, sign-up or accepting an invitation returned. */
  startSession(session: AuthSession): Account
  /** Tries the refresh cookie; the account when a session was still alive, null otherwise. */
  restore(): Promise<Account | null>
  /** Ends the session here and on the server (the refresh cookie's family is revoked). */
  signOut(): Promise<void>
  readonly account: Account | null
}

/**
 * A hint (no secret: only "this browser had a session") that spares visitors who never signed in
 * a refresh call the server can only refuse.
 */
const SESSION_HINT = 'avataradam.portal.hadSession'

function hint(on?: boolean): boolean {
  try {
    if (on === true) localStorage.setItem(SESSION_HINT, '1')
    else if (on === false) localStorage.removeItem(SESSION_HINT)
    return localStorage.getItem(SESSION_HINT) === '1'
  } catch {
    return true
  }
}

/** Refresh this long before the token runs out, so a request never leaves with a dying one. */
const EARLY_REFRESH_MS = 30_000

/** Auth routes are public (or cookie-authenticated): they never carry the access token. */
const isAuthPath = (path: string) => path.startsWith('/auth/')

/** Turns a failed response into an ApiError, whatever its body turns out to be. */
export function errorFrom(status: number, text: string, retryAfterHeader: string | null): ApiError {
  let body: Partial<ErrorResponse> | undefined
  try {
    body = JSON.parse(text) as Partial<ErrorResponse>
  } catch {}
  const retryHeader = retryAfterHeader ? Number(retryAfterHeader) : undefined
  const err = body?.error
  if (err && typeof err.code === 'string') {
    return new ApiError(
      err.code,
      err.message ?? 'The server refused the request.',
      status,
      err.details,
      err.retryAfter ?? retryHeader,
    )
  }
  return new ApiError(
    status === 503 ? 'not_ready' : 'internal_error',
    `The server answered ${status}.`,
    status,
    undefined,
    retryHeader,
  )
}

/**
 * The portal's `/v1` client. The access token lives in this closure only (never in
 * localStorage or sessionStorage, where any injected script could read it); the refresh token
 * is an httpOnly cookie the browser sends to `/v1/auth` by itself.
 *
 * @example
 * const api = createPortalApi({ onSignedOut: () => shell.showSignIn() })
 * if (await api.restore()) await api.request('GET', '/keys')
 */
export function createPortalApi(options: PortalApiOptions = {}): PortalClient {
  const baseUrl = options.baseUrl ?? ''
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  let token: string | null = null
  let expiresAt = 0
  let account: Account | null = null
  // Parallel calls that find the token stale share one refresh: a second refresh would present
  // an already-rotated cookie, which the server treats as theft and revokes the whole family.
  let refreshing: Promise<string> | null = null

  function adopt(session: AuthSession): Account {
    token = session.accessToken
    expiresAt = Date.parse(session.accessTokenExpiresAt) || Date.now() + 5 * 60_000
    account = session.account
    hint(true)
    return session.account
  }

  function end(reason: SignOutReason): void {
    const hadSession = token !== null || account !== null
    token = null
    expiresAt = 0
    account = null
    hint(false)
    if (hadSession) options.onSignedOut?.(reason)
  }

  async function send(method: string, path: string, body: unknown, bearer: string | null) {
    const headers: Record<string, string> = { accept: 'application/json' }
    if (bearer) headers.authorization = `Bearer ${bearer}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    try {
      return await doFetch(`${baseUrl}/v1${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: 'same-origin',
      })
    } catch {
      throw new ApiError('network_error', 'Could not reach the server. Check your connection.', 0)
    }
  }

  async function parse<T>(res: Response): Promise<T> {
    const text = await res.text()
    if (!res.ok) throw errorFrom(res.status, text, res.headers.get('retry-after'))
    return (text ? JSON.parse(text) : undefined) as T
  }

  /**
   * Refreshes one tab at a time. The refresh token rotates on every use and a used one is taken
   * for a stolen one (its whole session is revoked), so two tabs refreshing with the same cookie
   * at once would sign each other out. Under the lock each tab sends the cookie the previous one
   * left. Where Web Locks are missing (an insecure origin), tabs take their chance.
   */
  function oneTabAtATime<T>(task: () => Promise<T>): Promise<T> {
    const locks = globalThis.navigator?.locks
    return locks ? locks.request('avataradam-portal-refresh', task) : task()
  }

  function refresh(): Promise<string> {
    refreshing ??= (async () => {
      try {
        const session = await oneTabAtATime(async () =>
          parse<AuthSession>(await send('POST', '/auth/refresh', undefined, null)),
        )
        adopt(session)
        return session.accessToken
      } catch (err) {
        if (err instanceof ApiError && err.status !== 0 && err.status < 500) {
          end(err.code === 'refresh_reused' ? 'reused' : 'expired')
        }
        throw err
      } finally {
        refreshing = null
      }
    })()
    return refreshing
  }

  async function accessToken(): Promise<string> {
    if (token && Date.now() < expiresAt - EARLY_REFRESH_MS) return token
    return refresh()
  }

  /** Runs a call with the token; on `token_expired` refreshes and runs it once more. */
  async function authorized<T>(call: (bearer: string) => Promise<T>): Promise<T> {
    try {
      return await call(await accessToken())
    } catch (err) {
      if (!(err instanceof ApiError)) throw err
      if (err.code === 'token_expired') {
        token = null
        return call(await refresh())
      }
      if (err.code === 'invalid_token' || err.code === 'refresh_reused') {
        end(err.code === 'refresh_reused' ? 'reused' : 'expired')
      }
      throw err
    }
  }

  function xhrUpload<T>(
    path: string,
    form: FormData,
    bearer: string,
    onProgress?: (fraction: number) => void,
  ): Promise<T> {
    // fetch() reports no upload progress; XMLHttpRequest does.
    return new Promise<T>((resolve, reject) => {
      const xhr = new XMLHttpRequest()
      xhr.open('POST', `${baseUrl}/v1${path}`)
      xhr.setRequestHeader('authorization', `Bearer ${bearer}`)
      xhr.setRequestHeader('accept', 'application/json')
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total)
      }
      xhr.onload = () => {
        if (xhr.status >= 200 && xhr.status < 300) {
          onProgress?.(1)
          try {
            resolve((xhr.responseText ? JSON.parse(xhr.responseText) : undefined) as T)
          } catch {
            reject(new ApiError('internal_error', 'The server sent an unreadable answer.', 200))
          }
        } else {
          reject(errorFrom(xhr.status, xhr.responseText, xhr.getResponseHeader('retry-after')))
        }
      }
      xhr.onerror = () =>
        reject(new ApiError('network_error', 'The upload was interrupted. Try again.', 0))
      xhr.send(form)
    })
  }

  return {
    get account() {
      return account
    },
    startSession: adopt,
    async restore() {
      if (!hint()) return null
      try {
        await refresh()
        return account
      } catch {
        return null
      }
    },
    async signOut() {
      try {
        await parse(await send('POST', '/auth/logout', undefined, null))
      } catch {
        // The session is ended here regardless; the cookie expires on its own.
      }
      end('signed_out')
    },
    accessToken,
    async request<T>(
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      body?: unknown,
    ): Promise<T> {
      if (isAuthPath(path)) return parse<T>(await send(method, path, body, null))
      return authorized(async (bearer) => parse<T>(await send(method, path, body, bearer)))
    },
    upload<T>(path: string, form: FormData, onProgress?: (fraction: number) => void) {
      return authorized((bearer) => xhrUpload<T>(path, form, bearer, onProgress))
    },
  }
}
