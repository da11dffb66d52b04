import { type Browser, chromium } from 'playwright-core'
import { CHROMIUM_ARGS, chromiumPath } from '../../chromium.mjs'

/** Headless system Chromium for the end-to-end tests. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS })
}
