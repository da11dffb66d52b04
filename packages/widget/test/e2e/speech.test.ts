/**
 * Server speech end to end: Debian's Chromium with a fake microphone (a beeping tone) against the
 * demo server configured with OpenAI transcription and ElevenLabs speech, each a local server
 * speaking that service's wire format. The visitor asks by voice and hears the answer, under the
 * demo site's strict CSP.
 */
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  audioReply,
  startElevenLabsServer,
} from '../../../server/test/support/elevenlabs-server.ts'
import { startModelServer, transcriptionReply } from '../../../server/test/support/openai-server.ts'
import type { TestServer } from '../../../server/test/support/server.ts'
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.mjs'
import { pacedAnswerer, startDemoServer } from './support/demo-server.ts'
import { launcher, messageInput, waitForAnswer, watchPage } from './support/widget-page.ts'

const QUESTION = 'What are your sales hours on Saturday?'
/** The demo documents' sales hours on Saturday, in whatever sentence the answer puts them. */
const SATURDAY_HOURS = '9:00 AM – 6:00 PM'

let browser: Browser
let server: TestServer
let models: Awaited<ReturnType<typeof startModelServer>>
let voices: Awaited<ReturnType<typeof startElevenLabsServer>>

beforeAll(async () => {
  models = await startModelServer(transcriptionReply(QUESTION))
  voices = await startElevenLabsServer(audioReply({ chunks: 4, gapMs: 30 }))
  server = await startDemoServer({
    answerer: pacedAnswerer(10),
    env: {
      STT_PROVIDER: 'openai',
      STT_API_KEY: 'sk-test-stt',
      STT_BASE_URL: models.baseUrl,
      TTS_PROVIDER: 'elevenlabs',
      ELEVENLABS_API_KEY: 'el-test-key',
      ELEVENLABS_VOICE_ID: 'voice-demo',
      ELEVENLABS_BASE_URL: voices.baseUrl,
    },
  })
  browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ],
  })
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await models?.close()
  await voices?.close()
})

describe('a visitor speaking to the demo dealership', () => {
  it('asks by voice, and hears the answer with the avatar’s mouth moving', async () => {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      const { problems } = await watchPage(page)
      await page.goto(`${server.url}/`)
      await launcher(page).click()
      await expect.poll(() => messageInput(page).isVisible()).toBe(true)
      // The highest mouth opening of the built-in face, sampled as the page runs.
      await page.evaluate(() => {
        const w = window as unknown as { maxMouth: number }
        w.maxMouth = 0
        setInterval(() => {
          const face = document
            .querySelector('avatar-adam')
            ?.shadowRoot?.querySelector('avatar-adam-panel')
            ?.shadowRoot?.querySelector('avatar-adam-face') as { mouth?: number } | null
          w.maxMouth = Math.max(w.maxMouth, face?.mouth ?? 0)
        }, 20)
      })
      const mic = page.locator('avatar-adam').getByRole('button', { name: 'Speak your question' })
      // The recording module loads once the server says it transcribes.
      await expect
        .poll(async () => {
          await page.waitForTimeout(200)
          return models.requests.length === 0 && (await mic.getAttribute('aria-pressed'))
        })
        .toBe('false')
      const seen = models.requests.length
      await mic.click()
      await expect.poll(() => mic.getAttribute('aria-pressed')).toBe('true')
      await page.waitForTimeout(800)
      await mic.click()

      const lines = await waitForAnswer(page, 1)
      expect(lines[0]).toMatchObject({ role: 'visitor', text: QUESTION })
      expect(lines[1]?.text).toContain(SATURDAY_HOURS)
      // The recording reached OpenAI whole: a WebM file with Opus audio from the microphone.
      const file = models.requests[seen]?.body.file
      expect(file?.type).toBe('audio/webm')
      expect([...(file?.bytes.subarray(0, 4) ?? [])]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
      // Spoken: ElevenLabs was asked for the answer's sentences, and the face moved with them.
      await expect.poll(() => voices.requests.length, { timeout: 10_000 }).toBeGreaterThan(0)
      expect(voices.requests[0]?.body.text).toMatch(/\w/)
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { maxMouth: number }).maxMouth), {
          timeout: 10_000,
        })
        .toBeGreaterThan(0.3)
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  })
})
