import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './support/server.ts'

const INDEX = `<!doctype html><html><head><script type="module" src="/portal/assets/main-AbCd1234.js"></script></head><body></body></html>`
const CHUNK = 'console.log("portal")'

function expectStrictPolicy(headers: Headers) {
  const csp = headers.get('content-security-policy') ?? ''
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toMatch(/script-src[^;]*unsafe/)
  expect(csp).toContain("connect-src 'self'")
  expect(csp).toContain("img-src 'self' data: https:")
  expect(csp).toContain("frame-ancestors 'none'")
  expect(headers.get('x-content-type-options')).toBe('nosniff')
}

describe('the portal at /portal', () => {
  let server: TestServer
  let dist: string

  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'avataradam-portal-'))
    await mkdir(path.join(dist, 'assets'))
    await writeFile(path.join(dist, 'index.html'), INDEX)
    await writeFile(path.join(dist, 'assets', 'main-AbCd1234.js'), CHUNK)
    server = await startTestServer({ parts: { portalDist: dist } })
  })
  afterAll(async () => {
    await server?.stop()
    await rm(dist, { recursive: true, force: true })
  })

  it('serves the app at /portal, uncached, under a strict policy', async () => {
    for (const url of ['/portal', '/portal/']) {
      const res = await fetch(`${server.url}${url}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expectStrictPolicy(res.headers)
      expect(await res.text()).toBe(INDEX)
    }
  })

  it('answers deep links with the app, so the router can show the page', async () => {
    for (const url of [
      '/portal/keys',
      '/portal/reset-password?token=abc.def',
      '/portal/no/such/page',
    ]) {
      const res = await fetch(`${server.url}${url}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expectStrictPolicy(res.headers)
      expect(await res.text()).toBe(INDEX)
    }
  })

  it('caches hashed assets for a year and refuses missing ones with a 404', async () => {
    const res = await fetch(`${server.url}/portal/assets/main-AbCd1234.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await res.text()).toBe(CHUNK)

    const missing = await fetch(`${server.url}/portal/assets/main-Old00000.js`)
    expect(missing.status).toBe(404)
    expect(missing.headers.get('cache-control') ?? '').not.toMatch(/immutable/)
  })

  it('never serves files outside the build', async () => {
    const res = await fetch(`${server.url}/portal/assets/..%2f..%2fetc%2fpasswd`)
    expect(res.status).toBe(404)
  })
})

describe('a server without a built portal', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer({ parts: { portalDist: null } })
  })
  afterAll(() => server?.stop())

  it('says so with a 503 page instead of a bare not-found', async () => {
    const res = await fetch(`${server.url}/portal/keys`)
    expect(res.status).toBe(503)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expectStrictPolicy(res.headers)
    expect(await res.text()).toContain('npm run build')
  })
})
