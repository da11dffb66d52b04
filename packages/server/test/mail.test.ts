import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.ts'
import { createMailer } from '../src/providers/mail/mailer.ts'
import { createMailgunTransport } from '../src/providers/mail/mailgun-transport.ts'
import { startMailgunServer } from './support/mailgun-server.ts'
import { createTenant, startTestServer, type TestServer } from './support/server.ts'

const KEY = 'key-test-mailgun-123'
let mailgun: Awaited<ReturnType<typeof startMailgunServer>>
let server: TestServer

beforeAll(async () => {
  mailgun = await startMailgunServer(KEY)
  server = await startTestServer()
})
afterAll(async () => {
  await server.stop()
  await mailgun.close()
})

const transport = (apiKey = KEY) =>
  createMailgunTransport({
    apiKey,
    domain: 'mg.hilltop.example',
    url: mailgun.url,
    from: 'Hilltop Ford <assistant@mg.hilltop.example>',
  })
const silent = createLogger('silent')

describe('Mailgun', () => {
  it('sends through the HTTP API with Basic auth and the documented form fields', async () => {
    const seen = mailgun.requests.length
    const id = await transport().deliver({
      to: 'buyer@example.com',
      subject: 'Your test drive',
      text: 'See you Saturday at 10.',
      html: '<p>See you Saturday at 10.</p>',
      replyTo: 'sales@hilltop.example',
    })
    expect(id).toMatch(/@mg\.hilltop\.example>$/)
    const sent = mailgun.requests[seen]!
    expect(sent).toMatchObject({ method: 'POST', path: '/v3/mg.hilltop.example/messages' })
    expect(sent.authorization).toBe(`Basic ${Buffer.from(`api:${KEY}`).toString('base64')}`)
    expect(sent.fields).toMatchObject({
      from: ['Hilltop Ford <assistant@mg.hilltop.example>'],
      to: ['buyer@example.com'],
      subject: ['Your test drive'],
      text: ['See you Saturday at 10.'],
      html: ['<p>See you Saturday at 10.</p>'],
      'h:Reply-To': ['sales@hilltop.example'],
    })
  })

  it('reports a refused key (401) and a refused message (400) as errors', async () => {
    await expect(
      transport('key-wrong').deliver({ to: 'a@example.com', subject: 's', text: 't' }),
    ).rejects.toMatchObject({ status: 401 })
    mailgun.next({ status: 400, body: { message: "'to' parameter is not a valid address." } })
    await expect(
      transport().deliver({ to: 'not-an-address', subject: 's', text: 't' }),
    ).rejects.toMatchObject({ status: 400 })
  })

  it('checks the sending domain', async () => {
    expect(await transport().checkDomain()).toBe('domain mg.hilltop.example (active)')
  })
})

describe('the mailer and its outbox', () => {
  it('records every message first, then whether the provider took it', async () => {
    const tenant = await createTenant(server, 'Hilltop Ford')
    const mailer = createMailer({ db: server.db, transport: transport(), log: silent })
    const sent = await mailer.send({
      tenantId: tenant.tenantId,
      to: 'buyer@example.com',
      subject: 'Hello',
      text: 'Hi!',
    })
    expect(sent).toMatchObject({ status: 'sent', providerMessageId: expect.stringContaining('@') })

    const failing = createMailer({ db: server.db, transport: transport('key-wrong'), log: silent })
    const failed = await failing.send({
      tenantId: tenant.tenantId,
      to: 'b@example.com',
      subject: 'Hi',
      text: 'x',
    })
    expect(failed.status).toBe('failed')
    expect(failed.error).toBeTruthy()

    const rows = await server.db.tenant(tenant.tenantId, (tx) =>
      tx.query<{
        id: string
        status: string
        provider: string
        provider_message_id: string | null
      }>('select id, status, provider, provider_message_id from mail_outbox order by created_at'),
    )
    expect(rows.map((r) => [r.id, r.status, r.provider])).toEqual([
      [sent.id, 'sent', 'mailgun'],
      [failed.id, 'failed', 'mailgun'],
    ])
    // Another dealership's outbox shows none of it.
    const other = await createTenant(server, 'Other Motors')
    const foreign = await server.db.tenant(other.tenantId, (tx) =>
      tx.query('select id from mail_outbox'),
    )
    expect(foreign).toEqual([])
  })

  it('in embedded mode keeps mail in the outbox and sends nothing', async () => {
    const seen = mailgun.requests.length
    const tenant = await createTenant(server, 'Outbox Motors')
    const mailer = createMailer({ db: server.db, log: silent })
    const stored = await mailer.send({
      tenantId: tenant.tenantId,
      to: 'c@example.com',
      subject: 'Hi',
      text: 'x',
    })
    expect(stored.status).toBe('stored')
    expect(mailgun.requests.length).toBe(seen)
    const [row] = await server.db.tenant(tenant.tenantId, (tx) =>
      tx.query<{ recipient: string; status: string }>('select recipient, status from mail_outbox'),
    )
    expect(row).toEqual({ recipient: 'c@example.com', status: 'stored' })
  })
})
