/**
 * Two kinds of answer end to end, in a real Chromium on the demo site: one that offers to put the
 * visitor in touch with the team (the built-in answerer's hand-off button), and one whose language
 * model failed midway, so the built-in answerer answered again from the start.
 */
import type { ServerResponse } from 'node:http'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  type ModelRequest,
  startModelServer,
  streamReply,
} from '../../../server/test/support/openai-server.ts'
import type { TestServer } from '../../../server/test/support/server.ts'
import { launchChromium } from '../chromium.mjs'
import { startDemoServer } from './support/demo-server.ts'
import {
  ask,
  handoffButton,
  launcher,
  messageInput,
  recordAnswers,
  transcript,
  waitForAnswer,
  watchPage,
} from './support/widget-page.ts'

let browser: Browser
const servers: TestServer[] = []
const contexts: BrowserContext[] = []
const closing: (() => Promise<void>)[] = []

beforeAll(async () => {
  browser = await launchChromium()
})
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
  for (const server of servers.splice(0)) await server.stop()
  for (const close of closing.splice(0)) await close()
})
afterAll(async () => {
  await browser?.close()
})

async function demo(options: Parameters<typeof startDemoServer>[0] = {}) {
  const server = await startDemoServer(options)
  servers.push(server)
  return server
}

async function visit(server: TestServer): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  const { problems } = await watchPage(page)
  await page.goto(`${server.url}/`)
  await launcher(page).click()
  await expect.poll(() => messageInput(page).isVisible()).toBe(true)
  return { page, problems }
}

/**
 * A model that starts its answer, then, once `cut` resolves, drops the connection mid-answer:
 * what a provider's outage looks like to the server.
 */
function startThenDrop(pieces: string[], cut: Promise<void>) {
  return async (req: ModelRequest, res: ServerResponse) => {
    const chunk = (delta: Record<string, unknown>) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion.chunk',
        created: 1_800_000_000,
        model: req.body.model,
        choices: [{ index: 0, delta, finish_reason: null }],
      })}\n\n`
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.write(chunk({ role: 'assistant', content: '' }))
    for (const piece of pieces) res.write(chunk({ content: piece }))
    await cut
    res.destroy()
  }
}

describe('an answer with a hand-off', () => {
  it('shows the button under it, and the button opens the contact form the team receives', async () => {
    const server = await demo()
    const { page, problems } = await visit(server)
    // Nothing in the demo's documents: the built-in answerer says so and offers the team.
    await ask(page, 'Do you sell boats?')
    const handoff = handoffButton(page)
    await expect.poll(() => handoff.isVisible(), { timeout: 20_000 }).toBe(true)
    expect(await handoff.textContent()).toMatch(/^\s*Connect me with the team\s*$/)
    expect((await transcript(page))[1]!.text).toContain('Would you like me to connect you')

    await handoff.click()
    const form = page.locator('avatar-adam-lead-form')
    const name = form.getByRole('textbox', { name: 'Name' })
    await expect.poll(() => name.isVisible()).toBe(true)
    expect(await form.locator('#lead-reason').textContent()).toBe('Connect me with the team')
    // The form takes the button's place.
    await expect.poll(() => handoff.count()).toBe(0)
    await name.fill('Sam Ortiz')
    await form.getByRole('textbox', { name: 'Phone' }).fill('(555) 010-3344')
    await form.getByRole('checkbox', { name: /agree to be contacted/ }).check()
    await form.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => form.getByRole('status').textContent()).toMatch(/Thanks, Sam Ortiz!/)

    const leads = await server.db.tenant(server.demo!.tenantId, (tx) =>
      tx.query<{ name: string; reason: string; conversation_id: string | null }>(
        'select name, reason, conversation_id from leads',
      ),
    )
    expect(leads).toEqual([
      {
        name: 'Sam Ortiz',
        reason: 'Connect me with the team',
        conversation_id: expect.any(String),
      },
    ])
    expect(problems).toEqual([])
  })
})

describe('an answer whose model fails midway', () => {
  it('shows only the second attempt: the first is replaced, never followed', async () => {
    const models = await startModelServer(streamReply(['Unused.']))
    closing.push(models.close)
    const server = await demo({
      env: {
        LLM_PROVIDER: 'openai-compatible',
        LLM_BASE_URL: models.baseUrl,
        LLM_MODEL: 'dealer-model',
      },
    })
    const { page, problems } = await visit(server)
    let cut = () => {}
    const failing = new Promise<void>((resolve) => {
      cut = resolve
    })
    models.next(startThenDrop(['The first attempt ', 'began like this'], failing))
    const recording = await recordAnswers(page)
    await ask(page, 'What are your sales hours on Saturday?')
    // The first attempt is on screen before the model fails.
    await expect
      .poll(async () => (await transcript(page))[1]?.text, { interval: 20 })
      .toBe('The first attempt began like this')
    cut()

    // The built-in answerer answers from the start, with its sources.
    const lines = await waitForAnswer(page, 1)
    expect(lines).toHaveLength(2)
    expect(lines[1]!.text).toContain('9:00 AM – 6:00 PM')
    expect(lines[1]!.text).not.toContain('first attempt')
    expect(lines[1]!.sources).toContain('Hours and Contact')
    expect((await recording()).mostAnswers).toBe(1)
    const stored = await server.db.query<{ text: string }>(
      `select text from messages where tenant_id = $1 and role = 'assistant'`,
      [server.demo!.tenantId],
    )
    expect(stored).toEqual([{ text: expect.stringContaining('9:00 AM – 6:00 PM') }])
    expect(stored[0]!.text).not.toContain('first attempt')
    expect(problems).toEqual([])
  })
})
