/**
 * A load generator: holds a share of the bench's visitors (Socket.io clients, websocket
 * transport) and drives them closed-loop. Several of these run at once when one process cannot
 * keep up, and none shares an event loop with the server under test.
 */
import type {
  ChatDone,
  ChatError,
  ChatSendPayload,
  ChatSendResult,
  ErrorBody,
} from '@avataradam/sdk/protocol'
import { io, type Socket } from 'socket.io-client'
import { serveChild } from './lib/child.ts'
import { runClosedLoop } from './lib/closed-loop.ts'
import { VISITOR_QUESTIONS } from './lib/corpus.ts'
import { BENCH_ORIGIN } from './lib/servers.ts'

const TIMEOUT_MS = 30_000

export interface ConnectArgs {
  url: string
  count: number
  /** A publishable key for the AvatarAdam handshake; none for the bare baseline. */
  key?: string
  /** Handshakes in flight at once. */
  parallel?: number
}

export interface LoopArgs {
  warmupMs: number
  durationMs: number
  /** A visitor starts a new conversation after this many questions. */
  turnsPerConversation?: number
  /** What a turn's latency is: until `chat:done` (default) or until its first `chat:delta`. */
  measure?: 'done' | 'firstDelta'
  /**
   * What visitors ask: by default every visitor walks through the demo questions; with
   * `zipf`, each question is drawn at random with weight 1/rank^zipf, so a few are asked often
   * and many rarely, as on a dealership's site.
   */
  questions?: string[]
  zipf?: number
}

/** Draws indexes 0…n-1 with weight 1/(i+1)^s (a Zipf law), from a seeded generator. */
function zipfSampler(n: number, s: number, seed: number) {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s)
  const total = weights.reduce((a, b) => a + b, 0)
  const cumulative: number[] = []
  let sum = 0
  for (const w of weights) {
    sum += w / total
    cumulative.push(sum)
  }
  // mulberry32: small, fast and good enough to spread the picks.
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return () => {
    const r = random()
    const i = cumulative.findIndex((c) => r <= c)
    return i === -1 ? n - 1 : i
  }
}

let sockets: Socket[] = []

function connectOne(args: ConnectArgs, n: number): Promise<Socket> {
  const socket = io(args.url, {
    transports: ['websocket'],
    extraHeaders: { origin: BENCH_ORIGIN },
    auth: args.key ? { key: args.key, visitorId: `bench_${process.pid}_${n}` } : {},
    reconnection: false,
    forceNew: true,
    timeout: TIMEOUT_MS,
  })
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', (err) => {
      socket.close()
      reject(err)
    })
  })
}

async function connect(args: ConnectArgs) {
  const started = performance.now()
  const parallel = args.parallel ?? 100
  let next = 0
  let failed = 0
  let lastError = ''
  await Promise.all(
    Array.from({ length: Math.min(parallel, args.count) }, async () => {
      while (next < args.count) {
        const n = next++
        try {
          sockets.push(await connectOne(args, n))
        } catch (err) {
          failed++
          lastError = (err as Error).message
        }
      }
    }),
  )
  return { connected: sockets.length, failed, lastError, ms: performance.now() - started }
}

/**
 * Sends one question and resolves on its `chat:done`, which may arrive before the ack does; with
 * `firstDelta`, to the milliseconds from sending to the answer's first `chat:delta`.
 */
function chatVisitor(socket: Socket, turnsPerConversation: number, measure: LoopArgs['measure']) {
  const waiting = new Map<string, { resolve(): void; reject(err: Error): void }>()
  const early = new Set<string>()
  const firstDeltaAt = new Map<string, number>()
  if (measure === 'firstDelta') {
    socket.on('chat:delta', (delta: { messageId: string }) => {
      if (!firstDeltaAt.has(delta.messageId)) firstDeltaAt.set(delta.messageId, performance.now())
    })
  }
  socket.on('chat:done', (done: ChatDone) => {
    const waiter = waiting.get(done.messageId)
    if (waiter) {
      waiting.delete(done.messageId)
      waiter.resolve()
    } else early.add(done.messageId)
  })
  socket.on('chat:error', (error: ChatError) => {
    const waiter = error.messageId ? waiting.get(error.messageId) : undefined
    waiter?.reject(new Error(`chat:error ${error.code}: ${error.message}`))
  })
  let conversationId: string | undefined
  let sent = 0
  const latency = (replyId: string, started: number) => {
    const at = firstDeltaAt.get(replyId)
    firstDeltaAt.delete(replyId)
    if (measure !== 'firstDelta') return undefined
    if (at === undefined) throw new Error('an answer finished without a chat:delta')
    return at - started
  }
  return async (text: string): Promise<number | undefined> => {
    const started = performance.now()
    if (sent % turnsPerConversation === 0) conversationId = undefined
    const payload: ChatSendPayload = {
      text,
      clientMessageId: `m_${process.pid}_${socket.id}_${sent++}`,
      ...(conversationId ? { conversationId } : {}),
    }
    const ack: ChatSendResult | { error: ErrorBody } = await socket
      .timeout(TIMEOUT_MS)
      .emitWithAck('chat:send', payload)
    if ('error' in ack) throw new Error(`chat:send ${ack.error.code}: ${ack.error.message}`)
    conversationId = ack.conversationId
    const replyId = ack.replyMessageId
    if (early.delete(replyId)) return latency(replyId, started)
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(replyId)
        reject(new Error('no chat:done in time'))
      }, TIMEOUT_MS)
      waiting.set(replyId, {
        resolve() {
          clearTimeout(timer)
          resolve()
        },
        reject(err) {
          clearTimeout(timer)
          reject(err)
        },
      })
    })
    return latency(replyId, started)
  }
}

/** Streams one answer straight from the model server; resolves to the time to its first word. */
async function askModel(modelUrl: string): Promise<number> {
  const started = performance.now()
  const res = await fetch(`${modelUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: JSON.stringify({
      model: 'bench',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    }),
  })
  if (!res.ok || !res.body) throw new Error(`model answered ${res.status}`)
  let firstWord: number | undefined
  const decoder = new TextDecoder()
  for await (const bytes of res.body) {
    if (firstWord === undefined && decoder.decode(bytes, { stream: true }).includes('"content"')) {
      firstWord = performance.now() - started
    }
  }
  if (firstWord === undefined) throw new Error('the model sent no words')
  return firstWord
}

await serveChild(async () => ({
  info: { pid: process.pid },
  handlers: {
    connect: (args: ConnectArgs) => connect(args),
    chat: (args: LoopArgs) => {
      const visitors = sockets.map((s) =>
        chatVisitor(s, args.turnsPerConversation ?? 5, args.measure),
      )
      const questions = args.questions ?? VISITOR_QUESTIONS
      if (args.zipf !== undefined) {
        const pick = zipfSampler(questions.length, args.zipf, process.pid)
        return runClosedLoop(visitors.length, (v) => visitors[v]!(questions[pick()]!), args)
      }
      // Each visitor starts at a different question so the mix is spread across the window.
      return runClosedLoop(
        visitors.length,
        (v, i) => visitors[v]!(questions[(v * 7 + i + process.pid) % questions.length]!),
        args,
      )
    },
    model: (args: LoopArgs & { modelUrl: string; count: number }) =>
      runClosedLoop(args.count, () => askModel(args.modelUrl), args),
    echo: (args: LoopArgs) =>
      runClosedLoop(
        sockets.length,
        async (v, i) => {
          const payload = { text: VISITOR_QUESTIONS[i % VISITOR_QUESTIONS.length], i }
          await sockets[v]!.timeout(TIMEOUT_MS).emitWithAck('echo', payload)
        },
        args,
      ),
    disconnect: () => {
      for (const socket of sockets) socket.close()
      const closed = sockets.length
      sockets = []
      return closed
    },
    stop: () => {
      for (const socket of sockets) socket.close()
    },
  },
}))
