import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { hashedVector } from '../../src/providers/embeddings/hashed-vector.ts'

/** A request the fake model server received. */
export interface ModelRequest {
  path: string
  headers: IncomingMessage['headers']
  body: {
    model: string
    stream?: boolean
    messages: {
      role: string
      content: string | null
      tool_calls?: { id: string; type: string; function: { name: string; arguments: string } }[]
      tool_call_id?: string
    }[]
    tools?: { type: string; function: { name: string; description: string; parameters: unknown } }[]
    tool_choice?: string
    /** Embeddings requests. */
    input?: string[]
    dimensions?: number
    /** Transcriptions (multipart): the uploaded audio file and the form's other fields. */
    file?: { name: string; type: string; bytes: Buffer }
    language?: string
    response_format?: string
  }
}

type Reply = (req: ModelRequest, res: ServerResponse) => void | Promise<void>

/**
 * A local server speaking OpenAI's chat-completions wire format: JSON errors with their status
 * codes and headers, and streamed answers as server-sent events of `chat.completion.chunk`
 * objects ending with `data: [DONE]`. Each request takes the next scripted reply, or the default.
 */
export async function startModelServer(defaultReply: Reply) {
  const requests: ModelRequest[] = []
  const script: Reply[] = []
  const server = createServer(async (req, res) => {
    const parts: Buffer[] = []
    for await (const chunk of req) parts.push(chunk)
    const raw = Buffer.concat(parts)
    const type = req.headers['content-type'] ?? ''
    const request: ModelRequest = {
      path: req.url ?? '',
      headers: req.headers,
      body: type.startsWith('multipart/form-data')
        ? await readForm(raw, type)
        : JSON.parse(raw.toString('utf8')),
    }
    requests.push(request)
    await (script.shift() ?? defaultReply)(request, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    /** The next requests get these replies, in order. */
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

const chunk = (model: string, delta: Record<string, unknown>, finish: string | null = null) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion.chunk',
    created: 1_800_000_000,
    model,
    choices: [{ index: 0, delta, finish_reason: finish }],
  })}\n\n`

/** Streams `pieces` as the model's answer, `gapMs` apart. */
export function streamReply(pieces: string[], gapMs = 0): Reply {
  return async (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.write(chunk(req.body.model, { role: 'assistant', content: '' }))
    for (const piece of pieces) {
      if (gapMs) await new Promise((r) => setTimeout(r, gapMs))
      res.write(chunk(req.body.model, { content: piece }))
    }
    res.write(chunk(req.body.model, {}, 'stop'))
    res.end('data: [DONE]\n\n')
  }
}

/** A function call the model makes. */
export interface ScriptedCall {
  id: string
  name: string
  /** The arguments' JSON as the model writes it (valid or not). */
  arguments: string
}

/**
 * Streams tool calls the way OpenAI does: each call's first fragment brings its index, id, type
 * and name with empty arguments; the arguments follow in `pieces` fragments over as many chunks;
 * then `finish_reason: "tool_calls"`. `end` "cut" drops the connection instead of finishing, and
 * "error" finishes with OpenRouter's mid-stream `finish_reason: "error"`.
 */
export function toolCallReply(
  calls: ScriptedCall[],
  options: { pieces?: number; text?: string; end?: 'finish' | 'cut' | 'error' } = {},
): Reply {
  const pieces = options.pieces ?? 3
  return async (req, res) => {
    const model = req.body.model
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    res.write(chunk(model, { role: 'assistant', content: options.text ?? null }))
    for (const [index, call] of calls.entries()) {
      res.write(
        chunk(model, {
          tool_calls: [
            { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
          ],
        }),
      )
      const size = Math.ceil(call.arguments.length / pieces) || 1
      for (let at = 0; at < call.arguments.length; at += size) {
        res.write(
          chunk(model, {
            tool_calls: [{ index, function: { arguments: call.arguments.slice(at, at + size) } }],
          }),
        )
      }
    }
    if (options.end === 'cut') {
      setTimeout(() => res.destroy(), 20)
      return
    }
    res.write(chunk(model, {}, options.end === 'error' ? 'error' : 'tool_calls'))
    res.end('data: [DONE]\n\n')
  }
}

/** An API error as OpenAI sends it. */
export function errorReply(
  status: number,
  message: string,
  headers: Record<string, string> = {},
): Reply {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify({ error: { message, type: 'api_error', code: null } }))
  }
}

/** Starts an answer, then goes silent with the connection open. */
export function stallReply(): Reply {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(chunk(req.body.model, { role: 'assistant', content: '' }))
  }
}

/** An event stream whose data is not JSON. */
export function garbledReply(): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.end('data: {"id": "chatcmpl-test", "choices": [\n\n')
  }
}

/**
 * Starts an answer, then ends the response early: cleanly (a proxy closing the stream: no
 * finish_reason, no [DONE]) or by dropping the connection.
 */
export function cutReply(pieces: string[], how: 'end' | 'drop'): Reply {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(chunk(req.body.model, { role: 'assistant', content: '' }))
    for (const piece of pieces) res.write(chunk(req.body.model, { content: piece }))
    setTimeout(() => (how === 'end' ? res.end() : res.destroy()), 20)
  }
}

/** A whole (not streamed) completion, as OpenAI answers with `stream` off. */
export function completionReply(text: string): Reply {
  return (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: 1_800_000_000,
        model: req.body.model,
        choices: [
          { index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' },
        ],
      }),
    )
  }
}

/**
 * Embeddings as OpenAI returns them (`data[].embedding` with its `index`), listed in reverse to
 * check that callers order by index. The vectors are feature hashes of the text, so similar texts
 * get similar vectors, at the requested length (not unit length: callers normalise).
 */
export function embeddingsReply(): Reply {
  return (req, res) => {
    const input = req.body.input ?? []
    const dims = req.body.dimensions ?? 1536
    const data = input
      .map((text, index) => ({
        object: 'embedding',
        index,
        embedding: hashedVector(text, dims).map((x) => x * 3),
      }))
      .reverse()
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify({
        object: 'list',
        data,
        model: req.body.model,
        usage: { prompt_tokens: 1, total_tokens: 1 },
      }),
    )
  }
}

/** A multipart body (`/v1/audio/transcriptions`), read by the platform's own form parser. */
async function readForm(raw: Buffer, type: string): Promise<ModelRequest['body']> {
  const form = await new Response(new Uint8Array(raw), {
    headers: { 'content-type': type },
  }).formData()
  const body: Record<string, unknown> = { messages: [] }
  for (const [name, value] of form) {
    body[name] =
      typeof value === 'string'
        ? value
        : { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) }
  }
  return body as unknown as ModelRequest['body']
}

/** A transcription as OpenAI answers it (`response_format: json`): `{ text }`. */
export function transcriptionReply(text: string): Reply {
  return (req, res) => {
    if (!req.body.file || req.body.file.bytes.length === 0) {
      return errorReply(400, 'Missing file')(req, res)
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ text, usage: { type: 'duration', seconds: 1 } }))
  }
}

/** A JSON body that is cut off, with a 200 status. */
export function truncatedJsonReply(): Reply {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end('{"text": "We open at ni')
  }
}

/** Accepts the request, then never answers. */
export function silentReply(): Reply {
  return () => {}
}
