import type { DealershipFacts, DocumentKind } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../knowledge/parse/index.ts'
import { emptyFacts } from './empty.ts'
import { type ExtractedFacts, extractFacts } from './extract/index.ts'
import { factSources, mergeFacts } from './merge.ts'

async function factsOf(kind: DocumentKind, text: string): Promise<ExtractedFacts> {
  return extractFacts(await parseDocument({ bytes: new TextEncoder().encode(text), kind }))
}

const department = (facts: DealershipFacts, name: string) =>
  facts.departments.find((d) => d.department === name)
const opening = (facts: DealershipFacts, name: string, day: 'mon' | 'sat' | 'sun') => {
  const schedule = department(facts, name)?.hours[day]
  return schedule?.closed ? 'closed' : schedule?.intervals.map((i) => `${i.open}-${i.close}`).join()
}

// The hours page: a table under an "Hours" heading, the strongest statement of hours.
const HOURS_PAGE = `# Hours and Contact

## Sales hours

| Day | Hours |
| --- | --- |
| Monday – Friday | 9:00 AM – 8:00 PM |
| Saturday | 9:00 AM – 6:00 PM |
| Sunday | Closed |

## Contact

- Sales: (555) 010-4200
- Service: (555) 010-4210

Adam's Auto Sales, 4120 Route 9 South, Larkspur Falls, OH 43999.
`
// An older FAQ that mentions hours in passing, some of them out of date.
const FAQ = `# Frequently asked questions

Can I come in on a weekend? Sure, our sales team is here Saturday 10 to 5.

Does service take walk-ins? Service writes up walk-ins Monday–Friday 7:30 a.m. to 6 p.m.

Call sales at 555-010-4200 or email sales@adamsauto.example.com.

Brenda Coffey, Finance Manager, can help with approvals.
`
// A newer page with the staff's extensions and a holiday.
const STAFF_PAGE = `# Our team

| Name | Title | Ext. | Email |
| --- | --- | --- | --- |
| Brenda Coffey | Finance Manager | 216 | bcoffey@adamsauto.example.com |
| Dale Whitaker | Sales Manager | 201 | |

We are closed Thanksgiving Day. Visit 4120 Route 9 South, Larkspur Falls, OH 43999.
`

describe('mergeFacts', () => {
  it('takes each day from the document that states it most strongly, whatever its age', async () => {
    const [hours, faq] = await Promise.all([
      factsOf('markdown', HOURS_PAGE),
      factsOf('markdown', FAQ),
    ])
    // The FAQ is listed first (newest), yet the hours table outweighs its sentence.
    const merged = mergeFacts([
      { documentId: 'faq', facts: faq },
      { documentId: 'hours', facts: hours },
    ])
    expect(opening(merged, 'sales', 'sat')).toBe('09:00-18:00')
    expect(opening(merged, 'sales', 'mon')).toBe('09:00-20:00')
    expect(opening(merged, 'sales', 'sun')).toBe('closed')
    // A department only the FAQ gives hours for keeps them.
    expect(opening(merged, 'service', 'mon')).toBe('07:30-18:00')
    expect(department(merged, 'service')?.sources).toEqual(['faq', 'hours'])
  })

  it('takes the newest document on a tie (the first listed)', async () => {
    const older = await factsOf('markdown', '## Sales hours\n\n- Saturday: 9:00 AM – 6:00 PM\n')
    const newer = await factsOf('markdown', '## Sales hours\n\n- Saturday: 9:00 AM – 5:00 PM\n')
    const merged = mergeFacts([
      { documentId: 'newer', facts: newer },
      { documentId: 'older', facts: older },
    ])
    expect(opening(merged, 'sales', 'sat')).toBe('09:00-17:00')
    expect(department(merged, 'sales')?.sources).toEqual(['newer'])
  })

  it('keeps every phone and email once, however the number is written', async () => {
    const [hours, faq] = await Promise.all([
      factsOf('markdown', HOURS_PAGE),
      factsOf('markdown', FAQ),
    ])
    const merged = mergeFacts([
      { documentId: 'hours', facts: hours },
      { documentId: 'faq', facts: faq },
    ])
    expect(department(merged, 'sales')?.phones).toEqual([
      { number: '(555) 010-4200', label: 'Sales' },
    ])
    expect(department(merged, 'sales')?.emails).toEqual(['sales@adamsauto.example.com'])
    expect(department(merged, 'service')?.phones.map((p) => p.number)).toEqual(['(555) 010-4210'])
  })

  it('merges staff by name, the first document keeping what it says and citing it', async () => {
    const [staffPage, faq] = await Promise.all([
      factsOf('markdown', STAFF_PAGE),
      factsOf('markdown', FAQ),
    ])
    const merged = mergeFacts([
      { documentId: 'staff', facts: staffPage },
      { documentId: 'faq', facts: faq },
    ])
    expect(merged.staff).toEqual([
      {
        name: 'Brenda Coffey',
        title: 'Finance Manager',
        extension: '216',
        email: 'bcoffey@adamsauto.example.com',
        source: 'staff',
      },
      { name: 'Dale Whitaker', title: 'Sales Manager', extension: '201', source: 'staff' },
    ])
  })

  it('fills in what the first document left out from the next', () => {
    const first = {
      ...emptyFacts(),
      staff: [{ name: 'Brenda Coffey', title: 'Finance Manager' }],
    }
    const second = {
      ...emptyFacts(),
      staff: [{ name: 'brenda coffey', title: 'F&I', extension: '216' }],
    }
    const merged = mergeFacts([
      { documentId: 'a', facts: first },
      { documentId: 'b', facts: second },
    ])
    expect(merged.staff).toEqual([
      { name: 'Brenda Coffey', title: 'Finance Manager', extension: '216', source: 'a' },
    ])
  })

  it('keeps each holiday once, from the first document stating it', async () => {
    const staffPage = await factsOf('markdown', STAFF_PAGE)
    const holidayPage = await factsOf(
      'markdown',
      '## Holiday hours\n\n- Thanksgiving Day: 10 AM – 2 PM\n- Christmas Day: Closed\n',
    )
    const merged = mergeFacts([
      { documentId: 'holidays', facts: holidayPage },
      { documentId: 'staff', facts: staffPage },
    ])
    expect(merged.holidays.map((h) => [h.holiday, h.closed, h.source])).toEqual([
      ['thanksgiving', false, 'holidays'],
      ['christmas', true, 'holidays'],
    ])
  })

  it('gives the address most documents give, with the documents that give it', async () => {
    const [hours, staffPage] = await Promise.all([
      factsOf('markdown', HOURS_PAGE),
      factsOf('markdown', STAFF_PAGE),
    ])
    const oldAddress = {
      ...emptyFacts(),
      address: '88 Main St, Springfield, IL 62701',
      website: 'https://www.adamsauto.example.com',
    }
    const merged = mergeFacts([
      { documentId: 'old', facts: oldAddress },
      { documentId: 'hours', facts: hours },
      { documentId: 'staff', facts: staffPage },
    ])
    expect(merged.address).toBe('4120 Route 9 South, Larkspur Falls, OH 43999')
    expect(merged.sources).toEqual({ address: ['hours', 'staff'], website: ['old'] })
  })

  it('states nothing from no documents', () => {
    expect(mergeFacts([])).toEqual({
      departments: [],
      address: null,
      website: null,
      staff: [],
      holidays: [],
      sources: {},
    })
  })
})

describe('factSources', () => {
  it('lists every document a fact cites, once', async () => {
    const [hours, faq, staffPage] = await Promise.all([
      factsOf('markdown', HOURS_PAGE),
      factsOf('markdown', FAQ),
      factsOf('markdown', STAFF_PAGE),
    ])
    const merged = mergeFacts([
      { documentId: 'staff', facts: staffPage },
      { documentId: 'hours', facts: hours },
      { documentId: 'faq', facts: faq },
      { documentId: 'empty', facts: emptyFacts() },
    ])
    expect(factSources(merged).sort()).toEqual(['faq', 'hours', 'staff'])
  })
})
