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

/**
 * The launcher button (in the element's shadow root; Playwright's locators pierce it), in English
 * or Spanish.
 */
export const launcher = (page: Page) =>
  page.getByRole('button', { name: /^(Chat with|Chatear con) / })

export const messageInput = (page: Page) =>
  page.locator('avatar-adam').getByRole('textbox', { name: /message|question|mensaje/i })

/** The button under an answer that offers to put the visitor in touch with the team. */
export const handoffButton = (page: Page) => page.locator('avatar-adam [part~="handoff"]')

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

export interface AnswerRecording {
  /** Each length the latest answer had, in order (from its first word to its end). */
  lengths: number[]
  /** The most answers shown at once after the visitor's first message. */
  mostAnswers: number
}

/**
 * Watches the conversation every frame, from now on: how the latest answer grew, and how many
 * answers were ever on screen at once (an answer shown twice would count two).
 */
export async function recordAnswers(page: Page): Promise<() => Promise<AnswerRecording>> {
  await page.evaluate(() => {
    const recording = { lengths: [] as number[], mostAnswers: 0 }
    ;(globalThis as unknown as { __answers: typeof recording }).__answers = recording
    const tick = () => {
      const panel = document
        .querySelector('avatar-adam')
        ?.shadowRoot?.querySelector('avatar-adam-panel')
      const items = [...(panel?.shadowRoot?.querySelectorAll('li.message') ?? [])]
      const firstVisitor = items.findIndex((li) => li.classList.contains('visitor'))
      const answers =
        firstVisitor < 0
          ? []
          : items.slice(firstVisitor).filter((li) => li.classList.contains('assistant'))
      recording.mostAnswers = Math.max(recording.mostAnswers, answers.length)
      const bubble = answers.at(-1)?.querySelector('[part="bubble"]')
      const length = bubble?.textContent?.length ?? 0
      if (length > 0 && length !== recording.lengths.at(-1)) recording.lengths.push(length)
      requestAnimationFrame(tick)
    }
    requestAnimationFrame(tick)
  })
  return () =>
    page.evaluate(() => {
      const { lengths, mostAnswers } = (globalThis as unknown as { __answers: AnswerRecording })
        .__answers
      return { lengths: lengths.slice(), mostAnswers }
    })
}

/** Types a question into the open panel and sends it with Enter. */
export async function ask(page: Page, question: string): Promise<void> {
  await messageInput(page).fill(question)
  await messageInput(page).press('Enter')
}
