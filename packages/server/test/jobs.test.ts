import { execFile } from 'node:child_process'
import { createHmac, timingSafeEqual } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { FailedJob, LeadCreatedEvent, LeadSubmitPayload } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, sleep } from './support/chat.ts'
import { startMailgunServer } from './support/mailgun-server.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'
import { startWebhookReceiver } from './support/webhook-receiver.ts'

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const MAILGUN_KEY = 'key-test-mailgun-jobs'
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let mailgun: Awaited<ReturnType<typeof startMailgunServer>>
let server: TestServer
let a: TestTenant
let b: TestTenant
const secrets: Record<string, string> = {}

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  mailgun = await startMailgunServer(MAILGUN_KEY)
  server = await startTestServer({
    env: {
      PROVIDER_URLS_ALLOW_PRIVATE: 'true',
      AVATARADAM_SECRET_KEYS: Buffer.alloc(32, 7).toString('base64'),
      JOBS_ATTEMPTS: '3',
      JOBS_BACKOFF_MS: '100',
      MAIL_PROVIDER: 'mailgun',
      MAILGUN_API_KEY: MAILGUN_KEY,
      MAILGUN_DOMAIN: 'mg.adam-motors.example',
      MAILGUN_URL: mailgun.url,
    },
  })
  a = await createTenant(server, 'Adam Motors')
  b = await createTenant(server, 'Bravo Cars')
  for (const [name, tenant] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const res = await api(server, tenant.secret.key, 'PUT', '/v1/webhooks', {
      url: `${receiver.url}/${name}`,
    })
    expect(res.status).toBe(200)
    secrets[name] = res.body.secret
  }
}, 60_000)
afterAll(async () => {
  await server?.stop()
  await receiver?.close()
  await mailgun?.close()
})

async function newLead(tenant: TestTenant, name = 'Dana Reyes') {
  const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
  const payload: LeadSubmitPayload = {
    clientLeadId: `lead_${crypto.randomUUID()}`,
    name,
    email: 'dana@example.com',
    consent: true,
  }
  const ack = await socket.emitWithAck('lead:submit', payload)
  socket.disconnect()
  if ('error' in ack) throw new Error(ack.error.message)
  return ack.lead
}

/** Deliveries of one lead to one receiver path, parsed. */
const deliveriesOf = (path: string, leadId: string) =>
  receiver
    .to(path)
    .map((r) => ({ ...r, event: JSON.parse(r.body) as LeadCreatedEvent }))
    .filter((r) => r.event.lead.id === leadId)

const failedJobs = async (tenant: TestTenant): Promise<FailedJob[]> => {
  const res = await api(server, tenant.secret.key, 'GET', '/v1/jobs/failed')
  expect(res.status).toBe(200)
  return res.body.jobs
}

describe(`lead webhooks (${process.env.REDIS_URL ? 'BullMQ' : 'in-process queue'})`, () => {
  it('POSTs a new lead to the webhook, signed with the secret shown once', async () => {
    const shown = await api(server, a.secret.key, 'GET', '/v1/webhooks')
    expect(shown.body).toEqual({ url: `${receiver.url}/a` })
    expect(JSON.stringify(shown.body)).not.toContain('whsec_')
    expect(secrets.a).toMatch(/^whsec_/)
    // Sealed at rest with AVATARADAM_SECRET_KEYS.
    const [stored] = await server.db.query<{ lead_webhook_secret: string }>(
      'select lead_webhook_secret from tenants where id = $1',
      [a.tenantId],
    )
    expect(stored!.lead_webhook_secret).not.toContain(secrets.a!.slice(6))
    expect(stored!.lead_webhook_secret).not.toMatch(/^whsec_/)

    const lead = await newLead(a)
    const [delivery] = await eventually(async () => {
      const found = deliveriesOf('/a', lead.id)
      return found.length > 0 && found
    })
    expect(delivery!.event).toMatchObject({
      type: 'lead.created',
      lead: { id: lead.id, name: 'Dana Reyes' },
    })
    expect(delivery!.headers['content-type']).toBe('application/json')
    const header = String(delivery!.headers['avataradam-signature'])
    const { t, v1 } = Object.fromEntries(
      header.split(',').map((p) => p.split('=') as [string, string]),
    )
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60)
    const expected = createHmac('sha256', secrets.a!).update(`${t}.${delivery!.body}`).digest()
    expect(timingSafeEqual(Buffer.from(v1!, 'hex'), expected)).toBe(true)
    // Signed with another dealership's secret, it would not verify.
    const other = createHmac('sha256', secrets.b!).update(`${t}.${delivery!.body}`).digest()
    expect(timingSafeEqual(Buffer.from(v1!, 'hex'), other)).toBe(false)
    // Nothing to b's receiver.
    expect(deliveriesOf('/b', lead.id)).toHaveLength(0)
  })

  it('retries a 500 with backoff, and delivers the same event once the receiver is back', async () => {
    receiver.script('/a', 500, 503)
    const lead = await newLead(a, 'Retry Reyes')
    const deliveries = await eventually(async () => {
      const found = deliveriesOf('/a', lead.id)
      return found.length >= 3 && found
    })
    await sleep(500)
    expect(deliveriesOf('/a', lead.id)).toHaveLength(3)
    // The same event id each time, so a receiver can ignore one it has seen.
    expect(new Set(deliveries.map((d) => d.event.id)).size).toBe(1)
    expect(deliveries[0]!.headers['avataradam-event-id']).toBe(deliveries[0]!.event.id)
    // Backoff: 100 ms, then 200 ms, at least.
    expect(deliveries[1]!.at - deliveries[0]!.at).toBeGreaterThanOrEqual(90)
    expect(deliveries[2]!.at - deliveries[1]!.at).toBeGreaterThanOrEqual(180)
    expect((await failedJobs(a)).map((j) => j.leadId)).not.toContain(lead.id)
  })

  it('gives up at once on a 410 Gone: the job is failed after one attempt', async () => {
    receiver.script('/a', 410)
    const lead = await newLead(a, 'Gone Reyes')
    const failed = await eventually(async () =>
      (await failedJobs(a)).find((j) => j.leadId === lead.id),
    )
    expect(failed).toMatchObject({ queue: 'webhooks', attemptsMade: 1, mailId: null })
    expect(failed.reason).toContain('answered 410')
    await sleep(400)
    expect(deliveriesOf('/a', lead.id)).toHaveLength(1)
  })

  it('keeps a delivery that always fails in the failed jobs of its dealership only, and retries it on demand', async () => {
    receiver.script('/a', 500, 500, 500)
    const lead = await newLead(a, 'Dead Letter')
    const failed = await eventually(
      async () => (await failedJobs(a)).find((j) => j.leadId === lead.id),
      20_000,
    )
    expect(failed).toMatchObject({ queue: 'webhooks', attemptsMade: 3 })
    expect(failed.reason).toContain('answered 500')
    expect(deliveriesOf('/a', lead.id)).toHaveLength(3)

    // Another dealership sees none of it, and cannot retry it.
    expect((await failedJobs(b)).map((j) => j.id)).not.toContain(failed.id)
    const refused = await api(server, b.secret.key, 'POST', `/v1/jobs/${failed.id}/retry`)
    expect(refused.status).toBe(404)
    await sleep(300)
    expect(deliveriesOf('/a', lead.id)).toHaveLength(3)

    const retried = await api(server, a.secret.key, 'POST', `/v1/jobs/${failed.id}/retry`)
    expect(retried.status).toBe(202)
    await eventually(async () => deliveriesOf('/a', lead.id).length === 4)
    await eventually(async () => !(await failedJobs(a)).some((j) => j.id === failed.id))
    const again = await api(server, a.secret.key, 'POST', `/v1/jobs/${failed.id}/retry`)
    expect(again.status).toBe(404)

    // Before the retry the failed job was counted; the gauge reads the queues at each scrape.
    receiver.script('/a', 410)
    const gone = await newLead(a, 'Counted')
    await eventually(async () => (await failedJobs(a)).some((j) => j.leadId === gone.id))
    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    const failedGauge = /^avataradam_queue_jobs\{queue="webhooks",state="failed"\} (\d+)$/m.exec(
      metrics,
    )
    expect(Number(failedGauge?.[1])).toBeGreaterThanOrEqual(1)
    expect(metrics).toMatch(/^avataradam_queue_jobs\{queue="email",state="waiting"\} \d+$/m)
  })

  it('validates the webhook URL, and stops delivering once the webhook is removed', async () => {
    const bad = await api(server, b.secret.key, 'PUT', '/v1/webhooks', { url: 'ftp://x.example' })
    expect(bad.status).toBe(400)
    expect((await api(server, b.secret.key, 'GET', '/v1/webhooks')).body.url).toBe(
      `${receiver.url}/b`,
    )
    const removed = await api(server, b.secret.key, 'DELETE', '/v1/webhooks')
    expect(removed.status).toBe(204)
    expect((await api(server, b.secret.key, 'GET', '/v1/webhooks')).body).toEqual({ url: null })
    const lead = await newLead(b)
    await sleep(500)
    expect(deliveriesOf('/b', lead.id)).toHaveLength(0)
  })

  it('refuses a private-network webhook URL unless PROVIDER_URLS_ALLOW_PRIVATE', async () => {
    const strict = await startTestServer()
    try {
      const tenant = await createTenant(strict)
      for (const url of [
        `${receiver.url}/a`,
        'http://10.0.0.8/hook',
        'http://[::1]/hook',
        'http://metadata.internal/',
      ]) {
        const res = await api(strict, tenant.secret.key, 'PUT', '/v1/webhooks', { url })
        expect(res.status).toBe(400)
        expect(res.body.error.message).toContain('public address')
      }
      const ok = await api(strict, tenant.secret.key, 'PUT', '/v1/webhooks', {
        url: 'https://crm.example.com/hooks/avataradam',
      })
      expect(ok.status).toBe(200)
    } finally {
      await strict.stop()
    }
  })
})

describe('lead notification email', () => {
  const outboxRow = (id: string) =>
    server.db.query<{ status: string; error: string | null; provider_message_id: string | null }>(
      'select status, error, provider_message_id from mail_outbox where id = $1',
      [id],
    )

  async function leadEmail(tenant: TestTenant, base: string) {
    // Unique: a PostgreSQL database keeps earlier runs' mail.
    const name = `${base} ${crypto.randomUUID().slice(0, 8)}`
    await api(server, tenant.secret.key, 'PUT', '/v1/leads/settings', {
      notificationEmail: 'sales@adam-motors.example',
    })
    await newLead(tenant, name)
    const [row] = await eventually(async () => {
      const rows = await server.db.query<{ id: string }>(
        'select id from mail_outbox where subject like $1',
        [`New lead: ${name}%`],
      )
      return rows.length > 0 && rows
    })
    return row!.id
  }

  if (process.env.REDIS_URL) {
    it('is sent by the email queue: a Mailgun 5xx is retried with backoff until it is sent', async () => {
      const seen = mailgun.requests.length
      mailgun.next({ status: 503, body: { message: 'Service Unavailable' } })
      const id = await leadEmail(a, 'Mail Retry')
      const [row] = await eventually(async () => {
        const rows = await outboxRow(id)
        return rows[0]?.status === 'sent' && rows
      })
      expect(row).toMatchObject({ status: 'sent', error: null })
      expect(row!.provider_message_id).toBeTruthy()
      expect(mailgun.requests.length - seen).toBe(2)
    })

    it('records the final failure on the outbox row and keeps the job in the failed jobs', async () => {
      for (let i = 0; i < 3; i++) mailgun.next({ status: 500, body: { message: 'Internal Error' } })
      const id = await leadEmail(b, 'Mail Dead')
      const failed = await eventually(
        async () => (await failedJobs(b)).find((j) => j.mailId === id),
        20_000,
      )
      expect(failed).toMatchObject({ queue: 'email', attemptsMade: 3, leadId: null })
      const [row] = await outboxRow(id)
      expect(row).toMatchObject({ status: 'failed' })
      expect((await failedJobs(a)).map((j) => j.id)).not.toContain(failed.id)
      // Retried from the view, it is sent.
      expect((await api(server, b.secret.key, 'POST', `/v1/jobs/${failed.id}/retry`)).status).toBe(
        202,
      )
      await eventually(async () => (await outboxRow(id))[0]?.status === 'sent')
    })
  } else {
    it('falls back to sending at once in the process without Redis: a Mailgun 5xx is recorded on the row', async () => {
      mailgun.next({ status: 503, body: { message: 'Service Unavailable' } })
      const id = await leadEmail(a, 'Mail Once')
      const [row] = await eventually(async () => {
        const rows = await outboxRow(id)
        return rows[0]?.status !== 'stored' && rows
      })
      expect(row).toMatchObject({ status: 'failed' })
      expect(server.queues.kind).toBe('memory')
    })
  }
})

describe('avataradam jobs', () => {
  const cli = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--conditions=source', '--no-warnings', CLI, 'jobs', ...args],
        {
          env: {
            ...process.env,
            LOG_LEVEL: 'warn',
            AVATARADAM_DATA_DIR: server.dataDir,
            JOBS_PREFIX: server.config.jobs.prefix,
          },
        },
      )
      return { code: 0, stdout, stderr: '' }
    } catch (err) {
      const e = err as { code: number; stdout: string; stderr: string }
      return { code: e.code, stdout: e.stdout, stderr: e.stderr }
    }
  }

  if (process.env.REDIS_URL) {
    it("lists every dealership's failed jobs for the operator, and retries one", async () => {
      receiver.script('/a', 410)
      const lead = await newLead(a, 'Operator Retry')
      const failed = await eventually(async () =>
        (await failedJobs(a)).find((j) => j.leadId === lead.id),
      )
      const listed = await cli('failed', '--json')
      expect(listed.code).toBe(0)
      const body = JSON.parse(listed.stdout)
      expect(body.jobs).toContainEqual(
        expect.objectContaining({ id: failed.id, queue: 'webhooks', tenantId: a.tenantId }),
      )
      expect(body.counts.webhooks.failed).toBeGreaterThanOrEqual(1)
      expect((await cli('failed')).stdout).toContain(`${failed.id}  webhooks`)

      const retried = await cli('retry', failed.id)
      expect(retried).toMatchObject({ code: 0 })
      await eventually(async () => deliveriesOf('/a', lead.id).length === 2)
      const missing = await cli('retry', failed.id)
      expect(missing.code).toBe(1)
      expect(missing.stderr).toContain('No failed job')
    }, 90_000)
  } else {
    it('falls back to the in-process queue without Redis, so the operator command says it needs REDIS_URL', async () => {
      const res = await cli('failed')
      expect(res.code).toBe(1)
      expect(res.stderr).toContain('needs REDIS_URL')
    })
  }
})
