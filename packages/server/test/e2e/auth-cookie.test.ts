/**
 * The refresh cookie in a real browser: Debian's Chromium keeps a Secure, SameSite=Strict cookie
 * set over plain http on loopback (it treats localhost and 127.0.0.1 as secure), sends it back to
 * /v1/auth, and never lets the page's script read it.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { launchChromium } from '../../../widget/test/chromium.mjs'
import { startTestServer, type TestServer } from '../support/server.ts'

let browser: Browser
let server: TestServer

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchChromium(), startTestServer()])
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

for (const host of ['127.0.0.1', 'localhost']) {
  it(`keeps the Secure refresh cookie over http://${host} and refreshes with it`, async () => {
    const origin = `http://${host}:${server.port}`
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(`${origin}/healthz`)
    const result = await page.evaluate(
      async (email) => {
        const post = (path: string, body?: unknown) =>
          fetch(path, {
            method: 'POST',
            headers: body ? { 'content-type': 'application/json' } : {},
            body: body ? JSON.stringify(body) : undefined,
          })
        const signup = await post('/v1/auth/signup', {
          dealershipName: 'Cookie Motors',
          name: 'Casey',
          email,
          password: 'correct horse battery',
        })
        const refresh = await post('/v1/auth/refresh')
        const refreshed = await refresh.json()
        const logout = await post('/v1/auth/logout')
        const after = await post('/v1/auth/refresh')
        return {
          signup: signup.status,
          refresh: refresh.status,
          account: refreshed.account?.email,
          visibleToScript: document.cookie,
          logout: logout.status,
          after: after.status,
        }
      },
      `casey-${crypto.randomUUID().slice(0, 8)}@dealer.example`,
    )
    expect(result).toMatchObject({
      signup: 201,
      refresh: 200,
      visibleToScript: '',
      logout: 204,
      after: 401,
    })
    expect(result.account).toMatch(/^casey-/)
    await context.close()
  })
}
