import type { DocumentKind } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../knowledge/parse/index.ts'
import { type ExtractedFacts, extractFacts } from './index.ts'

/** The facts of a document as uploaded: parsed from its bytes, then read. */
async function factsOf(kind: DocumentKind, text: string): Promise<ExtractedFacts> {
  return extractFacts(await parseDocument({ bytes: new TextEncoder().encode(text), kind }))
}

/** A department's week as "day: open-close", "closed" or "by appointment". */
function week(facts: ExtractedFacts, department: string): Record<string, string> {
  const found = facts.departments.find((d) => d.department === department)
  return Object.fromEntries(
    Object.entries(found?.hours ?? {}).map(([day, s]) => [
      day,
      s.closed
        ? 'closed'
        : s.byAppointment
          ? 'by appointment'
          : s.intervals.map((i) => `${i.open}-${i.close}`).join(', '),
    ]),
  )
}

const phones = (facts: ExtractedFacts, department: string) =>
  facts.departments.find((d) => d.department === department)?.phones ?? []
const departments = (facts: ExtractedFacts) => facts.departments.map((d) => d.department)

const WEEKDAYS = (hours: string) => ({ mon: hours, tue: hours, wed: hours, thu: hours, fri: hours })

describe('extractFacts: hours', () => {
  it("reads each department's hours from lists under its heading", async () => {
    const facts = await factsOf(
      'markdown',
      `# Hours and Contact

## Sales hours

- Monday to Friday: 9:00 AM – 8:00 PM
- Saturday: 9:00 AM – 6:00 PM
- Sunday: Closed

## Service hours

- Monday to Friday: 7:30 AM – 6:00 PM
- Saturday: 8:00 AM – 2:00 PM
- Sunday: Closed
`,
    )
    expect(week(facts, 'sales')).toEqual({
      ...WEEKDAYS('09:00-20:00'),
      sat: '09:00-18:00',
      sun: 'closed',
    })
    expect(week(facts, 'service')).toEqual({
      ...WEEKDAYS('07:30-18:00'),
      sat: '08:00-14:00',
      sun: 'closed',
    })
    expect(facts.departments.find((d) => d.department === 'sales')?.hours.sat?.text).toBe(
      '9:00 AM – 6:00 PM',
    )
  })

  it('reads a table of days by department, each cell under its column', async () => {
    const facts = await factsOf(
      'html',
      `<h2>Hours of Operation</h2>
      <table><thead><tr><th></th><th>Sales</th><th>Service</th><th>Parts</th></tr></thead><tbody>
      <tr><td>Monday - Friday</td><td>9:00 AM - 8:00 PM</td><td>7:00 AM - 6:00 PM</td><td>7:30 AM - 5:30 PM</td></tr>
      <tr><td>Saturday</td><td>9:00 AM - 6:00 PM</td><td>8:00 AM - 2:00 PM</td><td>8:00 AM - 12:00 PM</td></tr>
      <tr><td>Sunday</td><td>Closed</td><td>Closed</td><td>Closed</td></tr>
      </tbody></table>`,
    )
    expect(departments(facts).sort()).toEqual(['parts', 'sales', 'service'])
    expect(week(facts, 'parts')).toEqual({
      ...WEEKDAYS('07:30-17:30'),
      sat: '08:00-12:00',
      sun: 'closed',
    })
    expect(week(facts, 'service').mon).toBe('07:00-18:00')
  })

  it("does not give a whole row's hours of several departments to the dealership", async () => {
    // "Monday – Friday · 9 AM – 8 PM · 7 AM – 6 PM" is sales' and service's, not one day of
    // two openings.
    const facts = await factsOf(
      'markdown',
      `| Day | Sales | Service |
| --- | --- | --- |
| Monday – Friday | 9 AM – 8 PM | 7 AM – 6 PM |
| Saturday | 9 AM – 6 PM | 8 AM – 2 PM |
`,
    )
    expect(departments(facts).sort()).toEqual(['sales', 'service'])
    expect(week(facts, 'sales').mon).toBe('09:00-20:00')
  })

  it('reads a table of departments by row', async () => {
    const facts = await factsOf(
      'markdown',
      `## Store hours

| Department | Weekdays | Saturday | Sunday |
| --- | --- | --- | --- |
| Sales | 9 AM – 7 PM | 9 AM – 5 PM | Closed |
| Service | 7 AM – 5:30 PM | By appointment | Closed |
`,
    )
    expect(week(facts, 'sales')).toEqual({
      ...WEEKDAYS('09:00-19:00'),
      sat: '09:00-17:00',
      sun: 'closed',
    })
    expect(week(facts, 'service').sat).toBe('by appointment')
  })

  it('reads prose, the department named in each sentence', async () => {
    const facts = await factsOf(
      'text',
      "Our showroom is open weekdays from 9 to 8 and Saturdays 9 to 6; we're closed Sundays. Service: Mon-Fri 7:30am-6pm, Sat 8am-noon.",
    )
    expect(week(facts, 'sales')).toEqual({
      ...WEEKDAYS('09:00-20:00'),
      sat: '09:00-18:00',
      sun: 'closed',
    })
    expect(week(facts, 'service')).toEqual({ ...WEEKDAYS('07:30-18:00'), sat: '08:00-12:00' })
  })

  it('reads HTML, its footer under none of its headings', async () => {
    const facts = await factsOf(
      'html',
      `<html><body><main>
      <h2>Hours</h2>
      <ul><li>Mon-Fri: 9am-7pm</li><li>Sat: 9am-5pm</li><li>Sun: Closed</li></ul>
      <h3>Service Department</h3>
      <p>Monday - Friday 7:00 AM - 6:00 PM<br>Saturday 8:00 AM - 12:00 PM</p>
      </main>
      <footer><p>Hillside Auto Outlet · 88 Main St, Springfield, IL 62701 · (217) 555-0123</p></footer>
      </body></html>`,
    )
    expect(week(facts, 'main')).toEqual({
      ...WEEKDAYS('09:00-19:00'),
      sat: '09:00-17:00',
      sun: 'closed',
    })
    expect(week(facts, 'service')).toEqual({ ...WEEKDAYS('07:00-18:00'), sat: '08:00-12:00' })
    // The footer's number is the dealership's, not the last heading's department's.
    expect(phones(facts, 'main')).toEqual([{ number: '(217) 555-0123' }])
    expect(phones(facts, 'service')).toEqual([])
    expect(facts.address).toBe('88 Main St, Springfield, IL 62701')
  })

  it("takes a table under an hours heading over a sentence about a shuttle's hours", async () => {
    const facts = await factsOf(
      'markdown',
      `## Service

Our shuttle runs Monday–Friday 7:30 a.m. to 5 p.m. within ten miles.

## Service hours

- Monday – Friday: 7:00 AM – 6:00 PM
`,
    )
    expect(week(facts, 'service').mon).toBe('07:00-18:00')
    expect(facts.weights.service?.mon).toBe(3)
  })
})

describe('extractFacts: holidays and dated days', () => {
  it('reads a dated line as that day, never as every Saturday', async () => {
    const facts = await factsOf(
      'markdown',
      `## Sales hours

- Saturday: 9:00 AM – 6:00 PM

## Holiday schedule

- Saturday, December 26, 2026 — Sales open 10 AM to 4 PM
- Thursday, December 31 — Closed
`,
    )
    expect(week(facts, 'sales')).toEqual({ sat: '09:00-18:00' })
    expect(facts.holidays).toEqual([
      {
        holiday: '2026-12-26',
        name: 'Saturday, December 26, 2026',
        closed: false,
        text: '10 AM – 4 PM',
      },
      // December 31 is New Year's Eve by name.
      { holiday: 'newYearsEve', name: 'December 31', closed: true },
    ])
  })

  it('reads a closed date without a holiday name as closed', async () => {
    const facts = await factsOf('markdown', '- Monday, January 4 — Closed for inventory')
    expect(facts.holidays).toEqual([{ holiday: '01-04', name: 'Monday, January 4', closed: true }])
    expect(facts.departments).toEqual([])
  })

  it('reads the date of a paragraph apart from the weekly hours around it', async () => {
    // The sentence reader keeps "…6 p.m. We will be closed…" as one sentence.
    const facts = await factsOf(
      'markdown',
      `## Service

Our service department is open Monday through Friday, 7:30 a.m. to 6 p.m. We will be closed Saturday, July 4 for Independence Day.

Sales is open Monday–Saturday 9 a.m. to 8 p.m. On Saturday, December 26, 2026 we open at 10 a.m. and close at 4 p.m.
`,
    )
    expect(week(facts, 'service')).toEqual(WEEKDAYS('07:30-18:00'))
    expect(week(facts, 'sales')).toEqual({ ...WEEKDAYS('09:00-20:00'), sat: '09:00-20:00' })
    expect(facts.holidays).toEqual([
      { holiday: 'independenceDay', name: 'July 4', closed: true },
      { holiday: '2026-12-26', name: 'December 26, 2026', closed: false, text: '10 AM – 4 PM' },
    ])
  })

  it("reads a date's hours written before it", async () => {
    const facts = await factsOf('markdown', 'Open 10 a.m. – 4 p.m. Saturday, December 19.')
    expect(facts.departments).toEqual([])
    expect(facts.holidays).toEqual([
      { holiday: '12-19', name: 'December 19', closed: false, text: '10 AM – 4 PM' },
    ])
  })

  it('reads named holidays closed and open, and their own hours apart from the week', async () => {
    const facts = await factsOf(
      'markdown',
      `## Holiday hours

All departments are closed on New Year's Day, Memorial Day, Thanksgiving Day and Christmas Day. On Christmas Eve, sales and service close early at 3:00 PM.

- Easter Sunday: Closed
- Memorial Day (Monday, May 25): closed
`,
    )
    expect(facts.holidays.map((h) => [h.holiday, h.closed, h.text ?? null])).toEqual([
      ['newYearsDay', true, null],
      ['memorialDay', true, null],
      ['thanksgiving', true, null],
      ['christmas', true, null],
      ['christmasEve', false, 'until 3:00 PM'],
      ['easter', true, null],
    ])
    // "Easter Sunday" and "Monday, May 25" say nothing of every Sunday or Monday.
    expect(facts.departments).toEqual([])
  })
})

describe('extractFacts: phones, emails, addresses', () => {
  it('files phones and emails under the department their label or heading names', async () => {
    const facts = await factsOf(
      'markdown',
      `## Phone and email

- Sales: (555) 010-4200
- Service: (555) 010-4210 ext. 3
- Parts counter: 555.010.4220 extension 4
- Fax: (555) 010-4299
- Sales email: sales@adamsauto.example.com
- Website: https://www.adamsauto.example.com

Reach our finance office at (555) 010-4230, ext. 201. Ask for Brenda.

Questions? Email info@adamsauto.example.com or parts@adamsauto.example.com.
`,
    )
    expect(phones(facts, 'sales')).toEqual([{ number: '(555) 010-4200', label: 'Sales' }])
    expect(phones(facts, 'service')).toEqual([
      { number: '(555) 010-4210 ext. 3', label: 'Service' },
    ])
    expect(phones(facts, 'parts')).toEqual([
      { number: '555.010.4220 ext. 4', label: 'Parts counter' },
    ])
    // "ext. 201." is the extension whole, not cut at its full stop.
    expect(phones(facts, 'finance')).toEqual([
      { number: '(555) 010-4230 ext. 201', label: 'Reach our finance office' },
    ])
    // The fax number is no one's phone.
    expect(facts.departments.flatMap((d) => d.phones.map((p) => p.number))).not.toContain(
      '(555) 010-4299',
    )
    const emails = Object.fromEntries(facts.departments.map((d) => [d.department, d.emails]))
    expect(emails).toMatchObject({
      sales: ['sales@adamsauto.example.com'],
      main: ['info@adamsauto.example.com'],
      parts: ['parts@adamsauto.example.com'],
    })
    expect(facts.website).toBe('https://www.adamsauto.example.com')
  })

  it("reads a department's phones in Spanish", async () => {
    const facts = await factsOf(
      'markdown',
      `- Ventas: (305) 555-0190
- Servicio: (305) 555-0191 ext. 3
- Correo de ventas: ventas@plazamotors.example
`,
    )
    expect(phones(facts, 'sales')).toEqual([{ number: '(305) 555-0190', label: 'Ventas' }])
    expect(phones(facts, 'service')).toEqual([
      { number: '(305) 555-0191 ext. 3', label: 'Servicio' },
    ])
    expect(facts.departments.find((d) => d.department === 'sales')?.emails).toEqual([
      'ventas@plazamotors.example',
    ])
  })

  it("reads the dealership's address, and a department's own street or address", async () => {
    const facts = await factsOf(
      'markdown',
      `## Visit us

Cedar Valley Toyota, 2200 Waterloo Road, Cedar Falls, IA 50613.

Collision Center: 5310 Hudson Road, Cedar Falls, IA 50613

Our detail shop is in the building behind the showroom: 410 Commerce Drive.

Sales and service share the main building. Call sales at (319) 555-0142.
`,
    )
    expect(facts.address).toBe('2200 Waterloo Road, Cedar Falls, IA 50613')
    const address = (department: string) =>
      facts.departments.find((d) => d.department === department)?.address
    expect(address('collision')).toBe('5310 Hudson Road, Cedar Falls, IA 50613')
    expect(address('detail')).toBe('410 Commerce Drive')
    expect(address('sales')).toBeUndefined()
  })

  it('reads an address written over two lines of one paragraph', async () => {
    const facts = await factsOf(
      'html',
      '<p>Hillside Auto Outlet<br>88 Main St<br>Springfield, IL 62701</p>',
    )
    expect(facts.address).toBe('88 Main St, Springfield, IL 62701')
  })
})

describe('extractFacts: staff', () => {
  it('reads a staff directory table and staff lines, with their own details', async () => {
    const facts = await factsOf(
      'markdown',
      `## Meet the team

| Name | Title | Ext. |
| --- | --- | --- |
| Dana Whitfield | General Manager | 210 |
| Luis Ortega | Service Advisor | 305 |

Brenda Coffey - Finance Manager. Ext. 16. Runs our approvals.

Ana María de la Cruz, Sales Consultant (habla español), cell (319) 555-0177
`,
    )
    expect(facts.staff).toEqual([
      { name: 'Dana Whitfield', title: 'General Manager', extension: '210' },
      { name: 'Luis Ortega', title: 'Service Advisor', extension: '305' },
      { name: 'Brenda Coffey', title: 'Finance Manager', extension: '16' },
      { name: 'Ana María de la Cruz', title: 'Sales Consultant', phone: '(319) 555-0177' },
    ])
    // A staff member's cell is theirs, not the sales department's.
    expect(phones(facts, 'sales')).toEqual([])
  })

  it('takes no menu, hours line or town for a person', async () => {
    const facts = await factsOf(
      'markdown',
      `- Lease Buy – Finance Specials
- Sun Closed – Service
- Cedar Falls, IA 50613 – Sales Department
- New Inventory | Used Inventory | Service Specials
`,
    )
    expect(facts.staff).toEqual([])
  })
})
