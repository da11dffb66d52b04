/**
 * Time from the script tag's request to the launcher being on screen, in headless Chromium
 * (Debian's), beside a baseline: a ten-line script that only appends a styled button. Each run is
 * a fresh page with an empty cache, served from loopback.
 *
 * @example
 * ```sh
 * npm run build && npx node packages/widget/scripts/launcher-time.ts
 * ```
 */
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { launchChromium } from '../test/chromium.mjs'

const dist = fileURLToPath(new URL('../dist/', import.meta.url))

/** The budget from the issue, in milliseconds. */
export const LAUNCHER_BUDGET_MS = 100

/** The baseline: the least a launcher can be, a button appended by a classic script. */
const BARE_SCRIPT = `(() => {
  const host = document.createElement('div')
  const root = host.attachShadow({ mode: 'open' })
  const button = document.createElement('button')
  button.textContent = 'Chat'
  button.style.cssText = 'position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%'
  root.append(button)
  document.body.append(host)
})()`

const page = (script: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Launcher timing</title></head>
<body><main><h1>A dealership page</h1><p>Some text.</p></main>
<script src="/${script}" data-key="pk_test_timing" async></script></body></html>`

/** Finds the first button in any open shadow root and reports when a frame shows it. */
function watchForLauncher() {
  const find = (root: Document | ShadowRoot): HTMLButtonElement | null => {
    for (const el of root.querySelectorAll('*')) {
      const button = el.shadowRoot?.querySelector('button')
      if (button) return button
    }
    return null
  }
  const tick = () => {
    const button = find(document)
    const box = button?.getBoundingClientRect()
    if (button && box && box.width > 0 && box.height > 0) {
      ;(globalThis as unknown as { __launcherVisibleAt: number }).__launcherVisibleAt =
        performance.now()
      return
    }
    requestAnimationFrame(tick)
  }
  requestAnimationFrame(tick)
}

function serve(): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' })
      res.end(body)
    }
    if (url.pathname === '/widget.html') return send('text/html', page('avatar-adam.js'))
    if (url.pathname === '/bare.html') return send('text/html', page('bare.js'))
    if (url.pathname === '/bare.js') return send('text/javascript', BARE_SCRIPT)
    const file = path.join(dist, path.normalize(url.pathname))
    if (!file.startsWith(dist)) return res.writeHead(404).end()
    try {
      send('text/javascript', await readFile(file))
    } catch {
      res.writeHead(404).end()
    }
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

export interface LauncherTiming {
  /** Milliseconds from the script's request to the first frame showing the launcher, per run. */
  widget: number[]
  bare: number[]
}

/** Loads each page `runs` times (alternating) and returns the times. */
export async function launcherTimes(runs = 15): Promise<LauncherTiming> {
  const server = await serve()
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const browser = await launchChromium()
  const times: LauncherTiming = { widget: [], bare: [] }
  try {
    const once = async (name: 'widget' | 'bare') => {
      const context = await browser.newContext()
      const tab = await context.newPage()
      await tab.addInitScript(watchForLauncher)
      await tab.goto(`${base}/${name}.html`)
      await tab.waitForFunction(() => '__launcherVisibleAt' in globalThis, null, {
        timeout: 10_000,
      })
      const ms = await tab.evaluate(() => {
        const script = performance
          .getEntriesByType('resource')
          .find((e) => /\/(avatar-adam|bare)\.js$/.test(e.name))!
        const visibleAt = (globalThis as unknown as { __launcherVisibleAt: number })
          .__launcherVisibleAt
        return visibleAt - script.startTime
      })
      times[name].push(ms)
      await context.close()
    }
    // One of each first, not counted: Chromium's own first-page costs.
    await once('bare')
    await once('widget')
    times.bare = []
    times.widget = []
    for (let i = 0; i < runs; i++) {
      await once('widget')
      await once('bare')
    }
  } finally {
    await browser.close()
    server.close()
  }
  return times
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { widget, bare } = await launcherTimes()
  console.log(
    `launcher visible: ${median(widget).toFixed(1)} ms median (budget ${LAUNCHER_BUDGET_MS} ms); ` +
      `bare button script: ${median(bare).toFixed(1)} ms`,
  )
}
