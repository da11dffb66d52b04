import type { LeadRequest, LeadSubmitPayload } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, eventually } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  type ModelRequest,
  startModelServer,
  streamReply,
  toolCallReply,
} from './support/openai-server.ts'
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

let models: Awaited<ReturnType<typeof startModelServer>>
let server: TestServer
let a: TestTenant
let b: TestTenant
let inventoryA: string

const INVENTORY_A =
  'Stock #,Year,Make,Model,Trim,Body Style,Condition,Price,Mileage\n' +
  'T100,2021,Toyota,RAV4,XLE,SUV,Used,27900,31200\n' +
  'T200,2023,Toyota,Camry,SE,Sedan,New,29500,12\n' +
  'H300,2019,Honda,Civic,LX,Sedan,Used,17500,48000\n'
const INVENTORY_B = 'Stock #,Year,Make,Model,Price\nB1,2022,Toyota,Corolla,21000\n'

beforeAll(async () => {
  models = await startModelServer(streamReply(['Happy to help.']))
  server = await startTestServer({
    env: {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: models.baseUrl,
      LLM_MODEL: 'dealer-model',
      LLM_MAX_RETRIES: '0',
      RATE_LIMIT_LEADS_PER_HOUR: '3',
    },
  })
  a = await createTenant(server, 'Adam Motors')
  b = await createTenant(server, 'Bravo Cars')
  inventoryA = (await uploadAndWait(server, a.secret.key, 'inventory.csv', INVENTORY_A)).id
  // More hours passages than a turn retrieves, so an hours question retrieves no vehicle.
  const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
  await uploadAndWait(
    server,
    a.secret.key,
    'hours.md',
    `# Opening hours\n\n${days.map((d) => `## ${d} hours\n\nOn ${d} the showroom opening hours are 9 AM to 6 PM.`).join('\n\n')}`,
  )
  await uploadAndWait(server, b.secret.key, 'inventory-b.csv', INVENTORY_B)
}, 60_000)
afterAll(async () => {
  await server?.stop()
  await models?.close()
})

const visitorOf = (tenant: TestTenant) =>
  connectVisitor(visitorClient(server, { key: tenant.publishable.key }))

/** The tool messages of a request the model received, parsed. */
const toolResults = (req: ModelRequest) =>
  req.body.messages.filter((m) => m.role === 'tool').map((m) => JSON.parse(m.content!))

function submit(
  socket: VisitorClient,
  payload: Partial<LeadSubmitPayload> | Record<string, unknown>,
) {
  return socket.emitWithAck('lead:submit', payload as LeadSubmitPayload)
}

const leadFor = (extra: Partial<LeadSubmitPayload> = {}): LeadSubmitPayload => ({
  clientLeadId: `lead_${crypto.randomUUID()}`,
  name: 'Dana Reyes',
  email: 'dana@example.com',
  consent: true,
  ...extra,
})

describe('search_inventory', () => {
  it("finds vehicles in the dealership's own inventory only, and the answer cites them", async () => {
    const socket = await visitorOf(a)
    const seen = models.requests.length
    models.next(
      toolCallReply([
        {
          id: 'call_inv',
          name: 'search_inventory',
          arguments: '{"make":"toyota","priceMax":28000,"condition":null}',
        },
      ]),
      // The model reads the tool's result and cites the vehicle by the ref it was given.
      (req, res) => {
        const [found] = toolResults(req)
        const v = found.vehicles[0]
        const name = `${v.year} ${v.make} ${v.model} ${v.trim} (Stock #${v.stockNumber})`
        return streamReply([`We have the ${name} at $${v.price} [${v.ref}].`])(req, res)
      },
    )
    const { done } = await ask(socket, 'What are your opening hours on Saturday?')
    const [first, second] = models.requests.slice(seen)
    // Retrieval found hours, not vehicles: the citation can only come from the tool's result.
    const data = first!.body.messages.find((m) => m.content?.startsWith('<data>'))
    expect(data?.content).toContain('Passages:')
    expect(data?.content).not.toContain('RAV4')
    const [found] = toolResults(second!)
    expect(found).toMatchObject({ total: 1, shown: 1 })
    // The vehicle's typed row, with the number to cite it by; no ids of the database.
    expect(found.vehicles).toEqual([
      expect.objectContaining({
        ref: expect.any(Number),
        year: 2021,
        make: 'Toyota',
        model: 'RAV4',
        trim: 'XLE',
        price: 27_900,
        mileage: 31_200,
        bodyStyle: 'suv',
        condition: 'used',
        stockNumber: 'T100',
        status: 'available',
      }),
    ])
    expect(found.vehicles[0]).not.toHaveProperty('id')
    expect(found.vehicles[0]).not.toHaveProperty('documentId')
    // Tenant B's Corolla (also a Toyota under 28k) is not A's to show.
    expect(JSON.stringify(second!.body.messages)).not.toContain('Corolla')
    expect(done.text).toMatch(
      /^We have the 2021 Toyota RAV4 XLE \(Stock #T100\) at \$27900 \[\d+\]\.$/,
    )
    expect(done.citations).toEqual([
      expect.objectContaining({ documentId: inventoryA, snippet: expect.stringContaining('RAV4') }),
    ])
    socket.close()
  })

  it('filters by year, body style, condition and words of the listing', async () => {
    const socket = await visitorOf(a)
    const seen = models.requests.length
    models.next(
      toolCallReply([
        {
          id: 'c1',
          name: 'search_inventory',
          arguments: '{"bodyStyle":"sedan","condition":"used"}',
        },
        { id: 'c2', name: 'search_inventory', arguments: '{"yearMin":2022,"text":"camry se"}' },
        { id: 'c3', name: 'search_inventory', arguments: '{"make":"Ford"}' },
      ]),
      streamReply(['Here is what we have.']),
    )
    await ask(socket, 'What sedans do you have?')
    const [used, recent, none] = toolResults(models.requests[seen + 1]!)
    expect(used.vehicles.map((v: { model: string }) => v.model)).toEqual(['Civic'])
    expect(recent.vehicles.map((v: { model: string }) => v.model)).toEqual(['Camry'])
    expect(none).toMatchObject({
      total: 0,
      vehicles: [],
      note: expect.stringMatching(/No vehicle/),
    })
    socket.close()
  })

  it('answers the visitor when the model sends arguments that are not JSON', async () => {
    const socket = await visitorOf(a)
    const seen = models.requests.length
    models.next(
      toolCallReply([{ id: 'bad', name: 'search_inventory', arguments: '{"make": "Toy' }]),
      toolCallReply([{ id: 'bad2', name: 'search_inventory', arguments: '{"priceMax":"cheap"}' }]),
      streamReply(['Let me connect you with our team.']),
    )
    const { done } = await ask(socket, 'Cheap cars?')
    expect(done.text).toBe('Let me connect you with our team.')
    const results = toolResults(models.requests[seen + 2]!)
    expect(results[0].error).toMatch(/not valid JSON/)
    expect(results[1].error).toMatch(/priceMax/)
    socket.close()
  })
})

describe('start_lead_capture and lead:submit', () => {
  let conversationA: string

  it('shows the visitor a lead form after the answer, and stores and emails the lead', async () => {
    const settings = await api(server, a.secret.key, 'PUT', '/v1/leads/settings', {
      notificationEmail: 'sales@adam-motors.example',
    })
    expect(settings).toMatchObject({
      status: 200,
      body: { notificationEmail: 'sales@adam-motors.example' },
    })
    const socket = await visitorOf(a)
    const seen = models.requests.length
    models.next(
      toolCallReply([
        {
          id: 'call_lead',
          name: 'start_lead_capture',
          arguments: JSON.stringify({
            reason: 'Test drive of the 2021 Toyota RAV4',
            vehicle: { name: '2021 Toyota RAV4 XLE', stockNumber: 'T100' },
            name: 'Dana',
            email: 'not an email',
          }),
        },
      ]),
      streamReply(['Great! Fill in the form below and we will call you.']),
    )
    const order: string[] = []
    socket.on('chat:done', () => order.push('done'))
    const requested = new Promise<LeadRequest>((resolve) =>
      socket.once('lead:request', (r) => {
        order.push('lead:request')
        resolve(r)
      }),
    )
    const { done, ack } = await ask(socket, 'Can I test drive the RAV4 on Saturday?')
    const request = await requested
    conversationA = ack.conversationId
    expect(order).toEqual(['done', 'lead:request'])
    expect(request).toEqual({
      conversationId: ack.conversationId,
      answerId: done.messageId,
      reason: 'Test drive of the 2021 Toyota RAV4',
      vehicle: { name: '2021 Toyota RAV4 XLE', stockNumber: 'T100' },
      // An email that is not one is left out of the form, not an error.
      prefill: { name: 'Dana' },
    })
    expect(toolResults(models.requests[seen + 1]!)).toEqual([
      expect.objectContaining({ shown: true }),
    ])

    const payload = leadFor({
      conversationId: ack.conversationId,
      phone: '+1 (555) 010-2030',
      message: 'Saturday morning if possible.',
      reason: request.reason,
      vehicle: request.vehicle!,
    })
    const first = await submit(socket, payload)
    if ('error' in first) throw new Error(first.error.message)
    expect(first.lead).toMatchObject({
      conversationId: ack.conversationId,
      name: 'Dana Reyes',
      email: 'dana@example.com',
      phone: '+1 (555) 010-2030',
      reason: 'Test drive of the 2021 Toyota RAV4',
      vehicle: { name: '2021 Toyota RAV4 XLE', stockNumber: 'T100' },
      page: null,
    })
    // Sent again (a lost ack): the same lead, nothing new stored or emailed.
    const again = await submit(socket, payload)
    expect(again).toEqual(first)

    const listed = await api(server, a.secret.key, 'GET', '/v1/leads')
    expect(listed.status).toBe(200)
    expect(listed.body.leads.map((l: { id: string }) => l.id)).toEqual([first.lead.id])
    const one = await api(server, a.secret.key, 'GET', `/v1/leads/${first.lead.id}`)
    expect(one.body).toEqual(first.lead)

    const mail = await eventually(async () => {
      const rows = await server.db.tenant(a.tenantId, (tx) =>
        tx.query<{ recipient: string; subject: string; text_body: string; status: string }>(
          'select recipient, subject, text_body, status from mail_outbox',
        ),
      )
      return rows.length > 0 ? rows : null
    })
    expect(mail).toHaveLength(1)
    expect(mail[0]).toMatchObject({
      recipient: 'sales@adam-motors.example',
      subject: 'New lead: Dana Reyes — Test drive of the 2021 Toyota RAV4',
      status: 'stored',
    })
    expect(mail[0]!.text_body).toContain('Phone: +1 (555) 010-2030')
    expect(mail[0]!.text_body).toContain('Stock #: T100')
    socket.close()
  })

  it("keeps leads to their dealership: another's key sees none, its visitors cannot submit into the conversation", async () => {
    const otherKey = await api(server, b.secret.key, 'GET', '/v1/leads')
    expect(otherKey.body).toEqual({ leads: [], nextCursor: null })
    const [lead] = (await api(server, a.secret.key, 'GET', '/v1/leads')).body.leads
    const notTheirs = await api(server, b.secret.key, 'GET', `/v1/leads/${lead.id}`)
    expect(notTheirs.status).toBe(404)

    const intruder = await visitorOf(b)
    const res = await submit(intruder, leadFor({ conversationId: conversationA }))
    expect(res).toMatchObject({ error: { code: 'conversation_not_found' } })
    // Another visitor of the same dealership cannot either.
    const stranger = await visitorOf(a)
    const res2 = await submit(stranger, leadFor({ conversationId: conversationA }))
    expect(res2).toMatchObject({ error: { code: 'conversation_not_found' } })
    expect((await api(server, b.secret.key, 'GET', '/v1/leads')).body.leads).toEqual([])
    expect((await api(server, a.secret.key, 'GET', '/v1/leads')).body.leads).toHaveLength(1)
    const mails = await server.db.tenant(b.tenantId, (tx) => tx.query('select id from mail_outbox'))
    expect(mails).toEqual([])
    intruder.close()
    stranger.close()
  })

  it("row-level security hides and refuses another dealership's leads, even without a filter", async () => {
    const seenByB = await server.db.tenant(b.tenantId, (tx) =>
      tx.query<{ id: string }>('select id from leads'),
    )
    expect(seenByB).toEqual([])
    const seenByA = await server.db.tenant(a.tenantId, (tx) =>
      tx.query<{ id: string }>('select id from leads'),
    )
    expect(seenByA.length).toBeGreaterThan(0)
    await expect(
      server.db.tenant(b.tenantId, (tx) =>
        tx.query(`update leads set name = 'hijacked' where id = $1 returning id`, [seenByA[0]!.id]),
      ),
    ).resolves.toEqual([])
    await expect(
      server.db.tenant(b.tenantId, (tx) =>
        tx.query(
          `insert into leads (id, tenant_id, visitor_id, client_lead_id, name, email, consent_at)
           values ($1, $2, 'v', 'lead_xxxxxxxx', 'x', 'x@example.com', now())`,
          [crypto.randomUUID(), a.tenantId],
        ),
      ),
    ).rejects.toThrow(/row-level security/)
  })

  it('refuses invalid leads with invalid_request naming the field, and stores nothing', async () => {
    const socket = await visitorOf(a)
    const cases: [Record<string, unknown>, string][] = [
      [{ ...leadFor(), consent: false }, 'consent'],
      [{ ...leadFor(), consent: undefined }, 'consent'],
      [leadFor({ email: 'dana@' }), 'email'],
      [leadFor({ email: undefined, phone: '12' }), 'phone'],
      [leadFor({ email: undefined, phone: 'call me' }), 'phone'],
      [{ ...leadFor(), email: '' }, 'email'],
      [leadFor({ name: '   ' }), 'name'],
      [leadFor({ name: 'x'.repeat(121) }), 'name'],
      [leadFor({ message: 'x'.repeat(2001) }), 'message'],
      [leadFor({ clientLeadId: 'short' }), 'clientLeadId'],
      [leadFor({ conversationId: 'not-a-uuid' }), 'conversationId'],
      [leadFor({ vehicle: { url: 'javascript:alert(1)' } }), 'vehicle.url'],
    ]
    for (const [payload, field] of cases) {
      const res = await submit(socket, payload)
      expect(res, field).toMatchObject({
        error: {
          code: 'invalid_request',
          details: { issues: expect.arrayContaining([expect.objectContaining({ path: field })]) },
        },
      })
    }
    expect((await api(server, a.secret.key, 'GET', '/v1/leads')).body.leads).toHaveLength(1)
    socket.close()
  })

  it('limits new leads per visitor, not repeats of a stored one, and pages the list', async () => {
    const socket = await visitorOf(a)
    const leads = [leadFor(), leadFor({ email: undefined, phone: '555 010 2040' }), leadFor()]
    const stored = []
    for (const lead of leads) {
      const res = await submit(socket, lead)
      if ('error' in res) throw new Error(res.error.message)
      stored.push(res.lead)
    }
    expect(await submit(socket, leadFor())).toMatchObject({
      error: { code: 'rate_limited', retryAfter: expect.any(Number) },
    })
    expect(await submit(socket, leads[0]!)).toEqual({ lead: stored[0] })

    const page1 = await api(server, a.secret.key, 'GET', '/v1/leads?limit=2')
    expect(page1.body.leads.map((l: { id: string }) => l.id)).toEqual([
      stored[2]!.id,
      stored[1]!.id,
    ])
    expect(page1.body.nextCursor).toBe(stored[1]!.id)
    const page2 = await api(
      server,
      a.secret.key,
      'GET',
      `/v1/leads?limit=2&before=${page1.body.nextCursor}`,
    )
    expect(page2.body.leads[0].id).toBe(stored[0]!.id)
    expect(page2.body.leads).toHaveLength(2)
    expect(page2.body.nextCursor).toBeNull()
    const bad = await api(server, a.secret.key, 'GET', '/v1/leads?before=nope')
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } })
    socket.close()
  })

  it('refuses /v1/leads without a secret key, and documents it in the OpenAPI document', async () => {
    expect((await api(server, null, 'GET', '/v1/leads')).status).toBe(401)
    expect((await api(server, a.publishable.key, 'GET', '/v1/leads')).status).toBe(403)
    const settings = await api(server, a.secret.key, 'PUT', '/v1/leads/settings', {
      notificationEmail: 'nope',
    })
    expect(settings).toMatchObject({ status: 400, body: { error: { code: 'invalid_request' } } })
    const doc = await api(server, null, 'GET', '/v1/openapi.json')
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/v1/leads', '/v1/leads/{id}', '/v1/leads/settings']),
    )
    expect(doc.body.components.schemas).toHaveProperty('Lead')
  })
})

describe('the embedded answerer (no language model)', () => {
  it('offers the lead form when the visitor plainly asks for a test drive', async () => {
    const embedded = await startTestServer()
    try {
      const tenant = await createTenant(embedded)
      await uploadAndWait(embedded, tenant.secret.key, 'inventory.csv', INVENTORY_A)
      const socket = await connectVisitor(visitorClient(embedded, { key: tenant.publishable.key }))
      const requested = new Promise<LeadRequest>((resolve) => socket.once('lead:request', resolve))
      const page = {
        url: 'https://dealer.example/used/T100',
        vehicle: { year: 2021, make: 'Toyota', model: 'RAV4', stockNumber: 'T100' },
      }
      const { done, ack } = await ask(socket, 'Can I test drive this one on Saturday?', { page })
      expect(done.text).toMatch(/Leave your name and how to reach you in the form below/)
      // A plain request is met, not declined ("I don't have information about that…").
      expect(done.text).not.toMatch(/don't have information|rather not guess/)
      expect(await requested).toEqual({
        conversationId: ack.conversationId,
        answerId: done.messageId,
        reason: 'Test drive: 2021 Toyota RAV4',
        vehicle: { name: '2021 Toyota RAV4', stockNumber: 'T100' },
      })
      // Other questions get no form.
      let offered = false
      socket.on('lead:request', () => {
        offered = true
      })
      const hours = await ask(socket, 'How much is the RAV4?', {
        conversationId: ack.conversationId,
      })
      expect(hours.done.text).not.toMatch(/form below/)
      await new Promise((r) => setTimeout(r, 50))
      expect(offered).toBe(false)
      socket.close()
    } finally {
      await embedded.stop()
    }
  })
})
