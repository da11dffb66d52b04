import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A real MP3 (one second of a tone swelling three times, made with `lame`). */
export const VOICE_MP3 = readFileSync(new URL('../fixtures/voice.mp3', import.meta.url))

/** A request the fake ElevenLabs received. */
export interface SpeechRequest {
  path: string
  voiceId: string
  query: URLSearchParams
  headers: IncomingMessage['headers']
  body: { text: string; model_id?: string }
  /** When it arrived (performance.now()). */
  at: number
}

type Reply = (req: SpeechRequest, res: ServerResponse) => void | Promise<void>

/**
 * A local server speaking ElevenLabs' text-to-speech streaming wire format:
 * `POST /v1/text-to-speech/{voice_id}/stream` with an `xi-api-key` header and a JSON body,
 * answered with chunked `audio/mpeg`; errors as JSON `{ detail: { status, message } }` with their
 * status codes. Each request takes the next scripted reply, or the default.
 */
export async function startElevenLabsServer(defaultReply: Reply = audioReply()) {
  const requests: SpeechRequest[] = []
  const script: Reply[] = []
  const server = createServer(async (req, res) => {
    const at = performance.now()
    let raw = ''
    for await (const chunk of req) raw += chunk
    const url = new URL(req.url ?? '/', 'http://localhost')
    const match = /^\/v1\/text-to-speech\/([^/]+)\/stream$/.exec(url.pathname)
    if (req.method !== 'POST' || !match) {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ detail: 'Not Found' }))
      return
    }
    const request: SpeechRequest = {
      path: url.pathname,
      voiceId: decodeURIComponent(match[1]!),
      query: url.searchParams,
      headers: req.headers,
      body: JSON.parse(raw),
      at,
    }
    requests.push(request)
    await (script.shift() ?? defaultReply)(request, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
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

/**
 * The voice as chunked `audio/mpeg`: `chunks` pieces of the MP3, `gapMs` apart (a synthesiser
 * producing audio at its own pace). The first piece is sent at once, so a client can play it
 * before the rest exists.
 */
export function audioReply(options: { chunks?: number; gapMs?: number; key?: string } = {}): Reply {
  const { chunks = 4, gapMs = 0, key = 'el-test-key' } = options
  return async (req, res) => {
    if (req.headers['xi-api-key'] !== key) {
      return errorReply(401, 'invalid_api_key', 'Invalid API key')(req, res)
    }
    if (!req.body.text?.trim()) return errorReply(400, 'invalid_text', 'Text is empty')(req, res)
    res.writeHead(200, { 'content-type': 'audio/mpeg', 'transfer-encoding': 'chunked' })
    const size = Math.ceil(VOICE_MP3.length / chunks)
    for (let i = 0; i < chunks; i++) {
      if (i > 0 && gapMs) await new Promise((r) => setTimeout(r, gapMs))
      if (res.destroyed) return
      res.write(VOICE_MP3.subarray(i * size, (i + 1) * size))
    }
    res.end()
  }
}

/** An error as ElevenLabs sends it. */
export function errorReply(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ detail: { status: code, message } }))
  }
}

/** Starts the audio, then goes silent with the connection open. */
export function stallReply(): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg' })
    res.write(VOICE_MP3.subarray(0, 512))
  }
}

/** Starts the audio, then drops the connection. */
export function cutReply(): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg' })
    res.write(VOICE_MP3.subarray(0, 512))
    setTimeout(() => res.destroy(), 20)
  }
}

/** A 200 with no audio at all. */
export function emptyReply(): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'audio/mpeg' })
    res.end()
  }
}
