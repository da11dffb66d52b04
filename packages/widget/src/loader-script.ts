import { importUrl } from './import-url.js'
import { originOf } from './origin.ts'

/**
 * The classic-script twin of `loader.ts`: the panel is an ES module next to this script on the
 * server, found from the script's own URL. `document.currentScript` only exists while the script
 * first runs, so it is read at once.
 */
const src = (document.currentScript as HTMLScriptElement | null)?.src || location.href

export const loadPanel = (): Promise<unknown> =>
  importUrl(new URL('./avatar-adam-panel.js', src).href)

export const scriptOrigin = originOf(src)
