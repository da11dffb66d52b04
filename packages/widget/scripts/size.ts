/**
 * `npm run size`: gzip sizes of what a dealership's visitors download (the first script on every
 * page view, the whole widget once the chat opens, the SDK as the panel bundles it) beside the
 * embed bundles other chat widgets publish to npm, and the time from the script's request to the
 * launcher on screen in headless Chromium. Exits 1 when a budget is exceeded.
 *
 * @example
 * ```sh
 * npm run size
 * ```
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import type { Plugin } from 'rollup'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const rollupConfig = fileURLToPath(new URL('../../../rollup.config.mjs', import.meta.url))

/** The budgets the widget is held to, in bytes of gzip. */
export const BUDGETS = {
  firstScriptGzip: 15 * 1024,
  fullWidgetGzip: 45 * 1024,
  sdkGzip: 18 * 1024,
  /** HeyGen's web SDK with LiveKit: fetched only where a dealership turned the video avatar on. */
  heygenGzip: 130 * 1024,
}

/** Chunks only some visitors fetch: not part of the widget everyone downloads. */
const isHeygen = (file: string) => /(^|\/)heygen-session-[^/]+\.js$/.test(file)

export interface FileSize {
  file: string
  gzip: number
}

export interface WidgetSizes {
  firstScriptGzip: number
  fullWidgetGzip: number
  files: FileSize[]
  /** HeyGen's video avatar (its web SDK and LiveKit), for dealerships that turn it on. */
  heygenGzip: number
}

const gzipSize = (code: string | Uint8Array) => gzipSync(code, { level: 9 }).length

/**
 * The built files a browser fetches, relative to dist/: the first script, the panel it imports
 * on open, and every chunk the panel imports in turn.
 */
export function browserFiles(): string[] {
  const files = ['avatar-adam.js']
  const queue = ['avatar-adam-panel.js']
  while (queue.length > 0) {
    const file = queue.shift()!
    if (files.includes(file)) continue
    files.push(file)
    const code = readFileSync(path.join(dist, file), 'utf8')
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.\.?\/[^"']+)["']/g)) {
      queue.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), match[1]!)))
    }
  }
  return files
}

/** Gzip sizes of the built widget (run `npx rollup -c` first). */
export async function widgetSizes(): Promise<WidgetSizes> {
  const all = browserFiles().map((file) => ({
    file,
    gzip: gzipSize(readFileSync(path.join(dist, file))),
  }))
  const files = all.filter((f) => !isHeygen(f.file))
  return {
    firstScriptGzip: files[0]!.gzip,
    fullWidgetGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    files,
    heygenGzip: all.filter((f) => isHeygen(f.file)).reduce((sum, f) => sum + f.gzip, 0),
  }
}

/**
 * The SDK as the panel bundles it: only what the panel imports (`createClient`, with
 * socket.io-client's browser build), through the same rollup plugins, minified.
 */
export async function sdkGzip(): Promise<number> {
  const { rollup } = await import('rollup')
  // A computed specifier: the config is plain JavaScript with no type declarations.
  const config = (await import(rollupConfig)) as {
    widgetBrowserPlugins: (module: boolean) => Plugin[]
  }
  const entry: Plugin = {
    name: 'sdk-entry',
    resolveId: (id) => (id === 'sdk-entry' ? '\0sdk-entry' : null),
    load: (id) => (id === '\0sdk-entry' ? "export { createClient } from '@avataradam/sdk'" : null),
  }
  const bundle = await rollup({
    input: 'sdk-entry',
    plugins: [entry, ...config.widgetBrowserPlugins(true)],
    onwarn: () => {},
  })
  const { output } = await bundle.generate({ format: 'esm' })
  await bundle.close()
  return output.reduce((sum, chunk) => sum + (chunk.type === 'chunk' ? gzipSize(chunk.code) : 0), 0)
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

async function main() {
  const { LAUNCHER_BUDGET_MS, launcherTimes, median } = await import('./launcher-time.ts')
  const { peerSizes } = await import('./peer-sizes.ts')
  const sizes = await widgetSizes()
  const sdk = await sdkGzip()
  const over: string[] = []
  const row = (name: string, value: string, budget = '', note = '') =>
    console.log(`${name.padEnd(40)} ${value.padStart(10)}  ${budget.padEnd(16)} ${note}`)
  const sized = (name: string, bytes: number, budget: number, note = '') => {
    if (bytes > budget) over.push(name)
    row(name, kb(bytes), `budget ${kb(budget)}`, note)
  }
  console.log('gzip -9 sizes\n')
  sized(
    'first script (avatar-adam.js)',
    sizes.firstScriptGzip,
    BUDGETS.firstScriptGzip,
    'every page view',
  )
  sized(
    'full widget',
    sizes.fullWidgetGzip,
    BUDGETS.fullWidgetGzip,
    `${sizes.files.length} files, after the chat opens`,
  )
  sized('SDK (as the panel bundles it)', sdk, BUDGETS.sdkGzip, 'with socket.io-client')
  sized(
    'HeyGen video avatar',
    sizes.heygenGzip,
    BUDGETS.heygenGzip,
    'only where a dealership turned it on, when the chat opens',
  )
  for (const peer of await peerSizes()) {
    const label = `${peer.name}@${peer.version} ${peer.file}`
    row(label, peer.gzip === null ? 'n/a' : kb(peer.gzip), 'peer', peer.error ?? peer.note)
  }
  const { widget, bare } = await launcherTimes()
  const visible = median(widget)
  if (visible > LAUNCHER_BUDGET_MS) over.push('launcher visible')
  console.log(
    '\nscript request → launcher on screen, headless Chromium, median of 15 fresh pages\n',
  )
  row('avatar-adam.js', `${visible.toFixed(1)} ms`, `budget ${LAUNCHER_BUDGET_MS} ms`)
  row('baseline: a script appending a button', `${median(bare).toFixed(1)} ms`)
  if (over.length > 0) {
    console.error(`\nOver budget: ${over.join(', ')}`)
    process.exitCode = 1
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main()
}
