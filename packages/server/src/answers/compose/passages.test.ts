import { describe, expect, it } from 'vitest'
import type { Passage } from '../../providers/llm/index.ts'
import { understand } from '../understand/index.ts'
import { vehicleNames } from '../understand/vehicle-names.ts'
import { passageAnswer } from './passages.ts'

let chunks = 0
const passage = (title: string, heading: string | null, text: string): Passage => ({
  chunkId: `chunk-${++chunks}`,
  documentId: `doc-${title}`,
  title,
  heading,
  text,
  similarity: 0.5,
  textMatch: true,
})

const menu = passage(
  'Service Menu',
  'Maintenance prices',
  '- Synthetic Oil Change — $69.95\n- Conventional Oil Change — $39.95\n- Tire Rotation — $24.95\n- Four-Wheel Alignment — $119.95',
)
const faq = passage(
  'Buyer FAQ',
  'Buyer FAQ',
  "Q: What documents do I need to buy a car?\n- Driver's license\n- Proof of insurance\n- Two recent pay stubs\n" +
    'Q: Can I buy a car from out of state?\nYes. We sell to buyers in every state and handle the registration paperwork for you. ' +
    "Temporary tags are issued the same day. Out-of-state buyers pay their home state's sales tax instead of ours. " +
    'Shipping can be arranged at cost.',
)
const fees = passage(
  'Fees',
  'Dealer fees',
  'We charge a documentation fee on every sale to cover title and registration paperwork. The documentation fee is $399.',
)
const warranty = passage(
  'Warranty & Policies',
  'Used vehicle warranty',
  'See our Warranty & Policies sheet for coverage details. ' +
    'Every certified pre-owned vehicle includes a 12-month / 12,000-mile comprehensive warranty. ' +
    'Most used vehicles include our powertrain warranty:\n- Engine\n- Transmission\n- Drive axles',
)
const lounge = passage(
  'Service',
  'Amenities',
  'Our waiting lounge has free Wi-Fi, coffee and a kids corner. The large side windows face the mountains.',
)
const passages = [menu, faq, fees, warranty, lounge]

const knowledge = {
  staff: [],
  names: vehicleNames({ models: [], trims: [], colors: [], available: 0 }),
  languages: ['en'],
}

/** Answers a question from passages as the built-in answerer does: its content, its kind of answer. */
const ask = (question: string, from: readonly Passage[] = passages) => {
  const u = understand({ text: question, history: [], page: null, knowledge })
  return passageAnswer(u.content, from, u.language, { answerType: u.answerType })
}

const lines = (answer: ReturnType<typeof ask>) =>
  answer ? [...answer.lead, ...answer.details].filter((line) => line !== '') : []

describe('passageAnswer', () => {
  it('quotes the line that answers, and cites its passage', () => {
    const answer = ask('how much is a synthetic oil change')
    expect(answer?.lead).toEqual(['Synthetic Oil Change — $69.95'])
    expect(answer?.details).toEqual([])
    expect(answer?.chunkIds).toEqual([menu.chunkId])
    expect(answer?.context).toEqual({ topic: 'passages', terms: ['synthet', '#oil_change'] })
    expect(ask('how much is tire rotation')?.lead).toEqual(['Tire Rotation — $24.95'])
  })

  it('puts the line with the amount first when the question asks how much', () => {
    expect(ask('how much is the doc fee')?.lead).toEqual(['The documentation fee is $399.'])
  })

  it('answers "how much" with a price, not a discount off it', () => {
    const diesel = [
      passage(
        'Service specials',
        '$30 Off Diesel Oil Service',
        'Any 6.6L Duramax oil & filter service.',
      ),
      passage(
        'Service menu',
        'Diesel',
        '- Diesel oil & filter – 6.6L Duramax: $174.95\n- Diesel fuel filter replacement: $149.95',
      ),
    ]
    expect(ask('how much for a duramax oil change', diesel)?.lead).toEqual([
      'Diesel oil & filter – 6.6L Duramax: $174.95',
    ])
  })

  it('declines a question about something no passage mentions', () => {
    // The passages mention windows, never tint.
    expect(ask('do you do window tint')).toBe(null)
    expect(ask('do you sell boats')).toBe(null)
  })

  it('answers an FAQ’s question with the list under it', () => {
    const answer = ask('what documents do I need to buy a car')
    expect(lines(answer)).toEqual([
      "Driver's license",
      '- Proof of insurance',
      '- Two recent pay stubs',
    ])
    expect(answer?.chunkIds).toEqual([faq.chunkId])
  })

  it('answers an FAQ’s question with up to three sentences under it', () => {
    expect(lines(ask('can I buy a car from out of state'))).toEqual([
      'Yes. We sell to buyers in every state and handle the registration paperwork for you.',
      'Temporary tags are issued the same day.',
      "Out-of-state buyers pay their home state's sales tax instead of ours.",
    ])
  })

  it('brings the list a lead-in line introduces', () => {
    const answer = ask('what does the powertrain warranty cover')
    expect(answer?.lead).toEqual(['Most used vehicles include our powertrain warranty'])
    expect(answer?.details.slice(0, 3)).toEqual(['- Engine', '- Transmission', '- Drive axles'])
  })

  it('prefers the line that answers to a line pointing at another document', () => {
    const answer = ask('whats the warranty on certified cars')
    expect(answer?.lead).toEqual([
      'Every certified pre-owned vehicle includes a 12-month / 12,000-mile comprehensive warranty.',
    ])
    expect(lines(answer)).not.toContain('See our Warranty & Policies sheet for coverage details.')
  })

  it('answers a Spanish question from an English document, naming the document', () => {
    expect(ask('que garantia tienen los carros certificados')?.lead).toEqual([
      'Según Warranty & Policies: Every certified pre-owned vehicle includes a 12-month / 12,000-mile comprehensive warranty.',
    ])
  })

  it('never cuts a sentence short', () => {
    const long = passage(
      'Trade-ins',
      'Trade-in appraisals',
      'We appraise every trade-in for free, and our appraisal uses current auction data, the vehicle’s condition, its service history and local demand, so the number you get reflects what your car is really worth today. ' +
        'Appraisals take about 20 minutes and are good for 7 days or 500 miles, whichever comes first, even if you decide not to buy from us. ' +
        'Bring your title or your loan payoff information and every key you have.',
    )
    const answer = ask('how long is a trade-in appraisal good for', [long])
    expect(answer?.lead).toEqual([
      'Appraisals take about 20 minutes and are good for 7 days or 500 miles, whichever comes first, even if you decide not to buy from us.',
    ])
    for (const line of lines(answer)) {
      expect(long.text).toContain(line)
      expect(line).toMatch(/[.!?]$/)
    }
  })

  it('reads a vehicle’s card on a deals page whole, and dates it by the page', () => {
    const deals = [
      passage(
        'Deals of the Week',
        'Deals of the Week',
        'Price drops on the lot this week only — sale prices good through Saturday, December 12, 2026 unless noted.',
      ),
      passage(
        'Deals of the Week',
        '2017 Ford F-150 XLT SuperCrew 4x4',
        'Stock #HA1247 · 103,600 mi\nWas $26,995\nNOW $24,995',
      ),
      passage(
        'Deals of the Week',
        'Winter Detail Special: Full Detail $159',
        'Book by December 20, 2026. Call Andre at ext. 23.',
      ),
    ].map((p) => ({ ...p, documentId: 'doc-deals' }))
    const price = ask('whats the price on the F-150', deals)
    expect(lines(price)).toEqual([
      '2017 Ford F-150 XLT SuperCrew 4x4',
      '- Stock #HA1247 · 103,600 mi',
      '- Was $26,995',
      '- NOW $24,995',
    ])
    const u = understand({
      text: 'when does the F-150 price end',
      history: [],
      page: null,
      knowledge,
    })
    const ends = passageAnswer(u.content, deals, u.language, {
      answerType: u.answerType,
      today: '2026-12-08',
    })
    // The page's date, not the detail special's "Book by December 20" beside it.
    expect(lines(ends).join(' ')).toContain('good through Saturday, December 12, 2026')
    expect(lines(ends).join(' ')).not.toContain('December 20')
  })

  it('gives nothing for a question without content, or without passages', () => {
    expect(ask('how much is a synthetic oil change', [])).toBe(null)
    expect(
      passageAnswer(
        [],
        passages,
        understand({ text: 'hi', history: [], page: null, knowledge }).language,
      ),
    ).toBe(null)
  })
})
