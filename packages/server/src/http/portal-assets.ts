import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Context, Hono } from 'hono'
import type { AppEnv } from './env.ts'

/**
 * The portal's policy: its own scripts only, API calls and the staff socket to this server, and
 * avatar pictures from any https site (widget settings point at them). Inline styles are allowed
 * because pages set style attributes (progress bars, colour swatches); inline scripts are not.
 */
export const PORTAL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "connect-src 'self'",
  "media-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** The built portal (`@avataradam/portal`'s dist folder), if this checkout has built it. */
export function findPortalDist(): string | undefined {
  try {
    // The portal is private and a workspace sibling: resolvable in the monorepo, absent from an
    // installed server, which then answers /portal with the "not built" page.
    const pkg = fileURLToPath(import.meta.resolve('@avataradam/portal/package.json'))
    const dist = path.join(path.dirname(pkg), 'dist')
    return existsSync(path.join(dist, 'index.html')) ? dist : undefined
  } catch {
    return undefined
  }
}

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal not built</title></head>
<body><h1>The portal is not built</h1>
<p>This server has no built portal to serve. In the AvatarAdam repository, run
<code>npm run build</code> and restart the server.</p></body></html>`

/**
 * `/portal/*`: the dealership portal, a single-page app. Hashed files under `/portal/assets/` are
 * cached for a year; every other path is a page of the app and gets `index.html`, never cached,
 * so a deploy reaches browsers on their next navigation.
 */
export function portalRoutes(dist: string | undefined) {
  const app = new Hono<AppEnv>()
  app.use('/portal', securityHeaders)
  app.use('/portal/*', securityHeaders)

  if (!dist) {
    const notBuilt = (c: Context<AppEnv>) => {
      c.header('Cache-Control', 'no-store')
      c.header('Retry-After', '60')
      return c.html(NOT_BUILT, 503)
    }
    app.get('/portal', notBuilt)
    app.get('/portal/*', notBuilt)
    return app
  }

  app.use('/portal/assets/*', async (c, next) => {
    await next()
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable')
  })
  app.get(
    '/portal/assets/*',
    serveStatic({ root: dist, rewriteRequestPath: (p) => p.replace(/^\/portal/, '') }),
  )
  // A missing asset is a 404, not the app: a stale page asking for an old chunk must fail loudly.
  app.get('/portal/assets/*', (c) => c.text('Not found', 404))

  const page = async (c: Context<AppEnv>) => {
    // Read per request (it is small): a rebuild replaces it and the hashed files it names.
    const html = await readFile(path.join(dist, 'index.html'), 'utf8')
    c.header('Cache-Control', 'no-cache')
    return c.html(html)
  }
  app.get('/portal', page)
  app.get('/portal/*', page)
  return app
}

async function securityHeaders(c: Context<AppEnv>, next: () => Promise<void>) {
  await next()
  c.header('Content-Security-Policy', PORTAL_CONTENT_SECURITY_POLICY)
  c.header('X-Content-Type-Options', 'nosniff')
  // Reset and invitation links carry their token in the URL: never pass it on.
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Frame-Options', 'DENY')
}
