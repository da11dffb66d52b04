import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type {
  ClientToServerEvents,
  ConnectErrorData,
  CreatedApiKey,
  HandshakeAuth,
  ServerToClientEvents,
} from '@avataradam/sdk/protocol'
import { io as connect, type Socket } from 'socket.io-client'
import { inject } from 'vitest'
import { loadConfig } from '../../src/config/index.ts'
import { createLogger, type Logger } from '../../src/logger.ts'
import { type RunningServer, type ServerParts, startServer } from '../../src/server.ts'
import { insertTenant } from '../../src/tenants/tenants-repo.ts'

export type VisitorClient = Socket<ServerToClientEvents, ClientToServerEvents>

export const TEST_ORIGIN = 'https://dealer.example'

export interface TestServer extends RunningServer {
  /** The PGlite data directory, for starting another server on the same data (a restart). */
  dataDir: string | undefined
  /** Closes the server and deletes the data directory it created. */
  stop(): Promise<void>
}

/**
 * A real server on a free port: PGlite in a fresh copy of the migrated template, or the
 * PostgreSQL (and Redis) named by DATABASE_URL / REDIS_URL when the suite runs against them.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>
    parts?: ServerParts
    log?: Logger
    /** Reuse this data directory (another server's, closed) instead of a fresh copy. */
    dataDir?: string | undefined
    port?: number
    /** How often a portal member's staff socket checks its access token again. */
    staffTokenCheckMs?: number
  } = {},
): Promise<TestServer> {
  let dataDir = options.dataDir
  const ownsDir = !process.env.DATABASE_URL && !dataDir
  if (ownsDir) {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'avataradam-test-')), 'data')
    await cp(inject('pgliteTemplate'), dataDir, { recursive: true })
  }
  const env: Record<string, string | undefined> = {
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    AVATARADAM_DATA_DIR: dataDir,
    AVATARADAM_DEMO: 'false',
    // Every test connects from 127.0.0.1; with Redis the per-IP count is shared by all servers.
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: '100000',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
    // Sign-ups and invitation acceptances too; the tests of that limit set their own.
    RATE_LIMIT_ACCOUNT_REQUESTS_PER_IP: '100000',
    // Each server its own BullMQ queues: one test's jobs are never run by another test's server.
    JOBS_PREFIX: `test-${crypto.randomUUID()}`,
    ...options.env,
  }
  const config = loadConfig(env)
  const running = await startServer(config, {
    log: options.log ?? createLogger(config.logLevel),
    parts: options.parts,
    staffTokenCheckMs: options.staffTokenCheckMs,
  })
  return {
    ...running,
    dataDir,
    async stop() {
      await running.close()
      if (ownsDir && dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true })
    },
  }
}

export interface TestTenant {
  tenantId: string
  publishable: CreatedApiKey
  secret: CreatedApiKey
}

/** A new dealership with a publishable key for TEST_ORIGIN and a secret key. */
export async function createTenant(
  server: RunningServer,
  name = 'Test Motors',
): Promise<TestTenant> {
  const tenant = await insertTenant(server.db, name)
  const publishable = await server.keys.create(tenant.id, {
    type: 'publishable',
    allowedOrigins: [TEST_ORIGIN],
  })
  const secret = await server.keys.create(tenant.id, { type: 'secret' })
  return { tenantId: tenant.id, publishable, secret }
}

/** A REST call with a secret key; returns status, headers and parsed JSON body. */
export async function api(
  server: RunningServer,
  key: string | null,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked with matchers
): Promise<{ status: number; headers: Headers; body: any }> {
  const init: RequestInit = { method, headers: { ...headers } }
  if (key) (init.headers as Record<string, string>).authorization = `Bearer ${key}`
  if (body instanceof FormData) init.body = body
  else if (typeof body === 'string') {
    init.body = body
    ;(init.headers as Record<string, string>)['content-type'] ??= 'application/json'
  } else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(`${server.url}${path}`, init)
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = text ? JSON.parse(text) : null
  } catch {}
  return { status: res.status, headers: res.headers, body: parsed }
}

/** A visitor's Socket.io client, not yet connected. */
export function visitorClient(
  server: RunningServer,
  auth: Partial<HandshakeAuth>,
  options: { origin?: string | null; reconnection?: boolean } = {},
): VisitorClient {
  const origin = options.origin === undefined ? TEST_ORIGIN : options.origin
  return connect(server.url, {
    auth: { visitorId: `visitor_${crypto.randomUUID()}`, ...auth },
    transports: ['websocket'],
    extraHeaders: origin ? { origin } : {},
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
    autoConnect: false,
    forceNew: true,
  })
}

/** Connects and resolves once connected, or rejects with the server's refusal. */
export function connectVisitor(socket: VisitorClient): Promise<VisitorClient> {
  return new Promise((resolve, reject) => {
    // Both listeners go once settled: a later reconnect's failure is not this handshake's.
    const onConnect = () => {
      socket.off('connect_error', onError)
      resolve(socket)
    }
    const onError = (err: Error) => {
      socket.off('connect', onConnect)
      socket.close()
      reject(Object.assign(err, { data: (err as { data?: ConnectErrorData }).data }))
    }
    socket.once('connect', onConnect)
    socket.once('connect_error', onError)
    socket.connect()
  })
}

/** The `data` of a refused handshake. */
export async function refusal(socket: VisitorClient): Promise<ConnectErrorData> {
  try {
    await connectVisitor(socket)
  } catch (err) {
    return (err as { data: ConnectErrorData }).data
  }
  socket.close()
  throw new Error('the handshake was accepted')
}
