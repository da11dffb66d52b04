/**
 * A server under test, in its own process so the load generator never shares its event loop.
 * Kinds: the real AvatarAdam server (seeded with one dealership and the demo documents), and the
 * bare baselines: a Socket.io server that acks an echo, and a Hono app that parses an upload.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { createServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createAdaptorServer } from '@hono/node-server'
import { Hono } from 'hono'
import { Server } from 'socket.io'
import { loadConfig } from '../packages/server/src/config/index.ts'
import { startServer } from '../packages/server/src/server.ts'
import { insertTenant } from '../packages/server/src/tenants/tenants-repo.ts'
import { serveChild } from './lib/child.ts'
import { type TimeInventoryArgs, timeInventory } from './lib/inventory.ts'
import { startProfiler } from './lib/profile.ts'
import { BENCH_ORIGIN, type DatabaseChoice, type ServerKind } from './lib/servers.ts'
import { sleep } from './lib/stats.ts'

const DEMO_DOCUMENTS = new URL('../packages/server/demo/documents/', import.meta.url)
// High enough that no limiter ever refuses bench traffic; the limiters still run on every event.
const UNLIMITED = '1000000000'

type Handlers = Record<string, (args: never) => unknown>

/** heapUsed and RSS after full collections, so the figure is live memory, not garbage. */
async function memoryAfterGc() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc?.()
    await sleep(50)
  }
  const { heapUsed, rss } = process.memoryUsage()
  return { heapUsed, rss }
}

function listening(http: HttpServer): Promise<string> {
  return new Promise((resolve) =>
    http.listen(0, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)
    }),
  )
}

/** Handlers every kind shares: memory readings, connection counts and scoped CPU profiles. */
function commonHandlers(connections: () => number): Handlers {
  let profiler: Awaited<ReturnType<typeof startProfiler>> | undefined
  return {
    memory: async () => ({ ...(await memoryAfterGc()), connections: connections() }),
    connections: () => connections(),
    profileStart: async () => {
      profiler = await startProfiler()
    },
    profileStop: async ({ file }: { file: string }) => {
      const summary = await profiler!.stop(file)
      profiler = undefined
      return summary
    },
  }
}

/**
 * Polls the document list until every document is ready. (The worker's `drained()` can resolve
 * while a claim is still being made, so the bench asks the API, as a client would.)
 */
async function waitUntilReady(url: string, secretKey: string, expected: number): Promise<number> {
  const deadline = Date.now() + 120_000
  for (;;) {
    const res = await fetch(`${url}/v1/documents`, {
      headers: { authorization: `Bearer ${secretKey}` },
    })
    const { documents } = (await res.json()) as { documents: { status: string }[] }
    const ready = documents.filter((d) => d.status === 'ready').length
    const failed = documents.filter((d) => d.status === 'failed').length
    if (ready === expected) return ready
    if (failed > 0 || Date.now() > deadline) {
      throw new Error(`seeding: ${ready}/${expected} documents ready, ${failed} failed`)
    }
    await sleep(100)
  }
}

/**
 * Resolves once ingestion has nothing to do and the event loop has been idle for a while, so the
 * next upload is timed on a quiet server rather than one still parsing the previous 10 MB.
 */
async function quiet(drained: () => Promise<void>): Promise<void> {
  await drained()
  let calm = 0
  while (calm < 10) {
    const before = performance.now()
    await sleep(20)
    calm = performance.now() - before < 25 ? calm + 1 : 0
  }
  await drained()
}

async function startAvatarAdam(database: DatabaseChoice, allEnv: Record<string, string> = {}) {
  // A peer is a second instance on the same database (and Redis): it seeds nothing and serves
  // the first instance's dealership.
  const { BENCH_PEER: peer, ...env } = allEnv
  const dataDir =
    database.kind === 'pglite'
      ? path.join(await mkdtemp(path.join(tmpdir(), 'avataradam-bench-')), 'data')
      : undefined
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    // BENCH_SERVER_LOG_LEVEL=error shows why a turn failed (the report only counts them).
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? 'silent',
    AVATARADAM_DEMO: 'false',
    DATABASE_URL: database.kind === 'postgres' ? database.url : undefined,
    AVATARADAM_DATA_DIR: dataDir,
    RATE_LIMIT_MESSAGES_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: UNLIMITED,
    RATE_LIMIT_REQUESTS_PER_MINUTE: UNLIMITED,
    // Bench visitors repeat the same questions: sections measure the uncached path unless they
    // turn the cache on themselves (faq).
    ANSWER_CACHE_TTL_SECONDS: '0',
    ...env,
  })
  const server = await startServer(config)
  if (peer) {
    return {
      info: { url: server.url, tenantId: '', publishableKey: '', secretKey: '', documents: 0 },
      handlers: {
        ...commonHandlers(() => server.io.engine.clientsCount),
        stop: () => server.close(),
      },
    }
  }
  const addTenant = async (name: string) => {
    const tenant = await insertTenant(server.db, name)
    const publishable = await server.keys.create(tenant.id, {
      type: 'publishable',
      allowedOrigins: [BENCH_ORIGIN],
    })
    const secret = await server.keys.create(tenant.id, { type: 'secret' })
    return { tenantId: tenant.id, publishableKey: publishable.key, secretKey: secret.key }
  }
  const seeded = await addTenant('Bench Motors')
  const files = (await readdir(DEMO_DOCUMENTS)).sort()
  for (const file of files) {
    const form = new FormData()
    form.set('file', new File([await readFile(new URL(file, DEMO_DOCUMENTS))], file))
    const res = await fetch(`${server.url}/v1/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${seeded.secretKey}` },
      body: form,
    })
    if (res.status !== 202) throw new Error(`seeding ${file}: ${res.status} ${await res.text()}`)
  }
  const ready = await waitUntilReady(server.url, seeded.secretKey, files.length)
  return {
    info: { url: server.url, ...seeded, documents: ready },
    handlers: {
      ...commonHandlers(() => server.io.engine.clientsCount),
      quiet: () => quiet(() => server.ingestion.drained()),
      // More dealerships beside the demo one, for sections that seed data of their own.
      addTenant: ({ name }: { name: string }) => addTenant(name),
      removeTenant: async ({ tenantId }: { tenantId: string }) => {
        await server.db.query('delete from tenants where id = $1', [tenantId])
      },
      // The inventory query engine timed where the server runs it, on the server's own database.
      timeInventory: (args: TimeInventoryArgs) => timeInventory(server.db, args),
      analyzeVehicles: async () => {
        await server.db.query('analyze vehicles')
      },
      stop: async () => {
        // The bench database is the bench's own, but a tidy one keeps runs comparable.
        await server.db
          .query('delete from tenants where id = $1', [seeded.tenantId])
          .catch(() => {})
        await server.close()
        if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true })
      },
    },
  }
}

/** The bare Socket.io baseline: same library and version, default options, acks an echo. */
async function startSocketIoEcho() {
  const http = createServer()
  const io = new Server(http, { serveClient: false, cors: { origin: true } })
  io.on('connection', (socket) => {
    socket.on('echo', (payload: unknown, ack: (res: unknown) => void) => ack(payload))
  })
  return {
    info: { url: await listening(http) },
    handlers: {
      ...commonHandlers(() => io.engine.clientsCount),
      stop: () => new Promise<void>((resolve) => io.close(() => resolve())),
    },
  }
}

/** The bare upload baseline: Hono on @hono/node-server, `parseBody()`, then 202. */
async function startHonoUpload() {
  const app = new Hono()
  app.post('/v1/documents', async (c) => {
    const body = await c.req.parseBody()
    const file = body.file
    if (!(file instanceof File)) return c.json({ error: 'no file' }, 400)
    return c.json({ size: file.size }, 202)
  })
  const http = createAdaptorServer({ fetch: app.fetch }) as HttpServer
  return {
    info: { url: await listening(http) },
    handlers: {
      ...commonHandlers(() => 0),
      stop: () => new Promise<void>((resolve) => http.close(() => resolve())),
    },
  }
}

/**
 * A language model at a fixed pace, speaking OpenAI's streamed chat-completions format: the first
 * word after `firstTokenMs`, then one every `tokenMs`.
 */
async function startModel(pace: { firstTokenMs: number; tokenMs: number; tokens: number }) {
  const chunk = (content: string | undefined, finish: string | null = null) =>
    `data: ${JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion.chunk',
      created: 1_800_000_000,
      model: 'bench',
      choices: [
        { index: 0, delta: content === undefined ? {} : { content }, finish_reason: finish },
      ],
    })}\n\n`
  const http = createServer(async (req, res) => {
    for await (const _ of req) {
      // The request body is read and ignored: every question gets the same paced answer.
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
    await sleep(pace.firstTokenMs)
    for (let i = 0; i < pace.tokens; i++) {
      if (i > 0) await sleep(pace.tokenMs)
      res.write(chunk(i === 0 ? 'The answer' : ` word${i}`))
    }
    res.write(chunk(undefined, 'stop'))
    res.end('data: [DONE]\n\n')
  })
  http.keepAliveTimeout = 60_000
  return {
    info: { url: await listening(http) },
    handlers: {
      ...commonHandlers(() => 0),
      stop: () =>
        new Promise<void>((resolve) => {
          http.closeAllConnections()
          http.close(() => resolve())
        }),
    },
  }
}

await serveChild<{
  kind: ServerKind
  database?: DatabaseChoice
  options?: Record<string, string | number>
}>(async ({ kind, database, options = {} }) => {
  if (kind === 'avataradam') {
    const env = Object.fromEntries(Object.entries(options).map(([k, v]) => [k, String(v)]))
    return startAvatarAdam(database ?? { kind: 'pglite' }, env)
  }
  if (kind === 'socketio-echo') return startSocketIoEcho()
  if (kind === 'model') {
    return startModel({
      firstTokenMs: Number(options.firstTokenMs ?? 200),
      tokenMs: Number(options.tokenMs ?? 20),
      tokens: Number(options.tokens ?? 20),
    })
  }
  return startHonoUpload()
})
