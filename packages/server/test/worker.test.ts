import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { eventually, sleep } from './support/chat.ts'
import { form, waitForDocument } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  visitorClient,
} from './support/server.ts'
import { startWebhookReceiver } from './support/webhook-receiver.ts'

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const ARGS = ['--conditions=source', '--no-warnings', CLI, 'worker']

/** A long handbook in many sections: thousands of passages to embed. */
function bigHandbook(sections = Number(process.env.TEST_HANDBOOK_SECTIONS ?? 3000)): string {
  const topics = ['financing', 'trade-in', 'service', 'warranty', 'test drive', 'leasing', 'parts']
  return Array.from({ length: sections }, (_, i) => {
    const topic = topics[i % topics.length]
    return `## ${topic} policy ${i}\n\nRule ${i} about ${topic}: customers visiting on day ${i % 31} may ask about option ${i * 7} and the department answers within ${i % 48} hours, for vehicles of model year ${2000 + (i % 26)}.`
  }).join('\n\n')
}

describe('avataradam worker', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step()
  })

  // The worker shares PostgreSQL's queue with the servers; the embedded database has one owner.
  if (process.env.DATABASE_URL) {
    it('processes, in a process of its own, what serve instances queue', async () => {
      const server: TestServer = await startTestServer({ env: { INGEST_IN_SERVE: 'false' } })
      cleanup.push(() => server.stop())
      const tenant = await createTenant(server)
      const res = await api(
        server,
        tenant.secret.key,
        'POST',
        '/v1/documents',
        form('hours.md', '# Hours\n\nOpen 9 to 5, Monday to Saturday.'),
      )
      expect(res.status).toBe(202)
      await sleep(600)
      const waiting = await api(server, tenant.secret.key, 'GET', `/v1/documents/${res.body.id}`)
      expect(waiting.body.status).toBe('queued')

      const worker: ChildProcess = spawn(process.execPath, ARGS, {
        env: { ...process.env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      worker.stdout?.on('data', (d) => {
        output += d
      })
      cleanup.push(async () => {
        if (worker.exitCode === null) worker.kill('SIGKILL')
      })
      const doc = await waitForDocument(server, tenant.secret.key, res.body.id)
      expect(doc).toMatchObject({ status: 'ready', chunkCount: 1 })
      expect(output).toContain('document ready')

      worker.kill('SIGTERM')
      const [code] = await once(worker, 'exit')
      expect(code).toBe(0)
      expect(output).toContain('worker stopped')
    })
  }

  if (process.env.DATABASE_URL && process.env.REDIS_URL) {
    it('finishes each document exactly once when a worker is killed (SIGKILL) mid-ingestion and another starts', async () => {
      // Queues of their own, and short claims so the dead worker's document is taken up soon.
      const env = {
        INGEST_IN_SERVE: 'false',
        JOBS_PREFIX: `test-${crypto.randomUUID()}`,
        INGEST_LEASE_SECONDS: '3',
      }
      const server = await startTestServer({ env })
      cleanup.push(() => server.stop())
      const tenant = await createTenant(server)
      const reference = await createTenant(server)
      const spawnWorker = () => {
        const worker = spawn(process.execPath, ARGS, {
          env: { ...process.env, ...env, LOG_LEVEL: 'info' },
          stdio: ['ignore', 'pipe', 'pipe'],
        })
        const log = { output: '' }
        worker.stdout?.on('data', (d) => {
          log.output += d
        })
        cleanup.push(async () => {
          if (worker.exitCode === null) worker.kill('SIGKILL')
        })
        return { worker, log }
      }
      const first = spawnWorker()
      await eventually(async () => first.log.output.includes('worker started'), 30_000)

      // Big enough that embedding it takes a while: the kill lands mid-way.
      const text = bigHandbook()
      const started = Date.now()
      const res = await api(
        server,
        tenant.secret.key,
        'POST',
        '/v1/documents',
        form('handbook.md', text),
      )
      expect(res.status).toBe(202)
      const id = res.body.id as string
      const midway = await eventually(async () => {
        const doc = (await api(server, tenant.secret.key, `GET`, `/v1/documents/${id}`)).body
        return doc.status === 'processing' && doc.progress > 0.1 && doc
      }, 30_000)
      first.worker.kill('SIGKILL')
      await once(first.worker, 'exit')
      const atKill = (await api(server, tenant.secret.key, 'GET', `/v1/documents/${id}`)).body
      expect(atKill.status).toBe('processing')
      expect(midway.progress).toBeLessThan(1)

      const second = spawnWorker()
      const ready = await waitForDocument(server, tenant.secret.key, id, 60_000)
      expect(ready.status).toBe('ready')
      const elapsed = Date.now() - started

      // The same document ingested once, from scratch, by the surviving worker.
      const again = await api(
        server,
        reference.secret.key,
        'POST',
        '/v1/documents',
        form('handbook.md', text),
      )
      const single = await waitForDocument(server, reference.secret.key, again.body.id, 60_000)
      expect(ready.chunkCount).toBe(single.chunkCount)
      const [rows] = await server.db.query<{ chunks: number; ordinals: number; attempts: number }>(
        `select count(*)::int as chunks, count(distinct c.ordinal)::int as ordinals,
                (select attempts from documents where id = $1) as attempts
           from chunks c where c.document_id = $1`,
        [id],
      )
      expect(rows).toEqual({ chunks: single.chunkCount, ordinals: single.chunkCount, attempts: 2 })
      // Made ready once: never by the killed worker, at most once by the other (another test's
      // server sharing the database may have claimed it after the lease ran out).
      const readyLines = (output: string) =>
        output.split('\n').filter((l) => l.includes(id) && l.includes('document ready')).length
      expect(readyLines(first.log.output)).toBe(0)
      expect(readyLines(second.log.output)).toBeLessThanOrEqual(1)
      console.info(`killed at ${Math.round(midway.progress * 100)} %; ready after ${elapsed} ms`)

      second.worker.kill('SIGTERM')
      const [code] = await once(second.worker, 'exit')
      expect(code).toBe(0)
    }, 120_000)
  }

  if (process.env.DATABASE_URL && process.env.REDIS_URL) {
    it('delivers the webhooks serve instances queue, signed, from a process of its own', async () => {
      const receiver = await startWebhookReceiver()
      cleanup.push(() => receiver.close())
      const env = {
        INGEST_IN_SERVE: 'false',
        JOBS_PREFIX: `test-${crypto.randomUUID()}`,
        PROVIDER_URLS_ALLOW_PRIVATE: 'true',
      }
      const server = await startTestServer({ env })
      cleanup.push(() => server.stop())
      const tenant = await createTenant(server)
      const set = await api(server, tenant.secret.key, 'PUT', '/v1/webhooks', {
        url: `${receiver.url}/hook`,
      })
      const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
      const ack = await socket.emitWithAck('lead:submit', {
        clientLeadId: `lead_${crypto.randomUUID()}`,
        name: 'Worker Delivered',
        phone: '+1 555 010 2030',
        consent: true,
      })
      socket.disconnect()
      if ('error' in ack) throw new Error(ack.error.message)
      // Queued in Redis; no process runs the queue yet.
      await sleep(700)
      expect(receiver.received).toHaveLength(0)

      const worker = spawn(process.execPath, ARGS, {
        env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      cleanup.push(async () => {
        if (worker.exitCode === null) worker.kill('SIGKILL')
      })
      const [delivery] = await eventually(
        async () => receiver.received.length > 0 && receiver.received,
        30_000,
      )
      const event = JSON.parse(delivery!.body)
      expect(event).toMatchObject({ type: 'lead.created', lead: { id: ack.lead.id } })
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
        String(delivery!.headers['avataradam-signature']),
      )!
      expect(v1).toBe(
        createHmac('sha256', set.body.secret).update(`${t}.${delivery!.body}`).digest('hex'),
      )
      worker.kill('SIGTERM')
      const [code] = await once(worker, 'exit')
      expect(code).toBe(0)
    }, 60_000)
  }

  if (!process.env.DATABASE_URL) {
    it('refuses the embedded database, saying what it needs', async () => {
      const run = promisify(execFile)(process.execPath, ARGS, {
        env: { ...process.env, DATABASE_URL: '', AVATARADAM_DATA_DIR: '/nonexistent/data' },
      })
      await expect(run).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('needs DATABASE_URL'),
      })
    })
  }
})
