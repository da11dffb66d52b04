/**
 * The widget in Spanish end to end, in a real Chromium on the demo site: set by the page
 * (`data-locale="es"` on the script tag), and taken from a browser set to Spanish. And the
 * suggested questions it offers by default, in either language, asked of the demo server.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ask as askServer } from '../../../server/test/support/chat.ts'
import {
  connectVisitor,
  type TestServer,
  visitorClient,
} from '../../../server/test/support/server.ts'
import { STRINGS } from '../../src/strings.ts'
import { launchChromium } from '../chromium.mjs'
import { startDemoServer } from './support/demo-server.ts'
import { ask, handoffButton, launcher, messageInput, watchPage } from './support/widget-page.ts'

const DEMO_SITE = fileURLToPath(new URL('../../../../examples/dealership-site/', import.meta.url))
const SCRIPT_TAG = '<script src="/widget/avatar-adam.js"'

let browser: Browser
let server: TestServer
let siteDir: string
const contexts: BrowserContext[] = []

beforeAll(async () => {
  browser = await launchChromium()
  // The demo site and one page more: the dealership's Spanish page, its script tag set to Spanish.
  // (Served by the server, not rewritten by the browser: Chromium lets only a page it fetched
  // from this machine connect to this machine.)
  siteDir = await mkdtemp(path.join(tmpdir(), 'avataradam-site-'))
  await cp(DEMO_SITE, siteDir, { recursive: true })
  const index = await readFile(path.join(siteDir, 'index.html'), 'utf8')
  if (!index.includes(SCRIPT_TAG)) throw new Error('the demo site has no widget script tag')
  await writeFile(
    path.join(siteDir, 'es.html'),
    index.replace(SCRIPT_TAG, `${SCRIPT_TAG} data-locale="es"`),
  )
  server = await startDemoServer({ env: { AVATARADAM_SITE_DIR: siteDir } })
})
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  if (siteDir) await rm(siteDir, { recursive: true, force: true })
})

async function visit(
  options: { locale?: string; path?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext(options.locale ? { locale: options.locale } : {})
  contexts.push(context)
  const page = await context.newPage()
  const { problems } = await watchPage(page)
  // The dealership's settings arrive after the panel opens; what they change must be seen after.
  await page.addInitScript(() => {
    document.addEventListener('avatar-adam-settings', () => {
      ;(globalThis as { settingsArrived?: boolean }).settingsArrived = true
    })
  })
  await page.goto(`${server.url}${options.path ?? '/'}`)
  return { page, problems }
}

/** What a Spanish visitor reads before asking, and the contact form's labels, once it shows. */
async function expectSpanishPanel(page: Page) {
  const widget = page.locator('avatar-adam')
  await expect.poll(() => launcher(page).getAttribute('aria-label')).toBe('Chatear con Adam')
  await launcher(page).click()
  await expect.poll(() => messageInput(page).isVisible()).toBe(true)
  // Nothing switches back to English once the dealership's settings (its defaults) arrive.
  await page.waitForFunction(() => (globalThis as { settingsArrived?: boolean }).settingsArrived)
  await expect.poll(() => widget.locator('[part~="status"]').textContent()).toMatch(/En línea/)
  expect(await messageInput(page).getAttribute('placeholder')).toBe('Escriba su pregunta…')
  expect(await widget.getByRole('button', { name: 'Enviar', exact: true }).count()).toBe(1)
  expect(await widget.getByRole('button', { name: 'Cerrar el chat' }).count()).toBe(1)
  expect(await widget.locator('[part~="message-assistant"]').first().textContent()).toMatch(
    /¡Hola, soy Adam!/,
  )
  expect(await widget.locator('[part~="suggestion"]').first().textContent()).toMatch(
    /¿Cuál es su horario\?/,
  )

  // The contact form, through the hand-off the answer offers (in the question's language).
  await ask(page, '¿Venden barcos?')
  await expect.poll(() => handoffButton(page).isVisible(), { timeout: 20_000 }).toBe(true)
  await handoffButton(page).click()
  const form = page.locator('avatar-adam-lead-form')
  await expect.poll(() => form.getByRole('textbox', { name: 'Nombre' }).isVisible()).toBe(true)
  expect(await form.getByRole('textbox', { name: 'Correo electrónico' }).count()).toBe(1)
  expect(await form.getByRole('textbox', { name: 'Teléfono' }).count()).toBe(1)
  expect(await form.getByRole('textbox', { name: 'Mensaje (opcional)' }).count()).toBe(1)
  expect(await form.getByRole('checkbox', { name: /Acepto que me contacten/ }).count()).toBe(1)
  expect(await form.getByRole('button', { name: 'Enviar' }).count()).toBe(1)
}

describe('a Spanish-speaking visitor', () => {
  it('reads the panel in Spanish on a page that sets data-locale="es"', async () => {
    const { page, problems } = await visit({ path: '/es.html' })
    await expectSpanishPanel(page)
    expect(await page.locator('avatar-adam').getAttribute('locale')).toBe('es')
    expect(problems).toEqual([])
  })

  it('reads it in Spanish when the browser is in Spanish and the dealership offers Spanish', async () => {
    const tenantId = server.demo!.tenantId
    const settings = await server.widgetSettings.get(tenantId)
    await server.widgetSettings.put(tenantId, { ...settings, languages: ['en', 'es'] })
    try {
      const { page, problems } = await visit({ locale: 'es-MX' })
      expect(await page.evaluate(() => navigator.language)).toBe('es-MX')
      await expectSpanishPanel(page)
      // The visitor may still switch: the dealership offers both.
      expect(await page.locator('avatar-adam [part~="language"]').inputValue()).toBe('es')
      expect(problems).toEqual([])
    } finally {
      await server.widgetSettings.put(tenantId, settings)
    }
  })

  it('reads it in Spanish when the browser is in Spanish, though the dealership lists English only', async () => {
    const tenantId = server.demo!.tenantId
    expect((await server.widgetSettings.get(tenantId)).languages).toEqual(['en'])
    const { page, problems } = await visit({ locale: 'es-US' })
    await expectSpanishPanel(page)
    expect(problems).toEqual([])
  })
})

describe('the default suggestions', () => {
  it('are questions the demo documents answer, in English and in Spanish', async () => {
    const origin = new URL(server.url).origin
    for (const language of ['en', 'es']) {
      for (const question of STRINGS[language]!.suggestions) {
        const socket = await connectVisitor(
          visitorClient(server, { key: server.demo!.publishableKey }, { origin }),
        )
        try {
          const { done } = await askServer(socket, question, { timeoutMs: 20_000 })
          // Answered from the documents: with sources, and no offer to ask the team instead.
          expect({ question, cited: done.citations.length > 0, actions: done.actions }).toEqual({
            question,
            cited: true,
            actions: undefined,
          })
          expect(done.language).toBe(language)
        } finally {
          socket.close()
        }
      }
    }
  })
})
