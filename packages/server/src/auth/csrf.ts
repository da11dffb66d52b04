import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'

export interface PortalOrigins {
  /** PUBLIC_URL: links in emails point there when set. */
  publicUrl: string | undefined
  /** PORTAL_ORIGINS: other origins the portal is served from. */
  portalOrigins: readonly string[]
  trustProxyHops: number
}

/** The origin this request reached the server at, as the browser sees it. */
function ownOrigin(c: Context, trustProxyHops: number): string {
  const url = new URL(c.req.url)
  const proto =
    trustProxyHops > 0 ? c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() : undefined
  return proto === 'https' || proto === 'http' ? `${proto}://${url.host}` : url.origin
}

function allowedOrigins(c: Context, options: PortalOrigins): string[] {
  return [
    ownOrigin(c, options.trustProxyHops),
    ...(options.publicUrl ? [new URL(options.publicUrl).origin] : []),
    ...options.portalOrigins,
  ]
}

/**
 * CSRF defence for `/v1/auth`, beside the SameSite=Strict cookie: a state-changing request that
 * carries a browser Origin must come from the portal's own origin (or PUBLIC_URL, or one of
 * PORTAL_ORIGINS). The cookie-authenticated ones (refresh, logout) must also prove they come from
 * the portal: an Origin as above, or `Sec-Fetch-Site: same-origin`. Clients that are not browsers
 * send no Origin and carry no ambient cookie, so they have nothing to forge.
 */
export function originCheck(
  options: PortalOrigins & { cookieAuthenticated: (path: string) => boolean },
) {
  return createMiddleware<AppEnv>(async function originCheck(c, next) {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') {
      return next()
    }
    const origin = c.req.header('origin')
    if (origin !== undefined) {
      if (!allowedOrigins(c, options).includes(origin)) {
        throw new AppError(
          'origin_not_allowed',
          `Requests to /v1/auth are accepted from the portal's own origin, not ${origin}.`,
        )
      }
    } else if (
      options.cookieAuthenticated(c.req.path) &&
      c.req.header('sec-fetch-site') !== 'same-origin'
    ) {
      throw new AppError(
        'origin_required',
        'Send this from the portal: the request carries no Origin.',
      )
    }
    await next()
  })
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * Where links in emails point: PUBLIC_URL when set, else a configured portal origin the request
 * came from. The Host header alone is trusted only on loopback (`npm start`): anyone can send a
 * forged Host, and a reset link pointing at their server would hand them the token.
 */
export function linkOrigin(c: Context, options: PortalOrigins): string {
  if (options.publicUrl) return new URL(options.publicUrl).origin
  const origin = c.req.header('origin')
  if (origin && options.portalOrigins.includes(origin)) return origin
  const own = ownOrigin(c, options.trustProxyHops)
  if (LOOPBACK.has(new URL(own).hostname)) return own
  throw new AppError(
    'not_configured',
    'Emailed links need to know where the portal is: set PUBLIC_URL (or PORTAL_ORIGINS) on the server.',
  )
}
