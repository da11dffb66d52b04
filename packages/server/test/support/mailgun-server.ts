import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A message the fake Mailgun received: its Basic credentials and form fields. */
export interface MailgunRequest {
  method: string
  path: string
  authorization: string | undefined
  fields: Record<string, string[]>
}

type Reply = { status: number; body: unknown; contentType?: string }

/**
 * A local server speaking Mailgun's HTTP API as documented: `POST /v3/{domain}/messages` with
 * HTTP Basic auth (`api:KEY`) and a multipart form, answering `{ id, message }`; `GET
 * /v4/domains/{domain}`; errors as Mailgun sends them (401 `Forbidden` in plain text, 400
 * `{ message }`). Each request takes the next scripted reply, or succeeds.
 */
export async function startMailgunServer(validKey: string) {
  const requests: MailgunRequest[] = []
  const script: Reply[] = []
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const fields: Record<string, string[]> = {}
    if (req.method === 'POST') {
      const form = await new Request(url, {
        method: 'POST',
        headers: { 'content-type': req.headers['content-type'] ?? '' },
        body: Buffer.concat(chunks),
      }).formData()
      for (const [name, value] of form) {
        fields[name] = [...(fields[name] ?? []), String(value)]
      }
    }
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      authorization: req.headers.authorization,
      fields,
    })
    const send = ({ status, body, contentType }: Reply) => {
      res.writeHead(status, { 'content-type': contentType ?? 'application/json' })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    const expected = `Basic ${Buffer.from(`api:${validKey}`).toString('base64')}`
    if (req.headers.authorization !== expected) {
      return send({ status: 401, body: 'Forbidden', contentType: 'text/plain' })
    }
    const scripted = script.shift()
    if (scripted) return send(scripted)
    const domain = /^\/v[34]\/domains\/([^/]+)$/.exec(url.pathname)?.[1]
    if (req.method === 'GET' && domain) {
      return send({ status: 200, body: { domain: { name: domain, state: 'active' } } })
    }
    const sending = /^\/v3\/([^/]+)\/messages$/.exec(url.pathname)?.[1]
    if (req.method === 'POST' && sending) {
      return send({
        status: 200,
        body: { id: `<20261125.${requests.length}@${sending}>`, message: 'Queued. Thank you.' },
      })
    }
    send({ status: 404, body: { message: 'Not found' } })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    next(reply: Reply) {
      script.push(reply)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
