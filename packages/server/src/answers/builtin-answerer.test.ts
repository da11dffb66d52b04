import type { DaySchedule, InventoryVehicle } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import type { AnswerPart, AnswerTool, Passage } from '../providers/llm/index.ts'
import { createBuiltinAnswerer } from './builtin-answerer.ts'
import { testVehicle } from './compose/test-vehicle.ts'
import type { Evidence } from './evidence.ts'
import { type HistoryTurn, understand } from './understand/index.ts'
import { vehicleNames } from './understand/vehicle-names.ts'

const weekday: DaySchedule = { intervals: [{ open: '09:00', close: '20:00' }] }

/** A dealership in Chicago: sales open 9–8 on weekdays, 9–6 on Saturday, closed on Sunday. */
const evidence = (now: string, fields: Partial<Evidence> = {}): Evidence => ({
  facts: {
    departments: [
      {
        department: 'sales',
        hours: {
          mon: weekday,
          tue: weekday,
          wed: weekday,
          thu: weekday,
          fri: weekday,
          sat: { intervals: [{ open: '09:00', close: '18:00' }] },
          sun: { intervals: [], closed: true },
        },
        phones: [{ number: '(555) 010-4200' }],
        emails: [],
        sources: ['doc-hours'],
      },
    ],
    address: null,
    website: null,
    staff: [],
    holidays: [],
  },
  timezone: 'America/Chicago',
  titles: { 'doc-hours': 'Hours & Contact', feed: 'Inventory feed' },
  search: null,
  pageVehicle: null,
  vehicles: [],
  similar: null,
  now: new Date(now),
  ...fields,
})

// Wednesday 4 March 2026, noon in Chicago; Wednesday 10 PM; Friday 9 PM; Saturday 7 AM.
const OPEN = '2026-03-04T18:00:00Z'
const WEDNESDAY_NIGHT = '2026-03-05T04:00:00Z'
const FRIDAY_NIGHT = '2026-03-07T03:00:00Z'
const SATURDAY_MORNING = '2026-03-07T13:00:00Z'

const knowledge = {
  staff: [],
  names: vehicleNames({
    models: [{ make: 'Toyota', model: 'RAV4', bodyStyle: 'suv' }],
    trims: [],
    colors: [],
    available: 1,
  }),
  languages: ['en'],
}

/** A lead-capture tool that records what it was asked to show. */
function leadCapture() {
  const calls: unknown[] = []
  const tool: AnswerTool = {
    name: 'start_lead_capture',
    description: 'Shows the contact form',
    parameters: {},
    async run(args) {
      calls.push(args)
      return { content: JSON.stringify({ shown: true }) }
    },
  }
  return { tool, calls }
}

async function answer(
  question: string,
  at: Evidence,
  options: {
    history?: HistoryTurn[]
    tools?: AnswerTool[]
    passages?: Passage[]
    page?: { url: string; vehicle: { stockNumber: string } }
  } = {},
) {
  const history = options.history ?? []
  const page = options.page ?? null
  const understanding = understand({ text: question, history, page, knowledge })
  const parts: AnswerPart[] = []
  for await (const part of createBuiltinAnswerer().doStream({
    question,
    history: history.map(({ role, text }) => ({ role, text })),
    understanding,
    evidence: at,
    passages: options.passages ?? [],
    dealershipName: 'Westfield Motors',
    tools: options.tools,
    page: page ?? undefined,
  })) {
    parts.push(part)
  }
  const text = parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('')
  const meta = parts.find((p) => p.type === 'meta')
  const sources = parts.find((p) => p.type === 'sources')
  return { text, meta, sources }
}

const offered: HistoryTurn[] = [
  { role: 'visitor', text: 'do you do window tint' },
  {
    role: 'assistant',
    text: "I don't have information about that, so I'd rather not guess. Would you like me to connect you with someone from our team?",
    context: { language: 'en', topic: 'passages', handoffOffered: true },
  },
]

describe('the built-in answerer', () => {
  it('declines what nothing answers, and offers the team with a button', async () => {
    const { text, meta } = await answer('do you do window tint', evidence(OPEN))
    expect(text).toBe(
      "I don't have information about that, so I'd rather not guess. Would you like me to connect you with someone from our team?",
    )
    expect(meta).toMatchObject({
      actions: [{ type: 'handoff', label: 'Connect me with the team' }],
      context: { language: 'en', topic: 'passages', handoffOffered: true },
      cacheable: false,
    })
  })

  it('after hours, says when the team is back', async () => {
    const wednesday = await answer('do you do window tint', evidence(WEDNESDAY_NIGHT))
    expect(wednesday.text).toMatch(
      /team\?\s+We're closed right now; our team is back on Thursday at 9:00 AM\.$/,
    )
    const friday = await answer('do you do window tint', evidence(FRIDAY_NIGHT))
    expect(friday.text).toMatch(/our team is back on Saturday at 9:00 AM\.$/)
    const early = await answer('do you do window tint', evidence(SATURDAY_MORNING))
    expect(early.text).toMatch(/our team is back today at 9:00 AM\.$/)
  })

  it('declines in the visitor’s language', async () => {
    const { text, meta } = await answer('¿hacen polarizado de ventanas?', evidence(FRIDAY_NIGHT))
    expect(text).toBe(
      'No tengo información sobre eso, así que prefiero no adivinar. ¿Quiere que le comunique con alguien de nuestro equipo? ' +
        'En este momento estamos cerrados; nuestro equipo regresa el sábado a las 9:00 AM.',
    )
    expect(meta).toMatchObject({
      actions: [{ type: 'handoff', label: 'Hablar con el equipo' }],
      context: { language: 'es' },
    })
  })

  it('shows the lead form when the visitor says yes to the offer', async () => {
    const { tool, calls } = leadCapture()
    const { text, meta } = await answer('yes please', evidence(OPEN), {
      history: offered,
      tools: [tool],
    })
    expect(calls).toEqual([{ reason: 'Talk to the team' }])
    expect(text).toBe(
      'Great! Leave your name and how to reach you in the form below, and someone from our team will get back to you.',
    )
    expect(meta).toMatchObject({ actions: undefined, cacheable: false })
  })

  it('takes "no" to the offer politely, without the form', async () => {
    const { tool, calls } = leadCapture()
    const { text } = await answer('nope', evidence(OPEN), { history: offered, tools: [tool] })
    expect(text).toBe('No problem. What else can I help you with?')
    expect(calls).toEqual([])
  })

  it('shows the lead form when the visitor asks for a person, saying when the team is back', async () => {
    const { tool, calls } = leadCapture()
    const { text } = await answer('can I talk to a person', evidence(FRIDAY_NIGHT), {
      tools: [tool],
    })
    expect(calls).toEqual([{ reason: 'Talk to the team' }])
    expect(text).toBe(
      'Of course! Leave your name and how to reach you in the form below, and someone from our team will get back to you. ' +
        "We're closed right now; our team is back on Saturday at 9:00 AM.",
    )
  })

  it('shows the lead form, not the button, for a test drive', async () => {
    const { tool, calls } = leadCapture()
    const { meta } = await answer('can I schedule a test drive', evidence(OPEN), { tools: [tool] })
    expect(calls).toEqual([{ reason: 'Test drive' }])
    expect(meta?.type === 'meta' && meta.actions).toBeUndefined()
  })

  it('answers hours from the facts, citing their document', async () => {
    const { text, meta, sources } = await answer(
      'what time do you close on saturday',
      evidence(OPEN),
    )
    expect(text).toBe('Sales is open 9:00 AM – 6:00 PM on Saturday.')
    expect(meta).toMatchObject({
      actions: undefined,
      context: { topic: 'hours', days: ['sat'], language: 'en' },
      cacheable: true,
    })
    expect(sources).toEqual({
      type: 'sources',
      chunkIds: [],
      citations: [{ documentId: 'doc-hours', title: 'Hours & Contact', snippet: '' }],
    })
  })

  it('never caches an answer about right now', async () => {
    const { text, meta } = await answer('are you open right now', evidence(FRIDAY_NIGHT))
    expect(text).toBe(
      "Sales is closed right now; it's 9:00 PM here. It opens again on Saturday at 9:00 AM.",
    )
    expect(meta).toMatchObject({ cacheable: false })
  })

  it('lists what an inventory search found and remembers it for follow-ups', async () => {
    const rav4: InventoryVehicle = {
      id: 'v1',
      documentId: 'feed',
      stockNumber: 'A101',
      vin: null,
      year: 2021,
      make: 'Toyota',
      model: 'RAV4',
      trim: 'XLE',
      bodyStyle: 'suv',
      condition: 'used',
      mileage: 31200,
      price: 27900,
      msrp: null,
      exteriorColor: null,
      colorFamily: null,
      interiorColor: null,
      drivetrain: 'awd',
      fuel: 'gas',
      transmission: null,
      engine: null,
      mpgCity: null,
      mpgHighway: null,
      features: [],
      featureKeys: [],
      status: 'available',
      statusText: null,
      url: null,
      photoUrl: null,
    }
    const query = { make: 'Toyota', model: 'RAV4' }
    const found = evidence(OPEN, {
      search: { query, result: { total: 1, vehicles: [rav4] }, relaxed: null },
    })
    const { text, meta, sources } = await answer('any rav 4s', found)
    expect(text).toBe(
      'We have 1 Toyota RAV4 available:\n\n- **2021 Toyota RAV4 XLE** — $27,900, 31,200 miles (stock A101)',
    )
    expect(meta).toMatchObject({ context: { topic: 'inventory', query, listed: ['v1'] } })
    expect(sources).toMatchObject({
      citations: [{ documentId: 'feed', title: 'Inventory feed' }],
    })
  })

  it('greets by the dealership’s name', async () => {
    const { text } = await answer('hi', evidence(OPEN))
    expect(text).toBe(
      'Hi! Welcome to Westfield Motors. What can I help you with today? Ask me about our vehicles, hours, financing or service.',
    )
  })

  it('needs the turn’s understanding and evidence', async () => {
    const stream = createBuiltinAnswerer().doStream({
      question: 'hi',
      history: [],
      passages: [],
      dealershipName: 'Westfield Motors',
    })
    await expect(async () => {
      for await (const _ of stream) {
        // Reading the stream runs the answerer.
      }
    }).rejects.toThrow(/understanding and evidence/)
  })
})

describe("the built-in answerer: the feed's remarks on a vehicle", () => {
  const truck = testVehicle({
    id: 'v-f550',
    stockNumber: 'F26107',
    year: 2026,
    make: 'Ford',
    model: 'F-550',
    trim: 'XL Chassis',
    bodyStyle: 'truck',
    condition: 'new',
    mileage: 31,
    price: 76200,
    msrp: 78900,
    exteriorColor: 'Oxford White',
    colorFamily: 'white',
    drivetrain: '4wd',
    statusText: 'In Stock',
    notes: "Price includes the 11' flatbed upfit, installed. Sold as-is.",
  })
  const page = { url: 'https://westfield.example/v/F26107', vehicle: { stockNumber: 'F26107' } }
  const passages = [
    {
      chunkId: 'menu',
      documentId: 'doc-menu',
      title: 'Service menu',
      heading: null,
      text: 'Full synthetic oil change: $94.95. Extra quarts $9.50 each.',
      similarity: 0.5,
      textMatch: true,
    },
  ]

  it('answers what the remarks say, cited to the feed, never an unrelated line', async () => {
    const at = evidence(OPEN, { pageVehicle: truck })
    const included = await answer('does that price include the flatbed', at, {
      page,
      passages,
    })
    expect(included.text).toContain('$76,200')
    expect(included.text).toContain("Price includes the 11' flatbed upfit, installed.")
    expect(included.text).not.toContain('quarts')
    const warranty = await answer('does this one come with a warranty', at, { page, passages })
    expect(warranty.text).toContain('Sold as-is.')
    expect(warranty.sources).toMatchObject({ chunkIds: [] })
  })

  it('says when a vehicle on its way arrives, as the remarks say it', async () => {
    const coming = {
      ...truck,
      status: 'in transit' as const,
      statusText: 'In Transit',
      notes: 'ETA first week of January.',
    }
    const { text } = await answer(
      'is it still available',
      evidence(OPEN, { pageVehicle: coming }),
      {
        page,
      },
    )
    expect(text).toContain('In Transit')
    expect(text).toContain('ETA first week of January.')
  })
})
