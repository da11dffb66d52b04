import type { DaySchedule, DealershipFacts } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { ENGLISH, languageOf } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import type { FactRequest } from '../understand/types.ts'
import { hoursAnswer } from './hours.ts'

const SPANISH = languageOf('es')
const open = (from: string, to: string, text?: string): DaySchedule => ({
  intervals: [{ open: from, close: to }],
  ...(text ? { text } : {}),
})
const weekday = open('09:00', '20:00')

const facts: DealershipFacts = {
  departments: [
    {
      department: 'sales',
      hours: {
        mon: weekday,
        tue: weekday,
        wed: weekday,
        thu: weekday,
        fri: weekday,
        sat: open('09:00', '18:00', '9:00 AM – 6:00 PM'),
        sun: { intervals: [], closed: true },
      },
      phones: [],
      emails: [],
      sources: ['doc-hours'],
    },
    {
      department: 'service',
      hours: {
        mon: open('07:00', '18:00'),
        sat: open('08:00', '14:00'),
        sun: open('10:00', '14:00'),
      },
      phones: [],
      emails: [],
      sources: ['doc-service'],
    },
    { department: 'parts', hours: {}, phones: [], emails: [] },
  ],
  address: null,
  website: null,
  staff: [],
  holidays: [{ holiday: 'christmas', name: 'Christmas Day', closed: true, source: 'doc-holidays' }],
}

// Saturday 7 March 2026, 10:30 AM in New York.
const evidence: Evidence = {
  facts,
  timezone: 'America/New_York',
  titles: {},
  search: null,
  pageVehicle: null,
  vehicles: [],
  similar: null,
  now: new Date('2026-03-07T15:30:00Z'),
}

const hours = (
  request: Partial<Extract<FactRequest, { kind: 'hours' }>>,
  at: Evidence = evidence,
  language = ENGLISH,
) =>
  hoursAnswer(
    { kind: 'hours', department: null, days: null, when: null, holiday: null, ...request },
    at,
    language,
  )

describe('hoursAnswer', () => {
  it('gives a department’s hours on a day, quoting the hours as the documents wrote them', () => {
    expect(hours({ department: 'service', days: ['sat'] })).toEqual({
      lead: ['Service is open 8:00 AM – 2:00 PM on Saturday.'],
      details: [],
      sources: ['doc-service'],
      context: { topic: 'hours', department: 'service', days: ['sat'], holiday: null },
    })
    expect(hours({ days: ['sat'] })?.lead).toEqual(['Sales is open 9:00 AM – 6:00 PM on Saturday.'])
  })

  it('says when sales is closed, and which department is open that day', () => {
    expect(hours({ days: ['sun'] })?.lead).toEqual([
      'Sales is closed on Sunday.',
      'Service is open 10:00 AM – 2:00 PM on Sunday.',
    ])
    expect(hours({ department: 'sales', days: ['sun'] })?.lead).toEqual([
      'Sales is closed on Sunday.',
    ])
  })

  it('gives the weekend day by day', () => {
    expect(hours({ days: ['sat', 'sun'] })?.lead).toEqual([
      'Sales is open 9:00 AM – 6:00 PM on Saturday.',
      'Sales is closed on Sunday.',
    ])
  })

  it('gives the week with runs of days, and the other departments under it', () => {
    const week = hours({})
    expect(week?.lead).toEqual([
      'Sales hours: Monday–Friday 9:00 AM – 8:00 PM, Saturday 9:00 AM – 6:00 PM, Sunday closed.',
    ])
    expect(week?.details).toEqual([
      '- **Service:** Monday 7:00 AM – 6:00 PM, Saturday 8:00 AM – 2:00 PM, Sunday 10:00 AM – 2:00 PM',
    ])
  })

  it('says whether it is open right now, in the dealership’s time zone', () => {
    expect(hours({ when: 'now' })?.lead).toEqual([
      'Yes, Sales is open right now, until 6:00 PM today.',
    ])
    // Saturday 10 PM in New York: closed until Monday, Sunday being closed.
    const late = { ...evidence, now: new Date('2026-03-08T03:00:00Z') }
    expect(hours({ when: 'now' }, late)?.lead).toEqual([
      "Sales is closed right now; it's 10:00 PM here.",
      'It opens again on Monday at 9:00 AM.',
    ])
  })

  it('reads "tomorrow" from the dealership’s date', () => {
    expect(hours({ department: 'service', when: 'tomorrow' })?.lead).toEqual([
      'Service is open 10:00 AM – 2:00 PM on Sunday.',
    ])
  })

  it('answers a holiday from the holiday list', () => {
    expect(hours({ holiday: 'christmas' })).toMatchObject({
      lead: ['The dealership is closed on Christmas Day.'],
      sources: ['doc-holidays'],
    })
    expect(hours({ holiday: 'thanksgiving' })).toBe(null)
  })

  it('gives nothing when the facts lack the hours asked', () => {
    expect(hours({ department: 'parts', days: ['sat'] })).toBe(null)
    expect(hours({ department: 'service', days: ['wed'] })).toBe(null)
  })

  it('answers in Spanish with the pack’s sentences and day names', () => {
    expect(hours({ department: 'service', days: ['sat'] }, evidence, SPANISH)?.lead).toEqual([
      'Servicio abre sábado de 8:00 AM – 2:00 PM.',
    ])
    expect(hours({ days: ['sun'] }, evidence, SPANISH)?.lead).toEqual([
      'Ventas está cerrado el domingo.',
      'Servicio abre domingo de 10:00 AM – 2:00 PM.',
    ])
    expect(hours({ when: 'now' }, evidence, SPANISH)?.lead).toEqual([
      'Sí, Ventas está abierto ahora mismo, hasta las 6:00 PM.',
    ])
  })
})
