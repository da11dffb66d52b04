// Debian's Chromium, shared by the element tests (web-test-runner) and the end-to-end tests
// (playwright-core). No tool may download a browser here.
import { existsSync } from 'node:fs'

/** The system Chromium; CHROME_PATH points elsewhere when needed. */
export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium'

/** Headless flags for a machine with no GPU, no sandbox and no internet. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
]

/** The Chromium to launch, or a clear error saying how to get one. */
export function chromiumPath() {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH
  throw new Error(
    `Chromium was not found at ${CHROMIUM_PATH}. The browser tests use the system's Chromium and never download one: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROME_PATH to a Chromium or Chrome binary.`,
  )
}

/** Headless system Chromium through playwright-core (end-to-end tests, launcher timing). */
export async function launchChromium() {
  const { chromium } = await import('playwright-core')
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS })
}
