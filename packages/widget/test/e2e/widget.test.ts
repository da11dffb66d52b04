/**
 * The widget end to end: Debian's Chromium, driven by playwright-core, against a live server in
 * demo mode serving the example dealership site (under its strict CSP) and the built widget.
 */
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { TestServer } from '../../../server/test/support/server.ts'
import { launchChromium } from '../chromium.mjs'
import { pacedAnswerer, startDemoServer } from './support/demo-server.ts'
import {
  ask,
  launcher,
  messageInput,
  recordAnswers,
  transcript,
  waitForAnswer,
  watchPage,
} from './support/widget-page.ts'

const QUESTION = 'What are your sales hours on Saturday?'
/** The demo documents' sales hours on Saturday, in whatever sentence the answer puts them. */
const SATURDAY_HOURS = '9:00 AM – 6:00 PM'

let browser: Browser
const servers: TestServer[] = []
const contexts: BrowserContext[] = []

beforeAll(async () => {
  browser = await launchChromium()
})
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
  for (const server of servers.splice(0).reverse()) await server.stop()
})
afterAll(async () => {
  await browser?.close()
})

async function demo(options: Parameters<typeof startDemoServer>[0] = {}) {
  const server = await startDemoServer({ answerer: pacedAnswerer(15), ...options })
  servers.push(server)
  return server
}

async function visit(server: TestServer, path = '/'): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  const { problems } = await watchPage(page)
  const response = await page.goto(`${server.url}${path}`)
  expect(response?.status()).toBe(200)
  return { page, problems }
}

describe('a visitor on the demo dealership site', () => {
  it('asks a question and watches a cited answer stream in, under the strict CSP', async () => {
    // The answer is one short sentence: a word every 50 ms lets even a busy machine's browser
    // paint it growing.
    const server = await demo({ answerer: pacedAnswerer(50) })
    const { page, problems } = await visit(server)
    await launcher(page).click()
    await expect.poll(() => messageInput(page).isVisible()).toBe(true)
    const recording = await recordAnswers(page)
    await ask(page, QUESTION)
    const lines = await waitForAnswer(page, 1)

    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ role: 'visitor', text: QUESTION })
    expect(lines[1]!.role).toBe('assistant')
    expect(lines[1]!.text).toContain(SATURDAY_HOURS)
    expect(lines[1]!.sources).toContain('Hours and Contact')
    // Streamed: the visitor saw the answer grow in steps (two partial states at least) before it
    // was complete.
    const { lengths, mostAnswers } = await recording()
    expect(lengths.length).toBeGreaterThan(2)
    expect(lengths[0]).toBeLessThan(lengths.at(-1)!)
    expect(mostAnswers).toBe(1)
    expect(problems).toEqual([])
  })

  it('serves the site with a strict Content-Security-Policy the widget lives within', async () => {
    const server = await demo()
    const response = await fetch(`${server.url}/`)
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("style-src 'self'")
    expect(policy).not.toContain('unsafe-inline')
    expect(policy).not.toContain('unsafe-eval')
  })

  it('keeps the conversation across a reload and across pages of the site', async () => {
    const server = await demo()
    const { page, problems } = await visit(server)
    await launcher(page).click()
    await ask(page, QUESTION)
    const before = await waitForAnswer(page, 1)

    await page.reload()
    await launcher(page).click()
    await expect.poll(() => transcript(page), { timeout: 10_000 }).toEqual(before)

    // Another page of the same site: a vehicle page, whose vehicle goes with the conversation.
    await page.goto(`${server.url}/inventory/A24101.html`)
    await launcher(page).click()
    await expect.poll(() => transcript(page), { timeout: 10_000 }).toEqual(before)
    await ask(page, 'How many miles does it have?')
    const after = await waitForAnswer(page, 2)
    expect(after.slice(0, 2)).toEqual(before)

    expect(after[3]!.text).toContain('31,200')
    expect(problems).toEqual([])
  })

  it('recovers an answer cut off by a server restart, with nothing lost or repeated', async () => {
    // Slow words and a short shutdown deadline: the restart lands in the middle of the answer.
    const env = { SHUTDOWN_TIMEOUT_MS: '50' }
    const first = await demo({ answerer: pacedAnswerer(120), env })
    const { page, problems } = await visit(first)
    await launcher(page).click()
    const recording = await recordAnswers(page)
    await ask(page, QUESTION)
    // Part of the answer is on screen, not all of it.
    await expect
      .poll(async () => (await transcript(page))[1]?.text.length ?? 0, { interval: 20 })
      .toBeGreaterThan(0)
    const partial = await transcript(page)
    expect(partial[1]!.sources).toEqual([])
    await first.close()

    const second = await demo({ dataDir: first.dataDir, port: first.port, env })
    const lines = await waitForAnswer(page, 1)

    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatchObject({ role: 'visitor', text: QUESTION })
    expect(lines[1]!.text).toContain(SATURDAY_HOURS)
    expect(lines[1]!.text.length).toBeGreaterThan(partial[1]!.text.length)
    expect(lines[1]!.sources).toContain('Hours and Contact')
    // Never two answers on screen, not even for a frame while the answer was asked again.
    expect((await recording()).mostAnswers).toBe(1)

    // The server holds the same two messages, once each.
    const stored = await second.db.query<{ role: string; text: string }>(
      'select role, text from messages where tenant_id = $1 order by created_at',
      [second.demo!.tenantId],
    )
    expect(stored.map((m) => m.role)).toEqual(['visitor', 'assistant'])
    expect(stored[1]!.text.replace(/\s+/g, ' ').trim()).toContain(SATURDAY_HOURS)
    // Only the dropped connection itself may be reported while the server was away.
    expect(problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED/.test(p))).toEqual([])
  })

  it('works with the keyboard alone: reach the launcher, ask, close, and focus returns', async () => {
    const server = await demo()
    const { page } = await visit(server)
    const focusIsOn = () =>
      page.evaluate(() => {
        let active = document.activeElement
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
        return active ? (active.getAttribute('aria-label') ?? active.getAttribute('part')) : null
      })
    let reached = false
    for (let presses = 0; presses < 30 && !reached; presses++) {
      await page.keyboard.press('Tab')
      reached = /^Chat with /.test((await focusIsOn()) ?? '')
    }
    expect(reached).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(focusIsOn).toBe('input')
    await page.keyboard.type(QUESTION)
    await page.keyboard.press('Enter')
    const lines = await waitForAnswer(page, 1)
    expect(lines[1]!.text).toContain('Saturday')
    await page.keyboard.press('Escape')
    await expect.poll(() => messageInput(page).isVisible()).toBe(false)
    expect(await focusIsOn()).toMatch(/^Chat with /)
  })

  it('fills the screen on a phone, and answers there too', async () => {
    const server = await demo()
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${server.url}/`)
    await launcher(page).tap()
    const panel = page.locator('avatar-adam').locator('[part~="panel"]')
    await panel.waitFor()
    await expect.poll(() => panel.boundingBox()).toEqual({ x: 0, y: 0, width: 375, height: 740 })
    await ask(page, QUESTION)
    const lines = await waitForAnswer(page, 1)
    expect(lines[1]!.text).toContain(SATURDAY_HOURS)
  })

  it('has no serious or critical accessibility violations (axe-core), closed and open', async () => {
    const server = await demo()
    const { page } = await visit(server)
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core'), 'utf8')
    // Evaluated through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource)
    const scan = () =>
      page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: typeof import('axe-core') }).axe
        const result = await axe.run(document, {
          runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
        })
        return result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
      })
    await launcher(page).waitFor()
    expect(await scan()).toEqual([])
    await launcher(page).click()
    await ask(page, QUESTION)
    await waitForAnswer(page, 1)
    expect(await scan()).toEqual([])
  })
})
