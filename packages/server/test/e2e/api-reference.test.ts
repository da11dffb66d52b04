/** The API reference page, rendered by Debian's Chromium from the live OpenAPI document. */
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

it('lists the /v1 operations without a console error or a request off this server', async () => {
  const page = await browser.newPage()
  const problems: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text())
  })
  page.on('pageerror', (err) => problems.push(err.message))
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`)
  })
  page.on('request', (req) => {
    if (!req.url().startsWith(server.url)) problems.push(`off-server request: ${req.url()}`)
  })
  await page.goto(`${server.url}/v1/reference`)
  await page.locator('.opblock-summary-path', { hasText: '/v1/documents' }).first().waitFor()
  const paths = await page.locator('.opblock-summary-path').allTextContents()
  expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(
    expect.arrayContaining(['/v1/documents', '/v1/keys', '/v1/conversations', '/v1/search']),
  )
  expect(problems).toEqual([])
  await page.close()
})
