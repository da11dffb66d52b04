/**
 * A lead end to end: a real Chromium on the demo site, the server's language model a local
 * OpenAI-compatible server that calls `start_lead_capture`, the widget's form, and the stored lead.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startModelServer,
  streamReply,
  toolCallReply,
} from '../../../server/test/support/openai-server.ts'
import { api, type TestServer } from '../../../server/test/support/server.ts'
import { launchChromium } from '../chromium.mjs'
import { startDemoServer } from './support/demo-server.ts'
import { ask, launcher, messageInput, waitForAnswer, watchPage } from './support/widget-page.ts'

let browser: Browser
let models: Awaited<ReturnType<typeof startModelServer>>
let server: TestServer

beforeAll(async () => {
  browser = await launchChromium()
  models = await startModelServer(streamReply(['Happy to help.']))
  server = await startDemoServer({
    env: {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: models.baseUrl,
      LLM_MODEL: 'dealer-model',
    },
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await models?.close()
})

describe('a visitor who wants a test drive', () => {
  it('gets a contact form from the assistant, sends it, and the dealership has the lead', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    const { problems } = await watchPage(page)
    await page.goto(`${server.url}/`)
    await launcher(page).click()
    await expect.poll(() => messageInput(page).isVisible()).toBe(true)
    models.next(
      toolCallReply([
        {
          id: 'call_lead',
          name: 'start_lead_capture',
          arguments: JSON.stringify({
            reason: 'Test drive of the 2021 Toyota RAV4',
            vehicle: { name: '2021 Toyota RAV4 XLE' },
            name: 'Dana',
          }),
        },
      ]),
      // Cites a passage: waitForAnswer waits for an answer's sources.
      streamReply(['Happy to set that up [1]. ', 'Please fill in the form below.']),
    )
    await ask(page, 'Can I test drive the RAV4 on Saturday?')
    const lines = await waitForAnswer(page, 1)
    expect(lines.at(-1)!.text).toBe('Happy to set that up [1]. Please fill in the form below.')

    const form = page.locator('avatar-adam-lead-form')
    const name = form.getByRole('textbox', { name: 'Name' })
    await expect.poll(() => name.isVisible()).toBe(true)
    expect(await name.inputValue()).toBe('Dana')
    await expect
      .poll(() => form.getByText('Test drive of the 2021 Toyota RAV4').isVisible())
      .toBe(true)
    await name.fill('Dana Reyes')
    await form.getByRole('textbox', { name: 'Email' }).fill('dana@example.com')
    // Keyboard only: Space ticks the consent box, Enter in a field sends the form.
    await form.getByRole('checkbox', { name: /agree to be contacted/ }).focus()
    await page.keyboard.press('Space')
    await form.getByRole('textbox', { name: 'Email' }).press('Enter')

    const thanks = form.getByRole('status')
    await expect.poll(() => thanks.textContent()).toMatch(/Thanks, Dana Reyes!/)
    const leads = await server.db.tenant(server.demo!.tenantId, (tx) =>
      tx.query<{ name: string; email: string; reason: string; conversation_id: string }>(
        'select name, email, reason, conversation_id from leads',
      ),
    )
    expect(leads).toEqual([
      {
        name: 'Dana Reyes',
        email: 'dana@example.com',
        reason: 'Test drive of the 2021 Toyota RAV4',
        conversation_id: expect.any(String),
      },
    ])
    if (server.demo!.secretKey) {
      const listed = await api(server, server.demo!.secretKey, 'GET', '/v1/leads')
      expect(listed.body.leads[0].name).toBe('Dana Reyes')
    }
    // Within the site's strict Content-Security-Policy, without a page error.
    expect(problems).toEqual([])
    await context.close()
  })
})
