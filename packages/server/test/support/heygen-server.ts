import { randomUUID } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request the fake LiveAvatar API received. */
export interface HeygenRequest {
  method: string
  path: string
  headers: IncomingHttpHeaders
  // biome-ignore lint/suspicious/noExplicitAny: request bodies are checked with matchers
  body: any
}

type Reply = {
  status: number
  body: unknown
  headers?: Record<string, string>
  /** Wait this long before answering (timeouts). */
  delayMs?: number
}

/**
 * A local server speaking HeyGen's LiveAvatar API as documented at docs.liveavatar.com:
 * `POST /v1/sessions/token` authenticated by the `X-API-KEY` header, with a JSON body (`mode`,
 * `avatar_id`, `avatar_persona`…), answering `{ code, data: { session_id, session_token },
 * message }`; FastAPI's 422 `{ detail: [...] }` for a body that does not fit; 401 `{ code,
 * message }` for an unknown key. Each request takes the next scripted reply, or that behaviour.
 */
export async function startHeygenServer(validKeys: string[]) {
  const requests: HeygenRequest[] = []
  const script: Reply[] = []
  const tokens = new Map<string, { avatarId: string; apiKey: string }>()
  const server = createServer(async (req, res) => {
    let raw = ''
    for await (const chunk of req) raw += chunk
    let body: unknown = raw
    try {
      body = raw ? JSON.parse(raw) : undefined
    } catch {}
    const url = new URL(req.url ?? '/', 'http://localhost')
    requests.push({ method: req.method ?? '', path: url.pathname, headers: req.headers, body })
    const send = async ({ status, body, headers, delayMs }: Reply) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs))
      if (res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(typeof body === 'string' ? body : JSON.stringify(body))
    }
    if (req.method !== 'POST' || url.pathname !== '/v1/sessions/token') {
      return send({ status: 404, body: { detail: 'Not Found' } })
    }
    const key = req.headers['x-api-key']
    if (typeof key !== 'string' || !validKeys.includes(key)) {
      return send({ status: 401, body: { code: 401, data: null, message: 'Invalid API key' } })
    }
    const scripted = script.shift()
    if (scripted) return send(scripted)
    const b = body as {
      mode?: unknown
      avatar_id?: unknown
      avatar_persona?: { language?: unknown }
    }
    if (
      typeof b !== 'object' ||
      b === null ||
      b.mode !== 'FULL' ||
      typeof b.avatar_id !== 'string' ||
      typeof b.avatar_persona !== 'object'
    ) {
      return send({
        status: 422,
        body: {
          detail: [{ loc: ['body'], msg: 'Field required', type: 'missing' }],
        },
      })
    }
    const token = `la_session_${randomUUID()}`
    tokens.set(token, { avatarId: b.avatar_id, apiKey: key })
    return send({
      status: 200,
      body: {
        code: 100,
        data: { session_id: randomUUID(), session_token: token },
        message: 'Session token created',
      },
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    /** Tokens minted so far, with the avatar and key each was minted for. */
    tokens,
    /** The next authenticated requests get these replies, in order. */
    next(...replies: Reply[]) {
      script.push(...replies)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
