import type {
  DealershipFacts,
  DealershipFactsResponse,
  DepartmentFacts,
} from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signUp } from './support/auth.ts'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

/*
 * GET/PUT /v1/dealership-facts: what the documents state (hours per department, phones, the
 * address, staff, holidays), staff's corrections over it, and the time zone.
 */

const CONTACT_PAGE = `<!DOCTYPE html>
<html lang="en-US">
<head><meta charset="utf-8"><title>Contact Us | Riverbend Honda</title></head>
<body><main>
<h1>Contact Riverbend Honda</h1>
<h2>Visit Us</h2>
<address>Riverbend Honda<br>1450 River Road<br>Springfield, IL 62704</address>
<h2>Call Us</h2>
<ul>
  <li>Sales: (217) 555-0100</li>
  <li>Service: (217) 555-0110</li>
  <li>Parts: (217) 555-0120</li>
</ul>
<h2>Department Hours</h2>
<table>
  <thead><tr><th>Day</th><th>Sales</th><th>Service</th><th>Parts</th></tr></thead>
  <tbody>
    <tr><td>Monday</td><td>9:00 AM – 8:00 PM</td><td>7:00 AM – 6:00 PM</td><td>7:30 AM – 5:30 PM</td></tr>
    <tr><td>Tuesday</td><td>9:00 AM – 8:00 PM</td><td>7:00 AM – 6:00 PM</td><td>7:30 AM – 5:30 PM</td></tr>
    <tr><td>Wednesday</td><td>9:00 AM – 8:00 PM</td><td>7:00 AM – 6:00 PM</td><td>7:30 AM – 5:30 PM</td></tr>
    <tr><td>Thursday</td><td>9:00 AM – 8:00 PM</td><td>7:00 AM – 6:00 PM</td><td>7:30 AM – 5:30 PM</td></tr>
    <tr><td>Friday</td><td>9:00 AM – 7:00 PM</td><td>7:00 AM – 6:00 PM</td><td>7:30 AM – 5:30 PM</td></tr>
    <tr><td>Saturday</td><td>9:00 AM – 6:00 PM</td><td>8:00 AM – 2:00 PM</td><td>8:00 AM – 12:00 PM</td></tr>
    <tr><td>Sunday</td><td>Closed</td><td>Closed</td><td>Closed</td></tr>
  </tbody>
</table>
<h2>Holiday Hours</h2>
<ul><li><strong>Thanksgiving Day</strong> — all departments closed</li></ul>
<h2>Our Team</h2>
<ul>
  <li>Maria Delgado, General Manager, ext. 201</li>
  <li>Tom Becker, Service Manager, ext. 214</li>
  <li>Priya Raman, Finance Director, ext. 230</li>
</ul>
</main></body>
</html>`

const NO_FACTS: DealershipFacts = {
  departments: [],
  address: null,
  website: null,
  staff: [],
  holidays: [],
}

/** What GET answers for a dealership whose documents state nothing (no sources either). */
const NOTHING_STATED = { ...NO_FACTS, sources: {} }

const hours = (open: string, close: string, text: string) => ({
  intervals: [{ open, close }],
  text,
})

let server: TestServer
let a: TestTenant
let b: TestTenant
let contactId: string

beforeAll(async () => {
  server = await startTestServer()
  a = await createTenant(server, 'Riverbend Honda')
  b = await createTenant(server, 'Bravo Motors')
  const contact = await uploadAndWait(server, a.secret.key, 'contact.html', CONTACT_PAGE)
  expect(contact.status).toBe('ready')
  contactId = contact.id
}, 60_000)
afterAll(() => server.stop())

async function factsOf(key: string): Promise<DealershipFactsResponse> {
  const res = await api(server, key, 'GET', '/v1/dealership-facts')
  expect(res.status).toBe(200)
  return res.body
}

function department(facts: DealershipFacts, name: string): DepartmentFacts {
  const found = facts.departments.find((d) => d.department === name)
  expect(found, `department ${name}`).toBeDefined()
  return found!
}

const auditCount = async (tenantId: string) =>
  (
    await server.db.query<{ n: number }>(
      `select count(*)::int as n from audit_log where tenant_id = $1 and action = 'settings.changed'`,
      [tenantId],
    )
  )[0]!.n

describe('GET /v1/dealership-facts', () => {
  it('states nothing for a dealership without documents', async () => {
    const tenant = await createTenant(server, 'Empty Motors')
    expect(await factsOf(tenant.secret.key)).toEqual({
      facts: NOTHING_STATED,
      extracted: NOTHING_STATED,
      corrected: false,
      timezone: null,
      effectiveTimezone: null,
    })
  })

  it('reads hours per department, phones, the address, staff with extensions and a holiday from a contact page', async () => {
    const got = await factsOf(a.secret.key)
    expect(got.corrected).toBe(false)
    expect(got.facts).toEqual(got.extracted)
    const { facts } = got
    expect(department(facts, 'sales')).toMatchObject({
      hours: {
        mon: hours('09:00', '20:00', '9:00 AM – 8:00 PM'),
        fri: hours('09:00', '19:00', '9:00 AM – 7:00 PM'),
        sat: hours('09:00', '18:00', '9:00 AM – 6:00 PM'),
        sun: { intervals: [], closed: true },
      },
      phones: [{ number: '(217) 555-0100', label: 'Sales' }],
      sources: [contactId],
    })
    expect(department(facts, 'service')).toMatchObject({
      hours: {
        mon: hours('07:00', '18:00', '7:00 AM – 6:00 PM'),
        sat: hours('08:00', '14:00', '8:00 AM – 2:00 PM'),
        sun: { intervals: [], closed: true },
      },
      phones: [{ number: '(217) 555-0110', label: 'Service' }],
    })
    expect(department(facts, 'parts')).toMatchObject({
      hours: { sat: hours('08:00', '12:00', '8:00 AM – 12:00 PM') },
      phones: [{ number: '(217) 555-0120', label: 'Parts' }],
    })
    expect(facts.address).toBe('1450 River Road, Springfield, IL 62704')
    expect(facts.staff.map(({ source: _source, ...member }) => member)).toEqual([
      { name: 'Maria Delgado', title: 'General Manager', extension: '201' },
      { name: 'Tom Becker', title: 'Service Manager', extension: '214' },
      { name: 'Priya Raman', title: 'Finance Director', extension: '230' },
    ])
    expect(facts.holidays).toEqual([
      expect.objectContaining({ holiday: 'thanksgiving', name: 'Thanksgiving Day', closed: true }),
    ])
    // No time zone set: the address's state gives it.
    expect([got.timezone, got.effectiveTimezone]).toEqual([null, 'America/Chicago'])
  })
})

describe('PUT /v1/dealership-facts', () => {
  it("keeps staff's corrections over what the documents say, through later uploads, until facts: null", async () => {
    const { extracted } = await factsOf(a.secret.key)
    const corrected: DealershipFacts = {
      ...extracted,
      departments: extracted.departments.map((d) =>
        d.department === 'sales'
          ? { ...d, hours: { ...d.hours, sat: hours('10:00', '17:00', '10:00 AM – 5:00 PM') } }
          : d,
      ),
      staff: extracted.staff.map((s) =>
        s.name === 'Tom Becker' ? { ...s, extension: '299', email: 'tom@riverbend.example' } : s,
      ),
    }
    const put = await api(server, a.secret.key, 'PUT', '/v1/dealership-facts', {
      facts: corrected,
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ facts: corrected, extracted, corrected: true })
    expect(await factsOf(a.secret.key)).toEqual(put.body)

    // A visitor is answered from the corrections.
    const socket = await connectVisitor(visitorClient(server, { key: a.publishable.key }))
    try {
      const { done } = await ask(socket, 'What are your sales hours on Saturday?')
      expect(done.text).toContain('10:00 AM – 5:00 PM')
      expect(done.text).not.toContain('9:00 AM – 6:00 PM')
    } finally {
      socket.close()
    }

    // A document uploaded later changes what the documents say, not the corrections.
    const later = await uploadAndWait(
      server,
      a.secret.key,
      'staff.md',
      '# Our team\n\n- Dana Whitfield, Internet Sales Manager, ext. 245\n',
    )
    expect(later.status).toBe('ready')
    const after = await factsOf(a.secret.key)
    expect(after.facts).toEqual(corrected)
    expect(after.extracted.staff.map((s) => s.name)).toContain('Dana Whitfield')
    expect(after.facts.staff.map((s) => s.name)).not.toContain('Dana Whitfield')

    // facts: null drops the corrections: the documents speak again, the new one included.
    const reset = await api(server, a.secret.key, 'PUT', '/v1/dealership-facts', { facts: null })
    expect(reset.status).toBe(200)
    expect(reset.body.corrected).toBe(false)
    expect(reset.body.facts).toEqual(reset.body.extracted)
    expect(department(reset.body.facts, 'sales').hours.sat).toEqual(
      hours('09:00', '18:00', '9:00 AM – 6:00 PM'),
    )
    expect(reset.body.facts.staff).toContainEqual(
      expect.objectContaining({ name: 'Tom Becker', extension: '214' }),
    )
    expect(reset.body.facts.staff.map((s: { name: string }) => s.name)).toContain('Dana Whitfield')
  })

  it('sets the time zone, and clears it back to the one the address gives', async () => {
    const before = await factsOf(a.secret.key)
    const set = await api(server, a.secret.key, 'PUT', '/v1/dealership-facts', {
      timezone: 'America/Denver',
    })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({
      timezone: 'America/Denver',
      effectiveTimezone: 'America/Denver',
    })
    // Setting the time zone alone leaves the facts as they were.
    expect(set.body.facts).toEqual(before.facts)
    expect(set.body.corrected).toBe(before.corrected)
    expect((await factsOf(a.secret.key)).timezone).toBe('America/Denver')
    const cleared = await api(server, a.secret.key, 'PUT', '/v1/dealership-facts', {
      timezone: null,
    })
    expect(cleared.body).toMatchObject({ timezone: null, effectiveTimezone: 'America/Chicago' })
  })

  it('refuses an invalid time zone or invalid hours with field errors, and changes nothing', async () => {
    const before = await factsOf(a.secret.key)
    const audited = await auditCount(a.tenantId)
    const sales = department(before.extracted, 'sales')
    const withSales = (change: Record<string, unknown>) => ({
      facts: { ...before.extracted, departments: [{ ...sales, ...change }] },
    })
    const invalid: [string, unknown][] = [
      ['timezone', { timezone: 'Mars/Olympus' }],
      ['timezone', { timezone: 42 }],
      [
        'facts.departments.0.hours.sat.intervals.0.close',
        withSales({ hours: { sat: { intervals: [{ open: '18:00', close: '09:00' }] } } }),
      ],
      [
        'facts.departments.0.hours.sat.intervals.0.open',
        withSales({ hours: { sat: { intervals: [{ open: '9am', close: '17:00' }] } } }),
      ],
      [
        'facts.departments.0.hours.mon.intervals.0.close',
        withSales({ hours: { mon: { intervals: [{ open: '09:00', close: '25:00' }] } } }),
      ],
      // A day must have hours, be closed, or be by appointment.
      ['facts.departments.0.hours.sun', withSales({ hours: { sun: { intervals: [] } } })],
      ['facts.departments.0.hours', withSales({ hours: { funday: { intervals: [] } } })],
      ['facts.departments.0.department', withSales({ department: 'Sales!' })],
      [
        'facts.staff.0.email',
        { facts: { ...NO_FACTS, staff: [{ name: 'Tom', email: 'not-an-email' }] } },
      ],
      ['facts.website', { facts: { ...NO_FACTS, website: 'javascript:alert(1)' } }],
      ['facts.holidays', { facts: { ...NO_FACTS, holidays: undefined } }],
    ]
    for (const [path, body] of invalid) {
      const res = await api(server, a.secret.key, 'PUT', '/v1/dealership-facts', body)
      expect([path, res.status, res.body.error?.code]).toEqual([path, 400, 'invalid_request'])
      const paths = res.body.error.details.issues.map((i: { path: string }) => i.path)
      expect(paths, JSON.stringify(res.body.error)).toContain(path)
    }
    expect(await factsOf(a.secret.key)).toEqual(before)
    expect(await auditCount(a.tenantId)).toBe(audited)
  })

  it('needs the settings permission: a knowledge:read key reads the facts but cannot change them', async () => {
    const before = await factsOf(a.secret.key)
    const reader = await server.keys.create(a.tenantId, {
      type: 'secret',
      scopes: ['knowledge:read'],
    })
    expect(await factsOf(reader.key)).toEqual(before)
    const refused = await api(server, reader.key, 'PUT', '/v1/dealership-facts', {
      timezone: 'America/Denver',
      facts: NO_FACTS,
    })
    expect(refused.status).toBe(403)
    expect(refused.body.error).toMatchObject({
      code: 'forbidden',
      details: { permission: 'settings' },
    })
    expect(await factsOf(a.secret.key)).toEqual(before)
  })
})

describe("one dealership's facts", () => {
  it('are never shown to another, nor changed by it', async () => {
    const before = await factsOf(a.secret.key)
    expect(await factsOf(b.secret.key)).toEqual({
      facts: NOTHING_STATED,
      extracted: NOTHING_STATED,
      corrected: false,
      timezone: null,
      effectiveTimezone: null,
    })
    const own = await api(server, b.secret.key, 'PUT', '/v1/dealership-facts', {
      facts: { ...NO_FACTS, staff: [{ name: 'Bea Bravo', title: 'Owner' }] },
      timezone: 'America/New_York',
    })
    expect(own.status).toBe(200)
    expect(JSON.stringify(own.body)).not.toMatch(/Tom Becker|555-0100|River Road/)
    expect(await factsOf(a.secret.key)).toEqual(before)
    expect(JSON.stringify(await factsOf(a.secret.key))).not.toContain('Bea Bravo')
    // Row-level security backs it: Bravo's transaction sees only its own rows.
    for (const table of ['document_facts', 'dealership_profiles']) {
      const rows = await server.db.tenant(b.tenantId, (tx) =>
        tx.query<{ tenant_id: string }>(`select distinct tenant_id from ${table}`),
      )
      expect([table, rows.map((r) => r.tenant_id)]).toEqual([
        table,
        table === 'document_facts' ? [] : [b.tenantId],
      ])
    }
  })
})

describe('the audit log', () => {
  it('records who changed the facts or the time zone, and which fields', async () => {
    const owner = await signUp(server)
    const tenantId = owner.session.account.tenantId
    const key = await api(server, owner.token, 'POST', '/v1/keys', { type: 'secret', name: 'CRM' })
    expect(key.status).toBe(201)
    const byMember = await api(server, owner.token, 'PUT', '/v1/dealership-facts', {
      facts: { ...NO_FACTS, address: '1 Main St, Springfield, IL 62701' },
      timezone: 'America/Chicago',
    })
    expect(byMember.status).toBe(200)
    const byKey = await api(server, key.body.key, 'PUT', '/v1/dealership-facts', {
      timezone: 'America/Denver',
    })
    expect(byKey.status).toBe(200)
    const log = await api(server, owner.token, 'GET', '/v1/audit-log')
    const changes = log.body.entries.filter(
      (e: { action: string; target: string }) =>
        e.action === 'settings.changed' && e.target === 'dealership-facts',
    )
    // Newest first.
    expect(changes).toEqual([
      expect.objectContaining({
        actor: { type: 'key', id: key.body.id, prefix: key.body.prefix },
        details: { settings: 'dealership-facts', fields: ['timezone'] },
      }),
      expect.objectContaining({
        actor: { type: 'member', id: owner.session.account.id, email: owner.email },
        details: { settings: 'dealership-facts', fields: ['facts', 'timezone'] },
      }),
    ])
    expect(await auditCount(tenantId)).toBe(2)
  })
})
