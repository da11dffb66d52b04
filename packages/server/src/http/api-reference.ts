import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Hono } from 'hono'
import type { AppEnv } from './env.ts'

/** swagger-ui-dist's folder: prebuilt, dependency-free assets, served from here, never a CDN. */
const SWAGGER_UI_DIR = path.dirname(
  fileURLToPath(import.meta.resolve('swagger-ui-dist/package.json')),
)

// Served as a file of its own so the page needs no inline script. The URL is relative to
// /v1/reference, so the page also works behind a path prefix; the default validator badge
// would send the document to validator.swagger.io.
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: new URL('openapi.json', window.location.href).href,
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
})
`

const ASSETS: Record<string, { load: () => Promise<Buffer | string>; type: string }> = {
  'swagger-ui.css': {
    load: () => readFile(path.join(SWAGGER_UI_DIR, 'swagger-ui.css')),
    type: 'text/css',
  },
  'swagger-ui-bundle.js': {
    load: () => readFile(path.join(SWAGGER_UI_DIR, 'swagger-ui-bundle.js')),
    type: 'text/javascript',
  },
  'init.js': { load: async () => INIT_SCRIPT, type: 'text/javascript' },
}

// Scripts only from this server, no inline script: the page works under a strict policy.
// Swagger UI sets inline styles and shows data: images, and "Try it out" calls this origin.
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>AvatarAdam API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="reference/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="reference/swagger-ui-bundle.js"></script>
<script src="reference/init.js"></script>
</body>
</html>
`

/**
 * `/v1/reference`: a reference page for the `/v1` API, rendered by Swagger UI from
 * `/v1/openapi.json`, the document generated from the schemas that validate the routes.
 */
export function apiReferenceRoutes() {
  const app = new Hono<AppEnv>()
  app.get('/v1/reference', (c) => {
    c.header('Content-Security-Policy', CSP)
    c.header('Cache-Control', 'no-cache')
    return c.html(PAGE)
  })
  app.get('/v1/reference/:asset', async (c) => {
    const asset = ASSETS[c.req.param('asset')]
    if (!asset) return c.notFound()
    c.header('Content-Type', `${asset.type}; charset=utf-8`)
    c.header('Cache-Control', 'public, max-age=3600')
    c.header('X-Content-Type-Options', 'nosniff')
    const body = await asset.load()
    return c.body(typeof body === 'string' ? body : new Uint8Array(body))
  })
  return app
}
