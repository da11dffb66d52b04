/**
 * A dealership's first hour, in Debian's Chromium against a real server (the embedded demo, with
 * its example site at `/`): sign up → create a publishable key → upload a document and watch it
 * become ready → change the greeting → open the example site with that key and see the new
 * greeting and an answer from the document → find that conversation in the portal.
 *
 * A second dealership checks what the assistant read from its documents: the hours, phones and
 * staff of a contact page on "Dealership facts" (corrected, reloaded, reset), and how the
 * columns of its inventory feed were read on "Knowledge".
 *
 * Every portal page is photographed on the way, into `artifacts/portal-screenshots/` (CI keeps
 * that folder; the README names it).
 */
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
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

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const SHOTS = path.join(ROOT, 'artifacts', 'portal-screenshots')

const GREETING = 'Howdy from Prairie Motors! Ask me about our loaner cars.'
const DOCUMENT = `# Loaner cars at Prairie Motors

Every service customer at Prairie Motors gets a free loaner car: a blue Subaru Outback with
a full tank. Loaners are kept for up to five days. Book one when you schedule your service.
`

const CONTACT_PAGE = `# Visit Wheatland Motors

Wheatland Motors, 1200 Prairie Road, Wichita, KS 67202. Call us at (316) 555-0142.

## Hours

Sales: Monday–Friday 9 AM – 8 PM, Saturday 9 AM – 6 PM
Service: Monday–Friday 7 AM – 6 PM, Saturday 8 AM – 2 PM

## Our team

- Dana Reyes, Sales Manager, ext. 214

We are closed on Thanksgiving Day and Christmas Day.
`
// "Internal Notes" names no vehicle field: the knowledge page says it was not used.
const INVENTORY_FEED = `Stock #,Year,Make,Model,Trim,Price,Mileage,Ext. Color,Internal Notes
P1001,2022,Subaru,Outback,Premium,27995,18250,Blue,Trade-in from Smith
P1002,2021,Toyota,RAV4,XLE,29450,22100,Silver,Needs detail
P1003,2023,Ford,F-150,XLT,41900,9800,Black,Lot B
`

let browser: Browser
let server: TestServer

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true })
  ;[browser, server] = await Promise.all([launchChromium(), startDemoServer()])
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/**
 * A screenshot, numbered in the order of the journey: the whole page, or only the window where
 * an open dialog or a sticky bar would be drawn over the rest of a full-page picture.
 */
let shot = 0
async function photograph(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  shot += 1
  await page.screenshot({
    path: path.join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
    fullPage: options.fullPage ?? true,
  })
}

/** Goes to a portal page through its navigation link, as a member would. */
async function open(page: Page, name: string) {
  await page.getByRole('navigation').getByRole('link', { name, exact: true }).first().click()
  await page.getByRole('heading', { level: 1, name }).waitFor()
}

/** A new dealership and its owner, signed in on the knowledge page. */
async function signUp(page: Page, dealership: string, name: string) {
  await page.goto(`${server.url}/portal/sign-up`)
  await page.getByLabel('Dealership name').fill(dealership)
  await page.getByLabel('Your name').fill(name)
  await page.getByLabel('Email').fill(`${crypto.randomUUID()}@dealer.example`)
  await page.getByLabel('Password', { exact: true }).fill('a long enough password')
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()
}

it('takes a new dealership from sign-up to an answered visitor, seen in the portal', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const portal = await context.newPage()
  const { problems } = await watchPage(portal)

  // Sign up.
  await portal.goto(`${server.url}/portal/sign-up`)
  await portal.getByLabel('Dealership name').fill('Prairie Motors')
  await portal.getByLabel('Your name').fill('Pat Prairie')
  await portal.getByLabel('Email').fill(`pat-${crypto.randomUUID()}@prairie.example`)
  await portal.getByLabel('Password', { exact: true }).fill('a long enough password')
  await photograph(portal, 'sign-up')
  await portal.getByRole('button', { name: 'Create account' }).click()
  await portal.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()

  // A publishable key for the example site (served by this server).
  await open(portal, 'Keys')
  await portal.getByLabel('Name').fill('Example site')
  await portal.getByLabel('Allowed origins').fill(server.url)
  await portal.getByRole('button', { name: 'Create publishable key' }).click()
  const shown = portal.getByLabel('The new key')
  await shown.waitFor()
  const key = (await shown.textContent())?.trim() ?? ''
  expect(key).toMatch(/^pk_live_/)
  await photograph(portal, 'keys-created', { fullPage: false })
  await portal.getByRole('button', { name: 'I have copied it' }).click()
  await expect.poll(() => portal.getByText('Example site').count()).toBeGreaterThan(0)
  await photograph(portal, 'keys')

  // Upload a document and watch it become ready.
  await open(portal, 'Knowledge')
  await portal.getByLabel('Documents to upload').setInputFiles({
    name: 'loaners.md',
    mimeType: 'text/markdown',
    buffer: Buffer.from(DOCUMENT),
  })
  await portal.getByText(/Ready: \d+ passages?/).waitFor({ timeout: 60_000 })
  await photograph(portal, 'knowledge')
  await portal.getByRole('searchbox', { name: 'Question' }).fill('What loaner car do I get?')
  await portal.getByRole('button', { name: 'Search', exact: true }).click()
  await portal
    .getByText(/blue Subaru Outback/)
    .first()
    .waitFor()
  await photograph(portal, 'knowledge-try-a-question')

  // Change the greeting.
  await open(portal, 'Widget settings')
  await portal.getByLabel('Greeting').fill(GREETING)
  await portal.getByRole('button', { name: 'Save changes' }).click()
  await portal.getByText(/saved/i).first().waitFor()
  await photograph(portal, 'widget-settings', { fullPage: false })

  // The example site with that key: the new greeting, and an answer from the document.
  const site = await context.newPage()
  const siteWatch = await watchPage(site)
  await site.goto(`${server.url}/?key=${encodeURIComponent(key)}`)
  await launcher(site).click()
  await site.locator('avatar-adam').getByText(GREETING).waitFor()
  await messageInput(site).fill('What loaner car do I get?')
  await messageInput(site).press('Enter')
  const [, answer] = await waitForAnswer(site, 1)
  expect(answer?.text).toMatch(/blue Subaru Outback/)
  expect(answer?.sources.join(' ')).toMatch(/Loaner cars/i)
  await photograph(site, 'example-site-answer')
  expect(siteWatch.problems).toEqual([])

  // The conversation, in the portal.
  await portal.bringToFront()
  await open(portal, 'Conversations')
  const row = portal.getByRole('button', { name: /2 messages.*loaner/is }).first()
  await row.waitFor()
  await row.click()
  await portal
    .getByRole('list', { name: 'Messages' })
    .getByText(/blue Subaru Outback/)
    .first()
    .waitFor()
  await photograph(portal, 'conversations')

  // Watch it live: the visitor's next question and its answer appear as they happen.
  await portal.getByRole('button', { name: 'Watch live' }).click()
  await portal.getByText('Watching live: new messages appear as they are sent.').waitFor()
  await messageInput(site).fill('Can I book a loaner car when I schedule my service?')
  await messageInput(site).press('Enter')
  const messages = portal.getByRole('list', { name: 'Messages' })
  await messages.getByText('Can I book a loaner car when I schedule my service?').waitFor()
  // The answer streams into the portal as the visitor reads it, and ends the same.
  const [, , , second] = await waitForAnswer(site, 2)
  const answers = messages.locator('li.msg.assistant:not([aria-busy]) .bubble')
  await expect.poll(() => answers.count(), { timeout: 20_000 }).toBe(2)
  // biome-ignore lint/performance/useDomNodeTextContent: compared with the widget's laid-out text
  const live = (await answers.nth(1).innerText()).replace(/\s+/g, ' ').trim()
  expect(live).toBe(second?.text)
  await photograph(portal, 'conversations-live')

  // The remaining pages, for the reviewers.
  await open(portal, 'Analytics')
  await portal
    .getByText(/What loaner car do I get\?/i)
    .first()
    .waitFor()
  await photograph(portal, 'analytics')
  await open(portal, 'Members')
  await portal.getByRole('cell', { name: 'Pat Prairie (you)' }).first().waitFor()
  await photograph(portal, 'members')
  await open(portal, 'Security')
  await photograph(portal, 'security')
  await open(portal, 'Audit log')
  for (const action of ['Signed up', 'Key created', 'Document uploaded', 'Settings changed']) {
    await portal.getByRole('cell', { name: action, exact: true }).first().waitFor()
  }
  await photograph(portal, 'audit-log')
  await open(portal, 'Outbox')
  await photograph(portal, 'outbox')

  // Tabs opened at once each restore the session from the one refresh cookie; none of them is
  // taken for a thief (a reused refresh token revokes the session).
  const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()))
  await Promise.all(tabs.map((tab) => tab.goto(`${server.url}/portal/analytics`)))
  for (const tab of tabs) {
    await tab.getByRole('heading', { level: 1, name: 'Analytics' }).waitFor()
  }
  await Promise.all(tabs.map((tab) => tab.close()))

  // A phone: the same portal, one column, the menu behind a button.
  await portal.setViewportSize({ width: 390, height: 844 })
  await portal.goto(`${server.url}/portal/knowledge`)
  await portal.getByRole('heading', { level: 1, name: 'Knowledge' }).waitFor()
  await photograph(portal, 'phone-knowledge')

  expect(problems).toEqual([])
  await context.close()
}, 240_000)

it('shows the facts read from a document, keeps a correction across a reload, and resets it', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  const portal = await context.newPage()
  const { problems } = await watchPage(portal)
  await signUp(portal, 'Wheatland Motors', 'Wes Wheatland')

  // Before any document, the page says where the facts come from.
  await open(portal, 'Dealership facts')
  await portal.getByText(/read from the documents you upload on the Knowledge page/).waitFor()

  // A contact page and an inventory feed with a column the server cannot place.
  await open(portal, 'Knowledge')
  await portal.getByLabel('Documents to upload').setInputFiles([
    { name: 'contact.md', mimeType: 'text/markdown', buffer: Buffer.from(CONTACT_PAGE) },
    { name: 'inventory.csv', mimeType: 'text/csv', buffer: Buffer.from(INVENTORY_FEED) },
  ])
  const documents = portal.getByRole('table').filter({ hasText: 'inventory' })
  await documents.getByText('3 vehicles · 8 of 9 columns read').waitFor({ timeout: 60_000 })
  await documents.getByText('not used: Internal Notes').waitFor()
  await expect.poll(() => documents.getByText('Ready', { exact: true }).count()).toBe(2)
  expect(await documents.getByRole('cell', { name: 'CSV', exact: true }).count()).toBe(1)
  await documents.getByText(/How the columns were read/).click()
  const columns = documents.getByRole('list', { name: /Columns of/ })
  await columns.getByText('Ext. Color: exterior colour').waitFor()
  await columns.getByText(/Internal Notes: not used/).waitFor()
  await photograph(portal, 'knowledge-inventory-columns')

  // What the assistant read: per department hours, the phone, the address, staff and holidays.
  await open(portal, 'Dealership facts')
  const saturday = () =>
    portal.getByRole('table', { name: 'Sales hours' }).getByRole('row', { name: /^Saturday/ })
  await saturday().waitFor()
  expect(await saturday().textContent()).toMatch(/9 AM – 6 PM/)
  expect(
    await portal
      .getByRole('table', { name: 'Sales hours' })
      .getByRole('row', { name: /^Monday/ })
      .textContent(),
  ).toMatch(/9 AM – 8 PM/)
  await portal.getByText('From your documents', { exact: true }).waitFor()
  await portal.getByText('1200 Prairie Road, Wichita, KS 67202').first().waitFor()
  await portal.getByText('(316) 555-0142').first().waitFor()
  await portal.getByRole('cell', { name: 'Dana Reyes' }).waitFor()
  await portal.getByRole('cell', { name: 'Christmas Day' }).waitFor()
  await portal
    .getByText(/Read from Visit Wheatland Motors/)
    .first()
    .waitFor()
  // Kansas: the time zone comes from the address until one is chosen.
  await portal.getByText(/answered in America\/Chicago time \(chosen automatically\)/).waitFor()
  await photograph(portal, 'facts')

  // A correction the server refuses shows beside its field, and nothing is saved.
  await portal.getByRole('button', { name: 'Correct these facts' }).click()
  await portal.getByLabel('Sales Saturday opens', { exact: true }).fill('19:00')
  await portal.getByRole('button', { name: 'Save corrections' }).click()
  await portal.getByText('open must be before close', { exact: true }).waitFor()
  await expect
    .poll(() =>
      portal.getByLabel('Sales Saturday closes', { exact: true }).getAttribute('aria-invalid'),
    )
    .toBe('true')
  await portal.getByText('Not saved: correct the field marked below.').waitFor()

  // Saturday closes at 5 instead: saved, and still there after a reload.
  await portal.getByLabel('Sales Saturday opens', { exact: true }).fill('09:00')
  await portal.getByLabel('Sales Saturday closes', { exact: true }).fill('17:00')
  // A staff row and a holiday the document left out.
  await portal.getByRole('button', { name: 'Add a staff member' }).click()
  await portal.getByLabel('Staff member 2: name').fill('Sam Ortiz')
  await portal.getByLabel('Staff member 2: title').fill('Service Advisor')
  await portal.getByLabel('Staff member 2: extension').fill('305')
  await portal.getByRole('button', { name: 'Add a holiday' }).click()
  expect(await portal.getByLabel('Holiday 3: name').inputValue()).toBe('New Year’s Day')
  await photograph(portal, 'facts-correcting', { fullPage: false })
  await portal.getByRole('button', { name: 'Save corrections' }).click()
  await portal.getByText('Saved. The assistant answers with these facts now.').waitFor()
  expect(await saturday().textContent()).toMatch(/9:00 AM – 5:00 PM\s*9 AM – 6 PM/)
  await portal.reload()
  await portal.getByRole('heading', { level: 1, name: 'Dealership facts' }).waitFor()
  await saturday().waitFor()
  expect(await saturday().textContent()).toMatch(/9:00 AM – 5:00 PM/)
  await portal.getByText('Corrected by your team', { exact: true }).waitFor()
  await portal.getByRole('cell', { name: 'Sam Ortiz' }).waitFor()
  await portal.getByRole('cell', { name: 'New Year’s Day' }).waitFor()

  // Reset: back to what the document says.
  await portal.getByRole('button', { name: 'Reset to what the documents say' }).click()
  await portal.getByRole('button', { name: 'Drop my corrections' }).click()
  await portal.getByText(/^Reset\. The assistant answers with what your documents say/).waitFor()
  await portal.getByText('From your documents', { exact: true }).waitFor()
  expect(await saturday().textContent()).toMatch(/9 AM – 6 PM/)
  expect(await portal.getByRole('cell', { name: 'Sam Ortiz' }).count()).toBe(0)

  // A time zone chosen by hand replaces the automatic one.
  await portal.getByRole('combobox', { name: 'Time zone' }).selectOption('America/Denver')
  await portal.getByRole('button', { name: 'Save time zone' }).click()
  await portal.getByText(/answered in America\/Denver time\./).waitFor()
  await portal.reload()
  await portal.getByText(/answered in America\/Denver time\./).waitFor()

  // The refused save is the only console error.
  expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([])
  await context.close()
}, 120_000)
