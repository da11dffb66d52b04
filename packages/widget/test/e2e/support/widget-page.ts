import type { Page } from 'playwright-core'

export interface TranscriptLine {
  role: 'visitor' | 'assistant'
  text: string
  /** Titles of the sources shown under an answer. */
  sources: string[]
}

/** Security-policy violations and page errors, collected from before the first script runs. */
export async function watchPage(page: Page): Promise<{ problems: string[] }> {
  const problems: string[] = []
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`)
  })
  await page.exposeFunction('__reportViolation', (text: string) => problems.push(text))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (globalThis as unknown as { __reportViolation(text: string): void })
        .__reportViolation
      report(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`)
    })
  })
  return { problems }
}

/** The launcher button (in the element's shadow root; Playwright's locators pierce it). */
export const launcher = (page: Page) => page.getByRole('button', { name: /^Chat with / })

export const messageInput = (page: Page) =>
  page.locator('avatar-adam').getByRole('textbox', { name: /message|question/i })

/** The conversation as the visitor sees it, after the greeting (which the widget adds itself). */
export function transcript(page: Page): Promise<TranscriptLine[]> {
  return page.evaluate(() => {
    const panel = document
      .querySelector('avatar-adam')
      ?.shadowRoot?.querySelector('avatar-adam-panel')
    const items = [...(panel?.shadowRoot?.querySelectorAll('li.message') ?? [])]
    const firstVisitor = items.findIndex((li) => li.classList.contains('visitor'))
    return items
      .slice(Math.max(firstVisitor, 0))
      .filter((li) => !li.querySelector('[part="typing"]'))
      .map((li) => ({
        role: li.classList.contains('visitor') ? ('visitor' as const) : ('assistant' as const),
        // innerText, not textContent: the text as laid out, with breaks between paragraphs.
        // biome-ignore lint/performance/useDomNodeTextContent: the visitor reads the laid-out text
        text: ((li.querySelector('[part="bubble"]') as HTMLElement | null)?.innerText ?? '')
          .replace(/\s+/g, ' ')
          .trim(),
        sources: [...li.querySelectorAll('.source-title')].map((s) => s.textContent?.trim() ?? ''),
      }))
  })
}

/** Waits until `count` answers are complete with their sources, and returns the transcript. */
export async function waitForAnswer(page: Page, count: number): Promise<TranscriptLine[]> {
  await page.waitForFunction(
    (n) => {
      const panel = document
        .querySelector('avatar-adam')
        ?.shadowRoot?.querySelector('avatar-adam-panel')
      const cited = panel?.shadowRoot?.querySelectorAll('li.message.assistant [part="citations"]')
      return (cited?.length ?? 0) >= n
    },
    count,
    { timeout: 20_000 },
  )
  return transcript(page)
}

/** Records every length the streaming answer bubble had, to show the text grew in steps. */
export async function recordAnswerGrowth(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const lengths: number[] = []
    ;(globalThis as unknown as { __lengths: number[] }).__lengths = lengths
    const tick = () => {
      const panel = document
        .querySelector('avatar-adam')
        ?.shadowRoot?.querySelector('avatar-adam-panel')
      const answers = panel?.shadowRoot?.querySelectorAll('li.message.assistant [part="bubble"]')
      const last = answers?.[answers.length - 1]
      const length = last?.textContent?.length ?? 0
      if (length > 0 && length !== lengths.at(-1)) lengths.push(length)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  return () =>
    page.evaluate(() => (globalThis as unknown as { __lengths: number[] }).__lengths.slice())
}

/** Types a question into the open panel and sends it with Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  await messageInput(page).fill(question)
  await messageInput(page).press('Enter')
}
