import { AvatarAdamError, createStaffClient, type StaffClient } from '@avataradam/sdk'
import type { ChatDelta, ChatDone, ChatMessage } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.ts'
import { type Db, migrate, openDb } from '../src/db/index.ts'
import { createKeyService, type KeyService } from '../src/tenants/keys.ts'
import { insertTenant } from '../src/tenants/tenants-repo.ts'
import { ask, eventually, sleep } from './support/chat.ts'
import { form, waitForDocument } from './support/documents.ts'
import {
  type CliProcess,
  spawnCli,
  spawnServe,
  startRedis,
  startTcpProxy,
} from './support/instances.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

type Instance = Awaited<ReturnType<typeof spawnServe>>

const { DATABASE_URL, REDIS_URL } = process.env

describe('several instances', () => {
  if (DATABASE_URL && REDIS_URL) {
    // Two `serve` processes and a worker, sharing PostgreSQL (through a proxy this test can cut,
    // to play a database restart) and a Redis of this test's own (which it can stop: the
    // machine's shared Redis at REDIS_URL belongs to other tests too).
    let a: Instance
    let b: Instance
    let worker: CliProcess
    let redis: Awaited<ReturnType<typeof startRedis>>
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>
    let db: Db
    let keys: KeyService
    let tenant: TestTenant
    const cleanup: (() => unknown)[] = []

    beforeAll(async () => {
      const target = new URL(DATABASE_URL)
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
      cleanup.push(() => proxy.close())
      redis = await startRedis()
      cleanup.push(() => redis.kill())
      // Migrated once here, so the processes start on a ready schema (and this test can make
      // tenants directly).
      const config = loadConfig({ DATABASE_URL, AVATARADAM_DEMO: 'false' })
      db = await openDb(config.database)
      cleanup.push(() => db.close())
      await migrate(db)
      keys = createKeyService(db)
      const proxied = new URL(DATABASE_URL)
      proxied.hostname = '127.0.0.1'
      proxied.port = String(proxy.port)
      const env = {
        DATABASE_URL: proxied.toString(),
        REDIS_URL: redis.url,
        LOG_LEVEL: 'warn',
        AVATARADAM_DEMO: 'false',
        INGEST_IN_SERVE: 'false',
        RATE_LIMIT_MESSAGES_PER_MINUTE: '3',
        RATE_LIMIT_CONNECTIONS_PER_MINUTE: '100000',
        RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000',
      }
      worker = spawnCli('worker', env)
      cleanup.push(() => worker.stop())
      const started = await Promise.allSettled([spawnServe(env), spawnServe(env)])
      for (const s of started) if (s.status === 'fulfilled') cleanup.push(() => s.value.stop())
      for (const s of started) if (s.status === 'rejected') throw s.reason
      ;[a, b] = started.map((s) => (s as PromiseFulfilledResult<Instance>).value) as [
        Instance,
        Instance,
      ]
      tenant = await tenantIn(db, keys)
    }, 90_000)

    afterAll(async () => {
      for (const step of cleanup.reverse()) await step()
    }, 30_000)

    async function visitor(on: Instance, visitorId?: string): Promise<VisitorClient> {
      const socket = await connectVisitor(
        visitorClient(on.server, {
          key: tenant.publishable.key,
          ...(visitorId ? { visitorId } : {}),
        }),
      )
      cleanup.push(() => socket.close())
      return socket
    }

    function staff(on: Instance): StaffClient {
      const client = createStaffClient({ secretKey: tenant.secret.key, baseUrl: on.url })
      cleanup.push(() => client.close())
      return client
    }

    /** Staff on `on` watching `conversationId`, with what they saw. */
    async function watching(on: Instance, conversationId: string) {
      const seen = {
        messages: [] as ChatMessage[],
        deltas: [] as ChatDelta[],
        done: [] as ChatDone[],
      }
      const watch = await staff(on).watchConversation(conversationId, {
        message: (m) => seen.messages.push(m),
        delta: (d) => seen.deltas.push(d),
        done: (d) => seen.done.push(d),
      })
      return { watch, seen }
    }

    it('shows staff on one instance the conversation of a visitor on the other, live', async () => {
      const socket = await visitor(a)
      const first = await ask(socket, 'When are you open?')
      const { conversationId } = first.ack
      const { watch, seen } = await watching(b, conversationId)
      expect(watch.messages.map((m) => m.role)).toEqual(['visitor', 'assistant'])

      const second = await ask(socket, 'Do you have trucks?', { conversationId })
      const done = await eventually(async () => seen.done[0], 5000)
      expect(done).toEqual(second.done)
      expect(seen.messages.map((m) => m.text)).toEqual(['Do you have trucks?'])
      expect(seen.deltas.length).toBeGreaterThan(0)
      expect(seen.deltas.map((d) => d.text).join('')).toBe(second.done.text)
    })

    it('counts a visitor’s messages against one limit, whichever instance takes them', async () => {
      const visitorId = `visitor_${crypto.randomUUID()}`
      const onA = await visitor(a, visitorId)
      const onB = await visitor(b, visitorId)
      const send = (socket: VisitorClient, text: string) =>
        socket.emitWithAck('chat:send', { text, clientMessageId: `msg_${crypto.randomUUID()}` })
      for (const [socket, text] of [
        [onA, 'one'],
        [onB, 'two'],
        [onA, 'three'],
      ] as const) {
        expect(await send(socket, text)).toHaveProperty('messageId')
      }
      const fourth = await send(onB, 'four')
      expect(fourth).toMatchObject({
        error: { code: 'rate_limited', retryAfter: expect.any(Number) },
      })
      expect('error' in fourth && fourth.error.retryAfter).toBeGreaterThan(0)
    })

    it('refuses on the other instance, within a second, a key revoked through one', async () => {
      const key = await keys.create(tenant.tenantId, {
        type: 'publishable',
        allowedOrigins: ['https://dealer.example'],
      })
      // B has the key in its cache.
      const before = await connectVisitor(visitorClient(b.server, { key: key.key }))
      before.close()
      const res = await api(a.server, tenant.secret.key, 'POST', `/v1/keys/${key.id}/revoke`)
      expect(res.status).toBe(200)
      const revokedAt = Date.now()
      const refused = await eventually(async () => {
        try {
          const socket = await connectVisitor(visitorClient(b.server, { key: key.key }))
          socket.close()
          return null
        } catch (err) {
          return (err as { data: { code: string } }).data
        }
      }, 5000)
      const took = Date.now() - revokedAt
      expect(refused.code).toBe('key_revoked')
      expect(took).toBeLessThan(1500)
    })

    it('has the worker process a document uploaded through one instance, searchable on the other', async () => {
      const res = await api(
        a.server,
        tenant.secret.key,
        'POST',
        '/v1/documents',
        form('service.md', '# Service\n\nThe service department opens at 7:30 on Saturdays.'),
      )
      expect(res.status).toBe(202)
      const doc = await waitForDocument(b.server, tenant.secret.key, res.body.id)
      expect(doc).toMatchObject({ status: 'ready' })
      const found = await api(b.server, tenant.secret.key, 'POST', '/v1/search', {
        query: 'When does the service department open on Saturday?',
      })
      expect(found.status).toBe(200)
      expect(found.body.hits[0]).toMatchObject({ documentId: doc.id })
    })

    it('keeps chatting on both instances while Redis is down, and fans out again once it is back', async () => {
      const socket = await visitor(a)
      const { conversationId } = (await ask(socket, 'Hello')).ack
      const { seen } = await watching(b, conversationId)

      await redis.kill()
      try {
        // Each instance answers its own visitors (limits in memory, events to local sockets).
        const [onA, onB] = await Promise.all([
          ask(await visitor(a), 'Are you open today?', { timeoutMs: 5000 }),
          ask(await visitor(b), 'Are you open today?', { timeoutMs: 5000 }),
        ])
        expect(onA.done.text.length).toBeGreaterThan(0)
        expect(onB.done.text.length).toBeGreaterThan(0)
        expect([a.alive(), b.alive(), worker.alive()]).toEqual([true, true, true])
      } finally {
        await redis.start()
      }
      // Back: the staff on B sees the visitor on A again (ioredis reconnects within its backoff).
      await eventually(async () => {
        const before = seen.done.length
        await ask(socket, 'Still there?', { conversationId, timeoutMs: 5000 })
        return eventually(async () => seen.done.length > before, 1500).catch(() => false)
      }, 12_000)
    }, 30_000)

    it('survives a PostgreSQL restart: refuses clearly meanwhile, then reconnects with nothing lost', async () => {
      const socket = await visitor(b)
      const first = await ask(socket, 'Can I book a test drive?')
      const { conversationId } = first.ack

      proxy.cut()
      let during: Awaited<ReturnType<VisitorClient['emitWithAck']>>
      try {
        during = await socket.timeout(8000).emitWithAck('chat:send', {
          text: 'Hello?',
          clientMessageId: `msg_${crypto.randomUUID()}`,
          conversationId,
        })
        await sleep(1500)
        expect([a.alive(), b.alive(), worker.alive()]).toEqual([true, true, true])
      } finally {
        proxy.restore()
      }
      // A clear error the client retries on (the SDK does, after retryAfter).
      expect(during).toMatchObject({ error: { code: 'not_ready', retryAfter: 1 } })

      const history = await eventually(async () => {
        const res = await socket.emitWithAck('conversation:history', { conversationId })
        return 'messages' in res ? res : null
      }, 10_000)
      expect(history.messages.map((m) => m.text).slice(0, 2)).toEqual([
        'Can I book a test drive?',
        first.done.text,
      ])
      const after = await ask(socket, 'Saturday morning?', { conversationId, timeoutMs: 8000 })
      expect(after.done.text.length).toBeGreaterThan(0)
      // The worker's queue poll reconnected too.
      const upload = await api(
        a.server,
        tenant.secret.key,
        'POST',
        '/v1/documents',
        form('parts.md', '# Parts\n\nThe parts counter closes at noon on Saturdays.'),
      )
      expect(upload.status).toBe(202)
      expect(await waitForDocument(b.server, tenant.secret.key, upload.body.id)).toMatchObject({
        status: 'ready',
      })
      expect([a.alive(), b.alive(), worker.alive()]).toEqual([true, true, true])
    }, 30_000)
  } else {
    // Without PostgreSQL and Redis: one in-process instance still shows staff a live conversation.
    let server: TestServer
    afterAll(() => server?.stop())
    it('shows staff a visitor’s conversation live on one instance', async () => {
      server = await startTestServer()
      const tenant = await createTenant(server)
      const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
      const staff = createStaffClient({ secretKey: tenant.secret.key, baseUrl: server.url })
      try {
        const first = await ask(socket, 'Hello')
        const done: ChatDone[] = []
        const watch = await staff.watchConversation(first.ack.conversationId, {
          done: (d) => done.push(d),
        })
        expect(watch.messages).toHaveLength(2)
        const second = await ask(socket, 'Open on Sunday?', {
          conversationId: first.ack.conversationId,
        })
        expect(await eventually(async () => done[0], 5000)).toEqual(second.done)
        const other = await createTenant(server, 'Other Motors')
        const theirs = createStaffClient({ secretKey: other.secret.key, baseUrl: server.url })
        const err = await theirs
          .watchConversation(first.ack.conversationId, {})
          .catch((e: unknown) => e)
        theirs.close()
        expect(AvatarAdamError.isInstance(err) && err.code).toBe('conversation_not_found')
      } finally {
        staff.close()
        socket.close()
      }
    })
  }
})

/** A dealership with a publishable key for the test origin and a secret key. */
async function tenantIn(db: Db, keys: KeyService): Promise<TestTenant> {
  const tenant = await insertTenant(db, 'Many Instances Motors')
  const publishable = await keys.create(tenant.id, {
    type: 'publishable',
    allowedOrigins: ['https://dealer.example'],
  })
  const secret = await keys.create(tenant.id, { type: 'secret' })
  return { tenantId: tenant.id, publishable, secret }
}
