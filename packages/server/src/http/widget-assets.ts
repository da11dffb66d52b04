import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from './env.ts'

/** The built widget (`@avataradam/widget`'s dist folder), if it is installed and built. */
export function findWidgetDist(): string | undefined {
  try {
    const pkg = fileURLToPath(import.meta.resolve('@avataradam/widget/package.json'))
    const dist = path.join(path.dirname(pkg), 'dist')
    return existsSync(path.join(dist, 'avatar-adam.js')) ? dist : undefined
  } catch {
    return undefined
  }
}

/**
 * `/widget/*`: the script a dealership's pages load. Served to any origin: the loader imports the
 * panel as a module, and module scripts are fetched with CORS even when same-site.
 */
export function widgetRoutes(dist: string) {
  const app = new Hono<AppEnv>()
  app.use('/widget/*', async (c, next) => {
    await next()
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cross-Origin-Resource-Policy', 'cross-origin')
    // Hashed chunk names never change content; the entry files are revalidated.
    c.header(
      'Cache-Control',
      /-[A-Za-z0-9_-]{8,}\.js$/.test(c.req.path)
        ? 'public, max-age=31536000, immutable'
        : 'public, max-age=300',
    )
  })
  app.use(
    '/widget/*',
    serveStatic({ root: dist, rewriteRequestPath: (p) => p.replace(/^\/widget/, '') }),
  )
  return app
}
