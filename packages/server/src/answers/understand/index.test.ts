import { describe, expect, it } from 'vitest'
import { conceptKey, type Term } from '../../language/analyze.ts'
import { isEverydayWord } from '../../language/everyday.ts'
import { createSpeller } from '../../language/spelling.ts'
import { type HistoryTurn, type ReaderKnowledge, understand } from './index.ts'
import type { AnswerContext } from './types.ts'
import { vehicleNames } from './vehicle-names.ts'

// A small lot, its names compiled as the knowledge service does.
const names = vehicleNames(
  {
    models: [
      { make: 'Toyota', model: 'RAV4', bodyStyle: 'suv' },
      { make: 'Honda', model: 'CR-V', bodyStyle: 'suv' },
      { make: 'Honda', model: 'Pilot', bodyStyle: 'suv' },
      { make: 'Ford', model: 'F-150', bodyStyle: 'truck' },
      { make: 'Toyota', model: 'Camry', bodyStyle: 'sedan' },
    ],
    trims: ['XLE', 'EX-L', 'PRO-4X Crew Cab'],
    colors: ['Blueprint'],
    available: 12,
  },
  isEverydayWord,
)

const knowledge: ReaderKnowledge = {
  staff: [
    { name: 'Priya Raman', title: 'Finance Manager', department: 'finance', extension: '230' },
    { name: 'Marcus Bell', title: 'Parts Manager', department: 'parts', extension: '220' },
  ],
  names,
  languages: ['en'],
}

const read = (text: string, history: HistoryTurn[] = [], with_: Partial<ReaderKnowledge> = {}) =>
  understand({ text, history, page: null, knowledge: { ...knowledge, ...with_ } })

/** A conversation whose last answer was about something. */
const after = (context: AnswerContext, question = 'earlier question'): HistoryTurn[] => [
  { role: 'visitor', text: question },
  { role: 'assistant', text: 'earlier answer', context },
]

const search = (text: string) => {
  const vehicle = read(text).vehicle
  if (vehicle?.kind !== 'search') throw new Error(`"${text}" is not a search`)
  return vehicle
}

describe('understand: facts', () => {
  it('reads a department’s hours on a day', () => {
    const u = read('what time does service close on saturday')
    expect(u.facts).toEqual([
      { kind: 'hours', department: 'service', days: ['sat'], when: null, holiday: null },
    ])
    expect(u.vehicle).toBe(null)
    expect(u.rest).toEqual([])
  })

  it('reads "right now", "tomorrow", the weekend and holidays', () => {
    expect(read('are you open right now').facts).toEqual([
      { kind: 'hours', department: null, days: null, when: 'now', holiday: null },
    ])
    expect(read('what time does service open tomorrow').facts).toEqual([
      { kind: 'hours', department: 'service', days: null, when: 'tomorrow', holiday: null },
    ])
    expect(read('open on the weekend?').facts).toEqual([
      { kind: 'hours', department: null, days: ['sat', 'sun'], when: null, holiday: null },
    ])
    expect(read('are you open on christmas').facts).toEqual([
      { kind: 'hours', department: null, days: null, when: null, holiday: 'christmas' },
    ])
  })

  it('reads hours asked in Spanish', () => {
    const u = read('¿a qué hora abren el sábado?')
    expect(u.language.code).toBe('es')
    expect(u.facts).toEqual([
      { kind: 'hours', department: null, days: ['sat'], when: null, holiday: null },
    ])
  })

  it('reads phone numbers, emails and the address, of a department when named', () => {
    expect(read('whats the parts phone number').facts).toEqual([
      { kind: 'phone', department: 'parts' },
    ])
    expect(read('whats the phone number for the body shop').facts).toEqual([
      { kind: 'phone', department: 'collision' },
    ])
    expect(read('cual es el telefono de servicio').facts).toEqual([
      { kind: 'phone', department: 'service' },
    ])
    expect(read("what's your email").facts).toEqual([{ kind: 'email', department: null }])
    expect(read('where are you located').facts).toEqual([{ kind: 'address', department: null }])
    expect(read('donde estan ubicados').facts).toEqual([{ kind: 'address', department: null }])
  })

  it('reads a member of staff by title or by name', () => {
    expect(read('who is the finance manager').facts).toEqual([
      {
        kind: 'staff',
        name: null,
        role: ['finance', 'manager'],
        department: 'finance',
        want: 'who',
      },
    ])
    expect(read("what is priya's extension").facts).toEqual([
      { kind: 'staff', name: 'Priya Raman', role: [], department: null, want: 'extension' },
    ])
    // Two people, each with what is asked of them; "cell number" is a phone, nothing more.
    const both = read("whats marcus's extension and priya's cell number")
    expect(both.facts).toEqual([
      { kind: 'staff', name: 'Marcus Bell', role: [], department: null, want: 'extension' },
      { kind: 'staff', name: 'Priya Raman', role: [], department: null, want: 'phone' },
    ])
    expect(both.rest).toEqual([])
  })

  it('splits a question of two parts, the second borrowing what its "that" points at', () => {
    const u = read('how much is the synthetic oil change and when does that coupon expire')
    expect(u.clauses.map((c) => c.answerType)).toEqual(['money', 'when'])
    const [first, second] = u.clauses
    const own = (terms: Term[]) => terms.filter((t) => t.start >= 0).map((t) => t.key)
    const lent = (terms: Term[]) => terms.filter((t) => t.start < 0).map((t) => t.key)
    expect(lent(first!.terms)).toEqual([])
    expect(own(second!.terms)).not.toContain('#oil_change')
    expect(lent(second!.terms)).toEqual(own(first!.terms))
  })

  it('does not read a mid-sentence "when I" as asking for hours', () => {
    const u = read('can I book a loaner when I schedule my service?')
    expect(u.facts).toEqual([])
    expect(u.answerType).toBe(null)
    expect(u.rest.map((t) => t.key)).toContain('#loaner')
  })

  it('does not read a trade-in’s worth as a question of price', () => {
    const u = read('how much is my trade-in worth')
    expect(u.answerType).toBe(null)
    expect(u.vehicle).toBe(null)
    expect(u.rest.map((t) => t.key)).toEqual(['#trade-in', '#value'])
  })

  it('reads "how much" about a service as a question wanting a price', () => {
    const u = read('how much is an oil change')
    expect(u.answerType).toBe('money')
    expect(u.vehicle).toBe(null)
    expect(u.rest.map((t) => t.key)).toEqual(['#oil_change'])
  })
})

describe('understand: the inventory', () => {
  it('reads a search with condition, body style and a price limit', () => {
    expect(search('used SUVs under $30k').query).toEqual({
      condition: 'used',
      bodyStyle: 'suv',
      priceMax: 30000,
    })
    expect(search('used cars under 15 grand').query).toEqual({
      condition: 'used',
      priceMax: 15000,
    })
  })

  it('reads ranges of price, mileage and year', () => {
    expect(search('trucks between 20 and 25k').query).toEqual({
      bodyStyle: 'truck',
      priceMin: 20000,
      priceMax: 25000,
    })
    expect(search('suvs with less than 40k miles').query).toEqual({
      bodyStyle: 'suv',
      mileageMax: 40000,
    })
    expect(search('2020 or newer camry').query).toMatchObject({
      make: 'Toyota',
      model: 'Camry',
      yearMin: 2020,
    })
    expect(search('2020 or newer camry').query.yearMax).toBeUndefined()
    expect(search('cars from 2018 to 2020').query).toEqual({ yearMin: 2018, yearMax: 2020 })
    expect(search('cars with at least 30 mpg').query).toEqual({ mpgMin: 30 })
  })

  it('reads orders and counts', () => {
    expect(search('cheapest truck').query).toEqual({ bodyStyle: 'truck', sort: 'price_asc' })
    const count = search('how many trucks do you have')
    expect(count.count).toBe(true)
    expect(count.query).toEqual({ bodyStyle: 'truck' })
    expect(search('any trucks under 30k').count).toBe(false)
    // "Longest" orders the loan here, not the trucks: no search.
    expect(read('whats the longest loan i can get on a brand new truck').vehicle).toBe(null)
  })

  it('reads model names however they are typed', () => {
    const rav4 = { make: 'Toyota', model: 'RAV4' }
    expect(search('any rav 4s').query).toEqual(rav4)
    expect(search('do you have RAV4s').query).toEqual(rav4)
    expect(search('crv').query).toEqual({ make: 'Honda', model: 'CR-V' })
    expect(search('f150s under 40k').query).toEqual({
      make: 'Ford',
      model: 'F-150',
      priceMax: 40000,
    })
  })

  it('reads drivetrains, features, colours and fuels', () => {
    expect(search('awd or 4x4 suvs').query).toEqual({
      bodyStyle: 'suv',
      drivetrain: ['awd', '4wd'],
    })
    expect(search('suv with third row').query).toEqual({
      bodyStyle: 'suv',
      features: ['third row'],
    })
    expect(search('any trucks in red').query).toEqual({ bodyStyle: 'truck', color: 'red' })
    expect(search('any hybrid suvs').query).toEqual({ bodyStyle: 'suv', fuel: 'hybrid' })
  })

  it('reads searches in Spanish', () => {
    const u = read('camionetas usadas de menos de 30 mil')
    expect(u.language.code).toBe('es')
    expect(u.vehicle).toMatchObject({
      kind: 'search',
      query: { bodyStyle: 'suv', condition: 'used', priceMax: 30000 },
      count: false,
    })
    expect(read('cuantas trocas tienen').vehicle).toMatchObject({
      kind: 'search',
      query: { bodyStyle: 'truck' },
      count: true,
    })
  })

  it('asks the listing what the question asks of it', () => {
    expect(search('how much are the camrys').asks).toEqual(['price'])
    expect(search('is the f150 available').asks).toEqual(['available'])
  })

  it('reads a question about the vehicle on the page', () => {
    const u = understand({
      text: 'is it awd?',
      history: [],
      page: { url: 'https://example.com/used/rav4', vehicle: { stockNumber: 'A24101' } },
      knowledge,
    })
    expect(u.pointsAtPage).toBe(true)
    expect(u.vehicle).toMatchObject({ kind: 'about', target: 'page', asks: ['drivetrain'] })
    // Its availability is the listing's to answer: no word is left for passages ("available"
    // would find the shuttle that is "available Monday to Friday").
    const still = understand({
      text: 'is it still available?',
      history: [],
      page: { url: 'https://example.com/used/rav4', vehicle: { stockNumber: 'A24101' } },
      knowledge,
    })
    expect(still.vehicle).toMatchObject({ kind: 'about', target: 'page', asks: ['available'] })
    expect(still.rest).toEqual([])
  })
})

describe('understand: the visitor and the conversation', () => {
  it('reads a request for a person', () => {
    expect(read('can I talk to a person').person).toBe(true)
    expect(read('what are your hours').person).toBe(false)
  })

  it('reads small talk', () => {
    expect(read('hi').smallTalk).toBe('greeting')
    expect(read('thanks!').smallTalk).toBe('thanks')
    expect(read('hola').smallTalk).toBe('greeting')
    expect(read('hi, do you have trucks').smallTalk).toBe(null)
  })

  it('reads "yes" as a reply only after an offer', () => {
    const offered = after({ language: 'en', topic: 'passages', handoffOffered: true })
    expect(read('yes', offered).reply).toBe('yes')
    expect(read('sure', offered).reply).toBe('yes')
    expect(read('no thanks', offered).reply).toBe('no')
    expect(read('yes').reply).toBe(null)
    const ofrecido = after({ language: 'es', topic: 'passages', handoffOffered: true })
    expect(read('sí', ofrecido).reply).toBe('yes')
  })

  it('reads "and on sunday?" after an answer about hours as the same hours another day', () => {
    const hours = after({ language: 'en', topic: 'hours', department: 'sales', days: ['sat'] })
    const u = read('and on sunday?', hours)
    expect(u.followUp).toBe(true)
    expect(u.facts).toEqual([
      { kind: 'hours', department: 'sales', days: ['sun'], when: null, holiday: null },
    ])
    expect(read('what about service?', hours).facts).toEqual([
      { kind: 'hours', department: 'service', days: ['sat'], when: null, holiday: null },
    ])
    expect(read('y el domingo?', hours).facts).toEqual([
      { kind: 'hours', department: 'sales', days: ['sun'], when: null, holiday: null },
    ])
  })

  it('carries a department over from the last answer', () => {
    const phone = after({ language: 'en', topic: 'phone', department: 'service' })
    expect(read('are they open saturday', phone).facts).toEqual([
      { kind: 'hours', department: 'service', days: ['sat'], when: null, holiday: null },
    ])
    expect(read('what about parts', phone).facts).toEqual([{ kind: 'phone', department: 'parts' }])
  })

  it('reads "his extension" as the person just named', () => {
    const staff = after({ language: 'en', topic: 'staff', staffName: 'Marcus Bell' })
    expect(read('whats his extension', staff).facts).toEqual([
      { kind: 'staff', name: 'Marcus Bell', role: [], department: null, want: 'extension' },
    ])
  })

  it('narrows the last search', () => {
    const usedSuvs = after({
      language: 'en',
      topic: 'inventory',
      query: { condition: 'used', bodyStyle: 'suv' },
      listed: ['v1', 'v2', 'v3'],
    })
    const cheaper = read('what about under 20k', usedSuvs)
    expect(cheaper.followUp).toBe(true)
    expect(cheaper.vehicle).toMatchObject({
      kind: 'search',
      query: { condition: 'used', bodyStyle: 'suv', priceMax: 20000 },
    })
    expect(read('any in red?', usedSuvs).vehicle).toMatchObject({
      kind: 'search',
      query: { condition: 'used', bodyStyle: 'suv', color: 'red' },
    })
    expect(read('y de menos de 20 mil?', usedSuvs).vehicle).toMatchObject({
      kind: 'search',
      query: { condition: 'used', bodyStyle: 'suv', priceMax: 20000 },
    })
  })

  it('starts a new search when the follow-up names another kind of vehicle', () => {
    const usedSuvs = after({
      language: 'en',
      topic: 'inventory',
      query: { condition: 'used', bodyStyle: 'suv' },
      listed: ['v1'],
    })
    expect(read('what about trucks', usedSuvs).vehicle).toMatchObject({
      kind: 'search',
      query: { bodyStyle: 'truck' },
    })
  })

  it('picks out of the vehicles just listed', () => {
    const listed = after({
      language: 'en',
      topic: 'inventory',
      query: { bodyStyle: 'suv' },
      listed: ['v1', 'v2', 'v3'],
    })
    expect(read('the blue one', listed).vehicle).toMatchObject({
      kind: 'about',
      target: 'listed',
      vehicleIds: ['v1', 'v2', 'v3'],
      select: { color: 'blue' },
    })
    expect(read('how much is the camry', listed).vehicle).toMatchObject({
      kind: 'about',
      asks: ['price'],
      select: { model: 'Camry' },
    })
    // A trim by its first word, as visitors shorten "PRO-4X Crew Cab".
    expect(read('how much is the pro-4x', listed).vehicle).toMatchObject({
      kind: 'about',
      select: { trim: 'PRO-4X' },
    })
    // "And the other one?" after one of them was picked: the rest of the list.
    const picked = after({ language: 'en', topic: 'vehicle', listed: ['v1', 'v2'], focus: ['v2'] })
    expect(read('and the other one?', picked).vehicle).toMatchObject({
      kind: 'about',
      target: 'listed',
      vehicleIds: ['v1', 'v2'],
      select: { other: true, focus: ['v2'] },
    })
  })

  it('corrects misspellings with the dealership’s words before reading', () => {
    const speller = createSpeller(['warranty', 'extended'])
    const u = read('how long is the warrenty', [], { speller })
    expect(u.analysis.concepts.has('warranty')).toBe(true)
    expect(u.answerType).toBe('duration')
    // A common word is no typo of a dealership's word: "a couple days" is not a coupe.
    const couple = read('can i return it a couple days later', [], {
      speller: createSpeller(['coupe', 'coupes']),
    })
    expect(couple.analysis.concepts.has('coupe')).toBe(false)
  })

  it("searches a Spanish question with its concepts' English words, not the visitor's own car", () => {
    const u = read('¿Cuánto vale mi carro usado?')
    expect(u.retrievalText).toContain('worth')
    expect(u.retrievalText).toContain('trade-in')
    expect(u.retrievalText).not.toMatch(/\bused\b/)
    expect(u.retrievalText).not.toContain('cars')
  })

  it('reads "a shuttle or a loaner" as two things asked', () => {
    const u = read('do you have a shuttle or a loaner car while my truck is in the shop')
    expect(u.clauses).toHaveLength(2)
  })

  it('reads a condition ("if I buy…") with the part it conditions, not as a question', () => {
    const u = read('if i buy a used truck and change my mind can i get my money back')
    expect(u.clauses).toHaveLength(1)
    expect(u.clauses[0]!.terms.map((t) => t.key)).toEqual(
      expect.arrayContaining([conceptKey('truck'), conceptKey('return')]),
    )
  })

  it('offers the lead form when the visitor asks to be contacted', () => {
    expect(read('can I schedule a test drive').contact).toBe('Test drive')
    expect(read('what are your hours').contact).toBe(null)
  })
})
