/**
 * Gzip sizes of what a dealership's visitors download: the first script (every page view), the
 * whole widget (after the chat opens), and the SDK as the panel bundles it.
 *
 * @example
 * ```sh
 * npx rollup -c && npx node packages/widget/scripts/size.ts
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
export const BUDGETS = { firstScriptGzip: 15 * 1024, fullWidgetGzip: 45 * 1024 }

export interface FileSize {
  file: string
  gzip: number
}

export interface WidgetSizes {
  firstScriptGzip: number
  fullWidgetGzip: number
  files: FileSize[]
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
  const files = browserFiles().map((file) => ({
    file,
    gzip: gzipSize(readFileSync(path.join(dist, file))),
  }))
  return {
    firstScriptGzip: files[0]!.gzip,
    fullWidgetGzip: files.reduce((sum, f) => sum + f.gzip, 0),
    files,
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
  const sizes = await widgetSizes()
  for (const { file, gzip } of sizes.files) console.log(`${file.padEnd(40)} ${kb(gzip)} gzip`)
  const line = (name: string, bytes: number, budget?: number) =>
    console.log(
      `${name.padEnd(40)} ${kb(bytes)} gzip${budget ? ` (budget ${kb(budget)})` : ''}` +
        (budget && bytes > budget ? '  OVER BUDGET' : ''),
    )
  line('first script', sizes.firstScriptGzip, BUDGETS.firstScriptGzip)
  line('full widget', sizes.fullWidgetGzip, BUDGETS.fullWidgetGzip)
  line('SDK as the panel bundles it', await sdkGzip())
  if (sizes.firstScriptGzip > BUDGETS.firstScriptGzip) process.exitCode = 1
  if (sizes.fullWidgetGzip > BUDGETS.fullWidgetGzip) process.exitCode = 1
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main()
}
