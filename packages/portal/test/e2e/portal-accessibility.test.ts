/**
 * The portal for people who do not use a mouse, who use a phone, or who use assistive technology
 * (issue 4: "works with keyboard only, usable on a phone, clear empty states and errors"), in
 * Debian's Chromium against the embedded demo server:
 *
 * 1. a dealership signs up and does its first hour's work with the keyboard alone;
 * 2. axe-core finds no serious or critical problem on any page, wide or phone-sized;
 * 3. on a phone nothing scrolls sideways and the navigation is a drawer that Escape closes;
 * 4. a new dealership sees empty states, and a failing request says so with a way to retry.
 *
 * The tests share one server and run in order: the first leaves a signed-in page with a document,
 * a conversation and a revoked key, which the next two look at.
 */
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, FileChooser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TestServer } from '../../../server/test/support/server.ts'
import { launchChromium } from '../../../widget/test/chromium.mjs'
import { startDemoServer } from '../../../widget/test/e2e/support/demo-server.ts'
import {
  launcher,
  messageInput,
  waitForAnswer,
  watchPage,
} from '../../../widget/test/e2e/support/widget-page.ts'

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const WIDE = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
const GREETING = 'Hello from Lakeside Autos! Ask me about our service hours.'
const DOCUMENT = `# Service hours at Lakeside Autos

The Lakeside Autos service department is open from 7am to 6pm on weekdays and from 8am to noon
on Saturdays. Oil changes take about forty minutes.
`

let browser: Browser
let server: TestServer
/** The keyboard journey's signed-in page (one page: the refresh token rotates per session). */
let member: { context: BrowserContext; page: Page; conversationId: string } | undefined

beforeAll(async () => {
  ;[browser, server] = await Promise.all([launchChromium(), startDemoServer()])
}, 120_000)
afterAll(async () => {
  await member?.context.close()
  await browser?.close()
  await server?.stop()
})

/** The element that really has focus (inside shadow roots), as a keyboard user meets it. */
interface Focused {
  tag: string
  name: string
  /** Whether anything draws the focus: an outline or a box shadow. */
  visible: boolean
  inDialog: boolean
  style?: string
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    if (!el || el === document.body)
      return { tag: 'body', name: '', visible: false, inDialog: false }
    const root = el.getRootNode() as Document | ShadowRoot
    const text = (node: Element | null | undefined) => node?.textContent ?? ''
    const labelledBy = el.getAttribute('aria-labelledby')
    const labels = (el as HTMLInputElement).labels
    const name =
      el.getAttribute('aria-label') ||
      (labelledBy
        ? labelledBy
            .split(/\s+/)
            .map((id) => text(root.getElementById(id)))
            .join(' ')
        : '') ||
      (labels?.length ? [...labels].map(text).join(' ') : '') ||
      text(el)
    const style = getComputedStyle(el)
    const outline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0
    return {
      tag: el.tagName.toLowerCase(),
      name: name.replace(/\s+/g, ' ').trim(),
      visible: outline || style.boxShadow !== 'none',
      inDialog: !!el.closest('dialog'),
      style: `outline ${style.outlineStyle} ${style.outlineWidth}, shadow ${style.boxShadow} ${el.matches(':focus')} ${el.matches(':focus-within')} ${document.hasFocus()} ${document.activeElement?.tagName} ${document.activeElement?.matches(':focus')}`,
    }
  })
}

const matches = (f: Focused, name: string | RegExp) =>
  typeof name === 'string' ? f.name === name : name.test(f.name)

/**
 * Presses Tab (or Shift+Tab) until the focused element is named `name`, checking on the way that
 * every element focus lands on shows it.
 */
async function tabTo(page: Page, name: string | RegExp, options: { back?: boolean } = {}) {
  const seen: string[] = []
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab')
    const f = await focused(page)
    if (f.tag !== 'body')
      expect(f.visible, `focus is not visible on ${f.tag} “${f.name}” (${f.style})`).toBe(true)
    if (matches(f, name)) return f
    seen.push(`${f.tag} “${f.name.slice(0, 40)}”`)
  }
  throw new Error(`Tab never reached “${name}”; it went through ${seen.join(', ')}`)
}

/** Waits until the focus is on the element named `name` (focus moved by the page itself). */
async function focusLandsOn(page: Page, tag: string, name: string | RegExp) {
  await expect
    .poll(async () => {
      const f = await focused(page)
      return f.tag === tag && matches(f, name) ? 'ok' : `${f.tag} “${f.name}”`
    })
    .toBe('ok')
}

/** Goes to a page through the navigation with Shift+Tab from the page's heading, then Enter. */
async function navigateByKeyboard(page: Page, name: string) {
  await tabTo(page, name, { back: true })
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name }).waitFor()
  // The new page's heading has the focus, so a screen reader starts there.
  await focusLandsOn(page, 'h1', name)
}

/** axe-core's serious and critical violations on the page as it is now. */
async function axeProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.replace(/\s+/g, ' ')}`)
            .join(' | ')}`,
      )
  })
  return violations
}

/** Whether the page scrolls sideways. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const el = document.scrollingElement as HTMLElement
    if (el.scrollWidth <= window.innerWidth) return ''
    // Name the elements that stick out, innermost first, so a failure says what to fix.
    const wide: string[] = []
    const visit = (root: Document | ShadowRoot) => {
      for (const node of root.querySelectorAll('*')) {
        if (node.shadowRoot) visit(node.shadowRoot)
        const box = node.getBoundingClientRect()
        if (box.right > window.innerWidth + 1) {
          wide.push(
            `${node.tagName.toLowerCase()}.${node.className} “${node.textContent?.trim().slice(0, 30)}” (${Math.round(box.right)}px)`,
          )
        }
      }
    }
    visit(document)
    return `${el.scrollWidth} > ${window.innerWidth}: ${wide.slice(0, 12).join(', ')}`
  })

/** A new dealership through the sign-up form (mouse allowed: this is not the keyboard test). */
async function signUp(page: Page, dealership: string) {
  await page.goto(`${server.url}/portal/sign-up`)
  await page.getByLabel('Dealership name').fill(dealership)
  await page.getByLabel('Your name').fill('Sam Lake')
  await page.getByLabel('Email').fill(`sam-${crypto.randomUUID()}@lake.example`)
  await page.getByLabel('Password', { exact: true }).fill('a long enough password')
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()
}

it('lets a dealership sign up and do its first hour of work with the keyboard alone', async () => {
  // bypassCSP only so the later tests can inject axe-core into this page.
  const context = await browser.newContext({ viewport: WIDE, bypassCSP: true })
  const page = await context.newPage()
  const { problems } = await watchPage(page)
  const keys = page.keyboard
  // Listening from the start: Chromium intercepts file choosers only once asked to, and asking at
  // the keypress races it (puppeteer/puppeteer#6040).
  const chooserOpened = new Promise<FileChooser>((resolve) => page.once('filechooser', resolve))

  // The skip link comes first, shows itself when focused and moves focus to the heading.
  await page.goto(`${server.url}/portal/sign-up`)
  await page.getByRole('heading', { level: 1 }).waitFor()
  const skip = await tabTo(page, 'Skip to content')
  expect(skip.tag).toBe('a')
  const box = await page.getByRole('link', { name: 'Skip to content' }).boundingBox()
  expect(box && box.y >= 0 && box.height > 0).toBe(true)
  await keys.press('Enter')
  await focusLandsOn(page, 'h1', 'Create your dealership’s account')

  // Sign up.
  await tabTo(page, 'Dealership name')
  await keys.type('Lakeside Autos')
  await tabTo(page, 'Your name')
  await keys.type('Lee Lake')
  await tabTo(page, 'Email')
  await keys.type(`lee-${crypto.randomUUID()}@lakeside.example`)
  await tabTo(page, 'Password')
  await keys.type('a long enough password')
  await tabTo(page, 'Create account')
  await keys.press('Enter')
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()
  await focusLandsOn(page, 'h1', 'Knowledge')

  // Upload a document through the file picker the keyboard reaches (sign-up lands on Knowledge).
  await tabTo(page, 'Choose files…')
  await keys.press('Enter')
  await (await chooserOpened).setFiles({
    name: 'service.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(DOCUMENT),
  })
  await page.getByText(/Ready: \d+ passages?/).waitFor({ timeout: 60_000 })

  // The hours it read, and the form that corrects them, which takes the focus.
  await navigateByKeyboard(page, 'Dealership facts')
  await tabTo(page, 'Correct these facts')
  await keys.press('Enter')
  await focusLandsOn(page, 'input', 'Address')
  await tabTo(page, 'Service Saturday')
  await tabTo(page, 'Cancel')
  await keys.press('Enter')
  await focusLandsOn(page, 'button', 'Correct these facts')

  // A publishable key for the example site, read in the dialog that shows it once.
  await navigateByKeyboard(page, 'Keys')
  await tabTo(page, 'Name')
  await keys.type('Example site')
  await tabTo(page, 'Allowed origins')
  await keys.type(server.url)
  await tabTo(page, 'Create publishable key')
  await keys.press('Enter')
  const shown = page.getByLabel('The new key')
  await shown.waitFor()
  const key = (await shown.textContent())?.trim() ?? ''
  expect(key).toMatch(/^pk_live_/)
  expect((await focused(page)).inDialog).toBe(true)
  await keys.press('Escape')
  await shown.waitFor({ state: 'detached' })
  // Focus comes back to the form that made the key, not to the top of the document.
  await focusLandsOn(page, 'button', 'Create publishable key')

  // A visitor chats on the example site with that key, so there is a conversation to read.
  const site = await context.newPage()
  await site.goto(`${server.url}/?key=${encodeURIComponent(key)}`)
  await launcher(site).click()
  await messageInput(site).fill('When is the service department open?')
  await messageInput(site).press('Enter')
  await waitForAnswer(site, 1)
  await site.close()

  // Revoke the key: the confirmation starts on Cancel; the destructive button is one Shift+Tab away.
  await page.bringToFront()
  await tabTo(page, /^Revoke Example site/, { back: true })
  await keys.press('Enter')
  await focusLandsOn(page, 'button', 'Cancel')
  expect((await focused(page)).inDialog).toBe(true)
  await tabTo(page, 'Revoke key', { back: true })
  await keys.press('Enter')
  await page.getByText('Revoked', { exact: true }).first().waitFor()
  // The row's buttons are gone: focus goes to the list of keys, not to the top of the document.
  await focusLandsOn(page, 'h2', 'Your keys')

  // Change the greeting and save.
  await navigateByKeyboard(page, 'Widget settings')
  await tabTo(page, 'Greeting')
  await keys.press('Control+A')
  await keys.type(GREETING)
  await tabTo(page, 'Save changes')
  await keys.press('Enter')
  await page.getByText(/saved/i).first().waitFor()

  // Open the visitor's conversation.
  await navigateByKeyboard(page, 'Conversations')
  await tabTo(page, /2 messages/)
  await keys.press('Enter')
  await page
    .getByRole('list', { name: 'Messages' })
    // Answered from the dealership facts ("7 AM – 6 PM") or the passage ("7am to 6pm").
    .getByText(/7 ?am (?:to|–) 6 ?pm/i)
    .first()
    .waitFor()
  await focusLandsOn(page, 'h2', /Transcript|Conversation/i)
  const conversationId = new URL(page.url()).searchParams.get('id') ?? ''
  expect(conversationId).not.toBe('')

  expect(problems).toEqual([])
  member = { context, page, conversationId }
}, 90_000)

it('has no serious or critical axe-core violations on any page, wide and light, phone and dark', async () => {
  if (!member) throw new Error('the keyboard journey did not finish')
  const { page, conversationId } = member
  const visitor = await browser.newContext({ viewport: WIDE, bypassCSP: true })
  const publicPage = await visitor.newPage()

  const signedIn: [string, string][] = [
    ['/knowledge', 'Knowledge'],
    ['/facts', 'Dealership facts'],
    ['/widget', 'Widget settings'],
    [`/conversations?id=${conversationId}`, 'Conversations'],
    ['/analytics', 'Analytics'],
    ['/keys', 'Keys'],
    ['/members', 'Members'],
    ['/security', 'Security'],
    ['/audit-log', 'Audit log'],
    ['/outbox', 'Outbox'],
  ]
  const signedOut: [string, string][] = [
    ['/sign-in', 'Sign in'],
    ['/sign-up', 'Create your dealership’s account'],
    ['/forgot-password', 'Forgot your password?'],
  ]
  const found: Record<string, string[]> = {}
  for (const viewport of [WIDE, PHONE]) {
    for (const [tab, pages] of [
      [page, signedIn],
      [publicPage, signedOut],
    ] as const) {
      await tab.setViewportSize(viewport)
      // The phone pass is in dark mode, so the dark palette's contrast is checked too.
      await tab.emulateMedia({ colorScheme: viewport === PHONE ? 'dark' : 'light' })
      for (const [path, title] of pages) {
        await tab.goto(`${server.url}/portal${path}`)
        await tab.getByRole('heading', { level: 1, name: title }).waitFor()
        // Let the page's data arrive: its "Loading…" lines give way to content.
        await expect.poll(() => tab.getByText(/^Loading\b/).count()).toBe(0)
        if (path.startsWith('/conversations')) {
          await tab.getByRole('list', { name: 'Messages' }).waitFor()
        }
        const where = `${viewport.width}px ${viewport === PHONE ? 'dark' : 'light'} ${path}`
        const problems = await axeProblems(tab)
        if (problems.length) found[where] = problems
        if (path === '/facts') {
          // The correction form too, with its tables of inputs.
          await tab.getByRole('button', { name: 'Correct these facts' }).click()
          await tab.getByRole('form', { name: 'Correct the facts' }).waitFor()
          const editing = await axeProblems(tab)
          if (editing.length) found[`${where} (correcting)`] = editing
        }
      }
    }
  }
  await visitor.close()
  await page.emulateMedia({ colorScheme: 'light' })
  expect(found).toEqual({})
}, 90_000)

it('fits a phone: no sideways scrolling, a menu drawer that Escape closes, big tap targets', async () => {
  if (!member) throw new Error('the keyboard journey did not finish')
  const { page } = member
  await page.setViewportSize(PHONE)
  const sideways: Record<string, string> = {}
  for (const path of [
    '/knowledge',
    '/facts',
    '/widget',
    `/conversations?id=${member.conversationId}`,
    '/analytics',
    '/keys',
    '/members',
    '/security',
    '/audit-log',
    '/outbox',
  ]) {
    await page.goto(`${server.url}/portal${path}`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await expect.poll(() => page.getByText(/^Loading\b/).count()).toBe(0)
    const wide = await overflow(page)
    if (wide) sideways[path] = wide
  }
  // The facts' correction form: its tables become cards rather than scrolling sideways.
  await page.goto(`${server.url}/portal/facts`)
  await page.getByRole('button', { name: 'Correct these facts' }).click()
  await page.getByRole('form', { name: 'Correct the facts' }).waitFor()
  const correcting = await overflow(page)
  if (correcting) sideways['/facts (correcting)'] = correcting
  expect(sideways).toEqual({})

  // The navigation hides behind the menu button; it opens, and Escape closes it.
  const nav = page.getByRole('navigation', { name: 'Portal' })
  const menu = page.getByRole('button', { name: 'Menu', exact: true })
  await expect.poll(() => nav.isVisible()).toBe(false)
  await menu.click()
  await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('true')
  await expect.poll(() => nav.isVisible()).toBe(true)
  const heights = await nav
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height))
  expect(heights.length).toBeGreaterThan(5)
  for (const height of heights) expect(height).toBeGreaterThanOrEqual(44)
  await page.keyboard.press('Escape')
  await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false')
  await expect.poll(() => nav.isVisible()).toBe(false)
  await focusLandsOn(page, 'button', 'Menu')

  // A link in the drawer goes to its page and closes the drawer.
  await menu.click()
  await nav.getByRole('link', { name: 'Keys', exact: true }).click()
  await page.getByRole('heading', { level: 1, name: 'Keys' }).waitFor()
  await expect.poll(() => nav.isVisible()).toBe(false)
}, 60_000)

it('shows a new dealership empty states, and a failed request as an error with a retry', async () => {
  const context = await browser.newContext({ viewport: PHONE, bypassCSP: true })
  const page = await context.newPage()
  const { problems } = await watchPage(page)
  await signUp(page, 'Brand New Motors')
  const axeFound: Record<string, string[]> = {}

  const empty: [string, string, RegExp][] = [
    ['/knowledge', 'Knowledge', /No documents yet/],
    ['/facts', 'Dealership facts', /read from the documents you upload/],
    ['/conversations', 'Conversations', /No conversations yet/],
    ['/analytics', 'Analytics', /No activity in this period/],
    ['/keys', 'Keys', /No keys yet/],
  ]
  for (const [path, title, text] of empty) {
    await page.goto(`${server.url}/portal${path}`)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    await page.getByText(text).first().waitFor()
    expect(await overflow(page)).toBe('')
    const found = await axeProblems(page)
    if (found.length) axeFound[path] = found
  }

  // The documents cannot be read: the page says so, and Try again works once the server does.
  let failing = true
  await page.route(/\/v1\/documents(\?|$)/, (route) =>
    failing
      ? route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'internal', message: 'Something went wrong.' } }),
        })
      : route.continue(),
  )
  await page.goto(`${server.url}/portal/knowledge`)
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()
  const alert = page.getByRole('alert').filter({ hasText: /Could not load the documents/ })
  await alert.waitFor()
  expect(await alert.textContent()).toMatch(/Something went wrong/)
  const found = await axeProblems(page)
  if (found.length) axeFound['/knowledge failing'] = found
  expect(axeFound).toEqual({})
  failing = false
  await page.getByRole('button', { name: 'Try again' }).click()
  await page.getByText(/No documents yet/).waitFor()
  await expect.poll(() => alert.count()).toBe(0)

  // Console errors from the deliberate 500 are expected; anything else is not.
  expect(problems.filter((p) => !/status of 500/.test(p))).toEqual([])
  await context.close()
}, 60_000)
