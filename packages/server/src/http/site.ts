import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { Hono } from 'hono'
import type { AppEnv } from './env.ts'

export interface SiteOptions {
  /** Folder of static files. */
  dir: string
  /** `%NAME%` placeholders filled in HTML pages (given the page's URL), such as the demo's publishable key. */
  variables?: (url: URL) => Record<string, string>
  /** A Content-Security-Policy sent with the HTML pages. */
  contentSecurityPolicy?: string
}

/**
 * Serves a static site at `/`. HTML pages get their `%NAME%` placeholders filled, which is how
 * the demo site carries the demo dealership's publishable key without it being committed.
 */
export function siteRoutes(options: SiteOptions) {
  const app = new Hono<AppEnv>()
  const root = path.resolve(options.dir)

  app.get('/*', async (c, next) => {
    let file: string
    try {
      file = path.join(root, decodeURIComponent(c.req.path))
    } catch {
      return next()
    }
    if (file !== root && !file.startsWith(root + path.sep)) return next()
    if (c.req.path.endsWith('/')) file = path.join(file, 'index.html')
    if (!file.endsWith('.html')) return next()
    let html: string
    try {
      html = await readFile(file, 'utf8')
    } catch {
      return next()
    }
    for (const [name, value] of Object.entries(options.variables?.(new URL(c.req.url)) ?? {})) {
      html = html.replaceAll(`%${name}%`, value)
    }
    if (options.contentSecurityPolicy) {
      c.header('Content-Security-Policy', options.contentSecurityPolicy)
    }
    return c.html(html)
  })
  app.use('/*', serveStatic({ root }))
  return app
}
