import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A tool call the scripted model makes for a question. */
export interface ScriptedCall {
  name: string
  arguments: Record<string, unknown>
}

interface ChatRequest {
  messages: { role: string; content?: string | null; tool_calls?: unknown }[]
  tools?: { function: { name: string } }[]
}

/**
 * An OpenAI-compatible chat-completions server that records every request and plays a scripted
 * model: for the question it is told of, it first makes the tool call a competent model would
 * (if any and if offered), then answers with one short sentence. What the suite measures is the
 * requests: whether the expected facts reached the model, in the prompt or the tool results.
 */
export class RecordingModel {
  readonly #server: Server
  #script: ScriptedCall[] = []
  #requests: ChatRequest[] = []
  url = ''

  constructor() {
    this.#server = createServer((req, res) => void this.#handle(req, res))
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve))
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/v1`
    return this.url
  }

  /** What the model will do for the next question, and forgets what it recorded. */
  expect(calls: ScriptedCall[]): void {
    this.#script = [...calls]
    this.#requests = []
  }

  /** Everything the model was sent since `expect`, as one text. */
  recorded(): string {
    return this.#requests.flatMap((r) => r.messages.map((m) => `${m.content ?? ''}`)).join('\n')
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()))
  }

  async #handle(req: IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    let body = ''
    for await (const chunk of req) body += chunk
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      res.writeHead(404).end()
      return
    }
    const request = JSON.parse(body) as ChatRequest
    this.#requests.push(request)
    const offered = new Set((request.tools ?? []).map((t) => t.function.name))
    const answered = new Set(
      request.messages.filter((m) => m.role === 'tool').length > 0 ? ['done'] : [],
    )
    const call = answered.size === 0 ? this.#script.find((c) => offered.has(c.name)) : undefined
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    const send = (delta: Record<string, unknown>, finish: string | null) =>
      res.write(
        `data: ${JSON.stringify({ id: 'rec', object: 'chat.completion.chunk', created: 0, model: 'eval', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
      )
    if (call) {
      send(
        {
          role: 'assistant',
          tool_calls: [
            {
              index: 0,
              id: 'call_1',
              type: 'function',
              function: { name: call.name, arguments: JSON.stringify(call.arguments) },
            },
          ],
        },
        null,
      )
      send({}, 'tool_calls')
    } else {
      send({ role: 'assistant', content: 'Thanks for asking. [1]' }, null)
      send({}, 'stop')
    }
    res.end('data: [DONE]\n\n')
  }
}
