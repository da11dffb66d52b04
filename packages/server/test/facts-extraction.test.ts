import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { DealershipFacts, DocumentKind } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Db, openDb } from '../src/db/index.ts'
import { extractFacts } from '../src/facts/extract/index.ts'
import { readDocumentFacts, replaceDocumentFacts } from '../src/facts/facts-repo.ts'
import { createFactsService, type FactsService } from '../src/facts/facts-service.ts'
import { newId } from '../src/ids.ts'
import { parseDocument } from '../src/knowledge/parse/index.ts'
import { insertTenant } from '../src/tenants/tenants-repo.ts'

// A dealership's documents as staff upload them: an hours page with a table, an older FAQ that
// mentions hours in passing (one of them out of date), a staff page.
const HOURS_PAGE = `# Hours and Contact

## Hours

| Day | Sales | Service |
| --- | --- | --- |
| Monday – Friday | 9:00 AM – 8:00 PM | 7:00 AM – 6:00 PM |
| Saturday | 9:00 AM – 6:00 PM | 8:00 AM – 2:00 PM |
| Sunday | Closed | Closed |

## Holiday hours

- Saturday, December 26, 2026 — Sales open 10 AM to 4 PM
- Thanksgiving Day: Closed

## Contact

- Sales: (319) 555-0142
- Service: (319) 555-0150 ext. 305

Cedar Valley Toyota, 2200 Waterloo Road, Cedar Falls, IA 50613.

Collision Center: 5310 Hudson Road, Cedar Falls, IA 50613
`
const FAQ = `# FAQ

Are you open on weekends? Yes, our sales team is here Saturday 10 to 5.

Call sales at 319-555-0142 or email sales@cedarvalleytoyota.example.
`
const STAFF_PAGE = `<h1>Meet the team</h1>
<table><thead><tr><th>Name</th><th>Title</th><th>Ext.</th></tr></thead><tbody>
<tr><td>Dana Whitfield</td><td>General Manager</td><td>210</td></tr>
<tr><td>Luis Ortega</td><td>Service Advisor</td><td>305</td></tr>
</tbody></table>`

let db: Db
let dir: string | undefined
let service: FactsService

/** A document of the tenant, read and stored as ingestion stores it. */
async function store(
  tenantId: string,
  kind: DocumentKind,
  text: string,
  options: { status?: string; createdAt?: string; filename?: string } = {},
): Promise<string> {
  const documentId = newId()
  await db.query(
    `insert into documents (id, tenant_id, filename, kind, sha256, size_bytes, status, created_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      documentId,
      tenantId,
      options.filename ?? `${kind}.txt`,
      kind,
      new TextEncoder().encode(documentId),
      text.length,
      options.status ?? 'ready',
      options.createdAt ?? new Date().toISOString(),
    ],
  )
  await restore(tenantId, documentId, kind, text)
  return documentId
}

/** Reads a document again and stores its facts over the old ones. */
async function restore(tenantId: string, documentId: string, kind: DocumentKind, text: string) {
  const facts = extractFacts(await parseDocument({ bytes: new TextEncoder().encode(text), kind }))
  await db.tenant(tenantId, (tx) => replaceDocumentFacts(tx, tenantId, documentId, facts, []))
}

const department = (facts: DealershipFacts, name: string) =>
  facts.departments.find((d) => d.department === name)
const saturday = (facts: DealershipFacts, name: string) =>
  department(facts, name)
    ?.hours.sat?.intervals.map((i) => `${i.open}-${i.close}`)
    .join()

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    db = await openDb({ kind: 'postgres', url: process.env.DATABASE_URL, poolMax: 2 })
  } else {
    dir = await mkdtemp(path.join(tmpdir(), 'avataradam-facts-'))
    await cp(inject('pgliteTemplate'), path.join(dir, 'data'), { recursive: true })
    db = await openDb({ kind: 'pglite', dataDir: path.join(dir, 'data') })
  }
  service = createFactsService(db)
})
afterAll(async () => {
  await db?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe("a dealership's facts, read from its documents", () => {
  it('merges them, the hours table outweighing a newer FAQ, each fact citing its document', async () => {
    const tenant = (await insertTenant(db, 'Cedar Valley Toyota')).id
    const hours = await store(tenant, 'markdown', HOURS_PAGE, {
      createdAt: '2026-01-05T10:00:00Z',
    })
    const faq = await store(tenant, 'markdown', FAQ, { createdAt: '2026-03-01T10:00:00Z' })
    const staff = await store(tenant, 'html', STAFF_PAGE, { createdAt: '2026-02-01T10:00:00Z' })

    const { extracted, facts, corrected, effectiveTimezone } = await service.get(tenant)
    expect(facts).toEqual(extracted)
    expect(corrected).toBe(false)
    expect(saturday(facts, 'sales')).toBe('09:00-18:00')
    expect(saturday(facts, 'service')).toBe('08:00-14:00')
    // One row of the table is two departments' hours, not the dealership's.
    expect(department(facts, 'main')).toBeUndefined()
    // One number, however each document writes it: as the newest (the FAQ) does.
    expect(department(facts, 'sales')?.phones).toEqual([
      { number: '319-555-0142', label: 'Call sales' },
    ])
    expect(department(facts, 'sales')?.emails).toEqual(['sales@cedarvalleytoyota.example'])
    expect(department(facts, 'sales')?.sources?.sort()).toEqual([faq, hours].sort())
    expect(department(facts, 'service')?.phones).toEqual([
      { number: '(319) 555-0150 ext. 305', label: 'Service' },
    ])
    expect(department(facts, 'collision')?.address).toBe('5310 Hudson Road, Cedar Falls, IA 50613')
    expect(facts.address).toBe('2200 Waterloo Road, Cedar Falls, IA 50613')
    expect(facts.sources?.address).toEqual([hours])
    expect(facts.staff.map((s) => [s.name, s.extension, s.source])).toEqual([
      ['Dana Whitfield', '210', staff],
      ['Luis Ortega', '305', staff],
    ])
    expect(facts.holidays.map((h) => [h.holiday, h.closed, h.text ?? null, h.source])).toEqual([
      ['2026-12-26', false, '10 AM – 4 PM', hours],
      ['thanksgiving', true, null, hours],
    ])
    // Iowa keeps Central time.
    expect(effectiveTimezone).toBe('America/Chicago')
  })

  it('reads the facts of ready documents only, newest first', async () => {
    const tenant = (await insertTenant(db, 'Hillside Auto Outlet')).id
    const older = await store(tenant, 'markdown', '## Sales hours\n\n- Saturday: 9 AM – 6 PM\n', {
      createdAt: '2026-01-01T00:00:00Z',
    })
    const newer = await store(tenant, 'markdown', '## Sales hours\n\n- Saturday: 9 AM – 5 PM\n', {
      createdAt: '2026-02-01T00:00:00Z',
    })
    await store(tenant, 'markdown', '## Sales hours\n\n- Saturday: 8 AM – 8 PM\n', {
      status: 'processing',
      createdAt: '2026-03-01T00:00:00Z',
    })
    const documents = await db.tenant(tenant, (tx) => readDocumentFacts(tx, tenant))
    expect(documents.map((d) => d.documentId)).toEqual([newer, older])
    // A tie: the newest document's hours.
    expect(saturday((await service.get(tenant)).facts, 'sales')).toBe('09:00-17:00')
  })

  it("replaces a document's facts when it is read again", async () => {
    const tenant = (await insertTenant(db, 'Plaza Motors')).id
    const id = await store(tenant, 'markdown', '## Sales hours\n\n- Saturday: 9 AM – 6 PM\n')
    await restore(tenant, id, 'markdown', '## Sales hours\n\n- Saturday: 10 AM – 4 PM\n')
    const documents = await db.tenant(tenant, (tx) => readDocumentFacts(tx, tenant))
    expect(documents).toHaveLength(1)
    expect(saturday((await service.get(tenant)).facts, 'sales')).toBe('10:00-16:00')
  })

  it("answers from staff's corrections until they drop them, the extracted facts beside", async () => {
    const tenant = (await insertTenant(db, 'Corrected Motors')).id
    await store(tenant, 'markdown', HOURS_PAGE)
    const { extracted } = await service.get(tenant)
    const corrections: DealershipFacts = {
      ...extracted,
      address: '88 Main St, Springfield, IL 62701',
    }
    const updated = await service.update(tenant, { facts: corrections })
    expect(updated.corrected).toBe(true)
    expect(updated.facts.address).toBe('88 Main St, Springfield, IL 62701')
    expect(updated.extracted.address).toBe('2200 Waterloo Road, Cedar Falls, IA 50613')
    // The corrected address's state gives the time zone (Illinois keeps Central time too).
    expect(updated.effectiveTimezone).toBe('America/Chicago')
    const zone = await service.update(tenant, { timezone: 'America/New_York' })
    expect([zone.timezone, zone.effectiveTimezone]).toEqual([
      'America/New_York',
      'America/New_York',
    ])
    const dropped = await service.update(tenant, { facts: null, timezone: null })
    expect(dropped.corrected).toBe(false)
    expect(dropped.facts.address).toBe('2200 Waterloo Road, Cedar Falls, IA 50613')
  })

  it("never shows one dealership another's facts", async () => {
    const a = (await insertTenant(db, 'Alpha Autos')).id
    const b = (await insertTenant(db, 'Bravo Motors')).id
    await store(a, 'markdown', HOURS_PAGE)
    const facts = (await service.get(b)).facts
    expect(facts).toEqual({
      departments: [],
      address: null,
      website: null,
      staff: [],
      holidays: [],
      sources: {},
    })
    // Even a query that names the other tenant finds nothing under row-level security.
    expect(await db.tenant(b, (tx) => readDocumentFacts(tx, a))).toEqual([])
  })
})
