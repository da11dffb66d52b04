import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A delivery the receiver got: its path, headers and raw body. */
export interface ReceivedWebhook {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
  /** When it arrived (ms since the epoch). */
  at: number
}

/**
 * A dealership's webhook receiver on a free port: records each POST and answers the next scripted
 * status (per path), or 200.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = []
  const scripts = new Map<string, number[]>()
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    received.push({
      path,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      at: Date.now(),
    })
    const status = scripts.get(path)?.shift() ?? 200
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(status < 300 ? '{"ok":true}' : '{"error":"scripted"}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    received,
    /** Deliveries to this path. */
    to: (path: string) => received.filter((r) => r.path === path),
    /** The statuses the next deliveries to this path get, in order. */
    script(path: string, ...statuses: number[]) {
      scripts.set(path, [...(scripts.get(path) ?? []), ...statuses])
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
