import { describe, expect, it } from 'vitest'
import { clock, type HoursFinding, readHours } from './hours.ts'

/** Findings as "department: days = open-close", compact enough to read at a glance. */
const read = (text: string, department: string | null = null) =>
  readHours(text, department).map(brief)

function brief({ department, days, schedule }: HoursFinding): string {
  const hours = schedule.closed
    ? 'closed'
    : schedule.byAppointment
      ? 'by appointment'
      : schedule.intervals.map((i) => `${i.open}-${i.close}`).join(', ')
  return `${department ?? '-'}: ${days.join(' ')} = ${hours}`
}

describe('readHours', () => {
  it('reads a day range with times as written', () => {
    expect(readHours('Monday to Friday: 9:00 AM – 8:00 PM', 'sales')).toEqual([
      {
        department: 'sales',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        schedule: { intervals: [{ open: '09:00', close: '20:00' }], text: '9:00 AM – 8:00 PM' },
      },
    ])
  })

  it('reads several days in one line, abbreviated, with bare hours and a closed day', () => {
    expect(read('Mon–Fri 9–7, Sat 9–6, Sun closed')).toEqual([
      '-: mon tue wed thu fri = 09:00-19:00',
      '-: sat = 09:00-18:00',
      '-: sun = closed',
    ])
  })

  it('reads prose: weekdays, Saturdays, and a closed day after its schedule', () => {
    expect(read("We're open weekdays from 10 to 7 and Saturdays 9 to 5; closed Sundays")).toEqual([
      '-: mon tue wed thu fri = 10:00-19:00',
      '-: sat = 09:00-17:00',
      '-: sun = closed',
    ])
    expect(read('Open 9 to 5 Monday through Saturday')).toEqual([
      '-: mon tue wed thu fri sat = 09:00-17:00',
    ])
  })

  it('reads "7 days a week" and "daily" as every day', () => {
    const everyDay = '-: mon tue wed thu fri sat sun = 09:00-21:00'
    expect(read('Open 7 days a week 9am to 9pm')).toEqual([everyDay])
    expect(read('Abierto 7 días a la semana de 9 a.m. a 9 p.m.')).toEqual([everyDay])
    expect(read('Open daily, 9 AM – 9 PM')).toEqual([everyDay])
    // A bare 7 before a range is still seven o'clock.
    expect(read('Mon–Fri 7 to 6')).toEqual(['-: mon tue wed thu fri = 07:00-18:00'])
  })

  it('gives the days after a department to that department', () => {
    expect(read('Sales: Mon-Sat 9am-8pm. Service: Mon-Fri 7:30am-6pm', 'main')).toEqual([
      'sales: mon tue wed thu fri sat = 09:00-20:00',
      'service: mon tue wed thu fri = 07:30-18:00',
    ])
    expect(read('Saturday | Sales | 9 AM – 6 PM')).toEqual(['sales: sat = 09:00-18:00'])
  })

  it('reads a split day, noon, midnight and a range wrapping past Sunday', () => {
    expect(read('Monday–Friday 9–12, 1–5')).toEqual([
      '-: mon tue wed thu fri = 09:00-12:00, 13:00-17:00',
    ])
    expect(read('Saturday 9:00 a.m. to noon')).toEqual(['-: sat = 09:00-12:00'])
    expect(read('Friday 6pm-12am')).toEqual(['-: fri = 18:00-24:00'])
    expect(read('Fri–Mon 10 AM – 6 PM')).toEqual(['-: fri sat sun mon = 10:00-18:00'])
    expect(read('Mon, Wed, Fri 8 AM - 5 PM')).toEqual(['-: mon wed fri = 08:00-17:00'])
  })

  it('reads "by appointment" as a schedule of its own', () => {
    expect(read('Sunday: by appointment only')).toEqual(['-: sun = by appointment'])
  })

  it('reads Spanish', () => {
    expect(read('Lunes a viernes 9:00 a.m. – 9:00 p.m.')).toEqual([
      '-: mon tue wed thu fri = 09:00-21:00',
    ])
    expect(read('Sábado 9:00 a.m. – 6:00 p.m., domingo cerrado')).toEqual([
      '-: sat = 09:00-18:00',
      '-: sun = closed',
    ])
  })

  it('quotes times written with AM/PM as written, and spells out the rest', () => {
    const [written] = readHours('Saturday 9:00 a.m. – 6 p.m.')
    const [bare] = readHours('Saturday 9–6')
    expect([written?.schedule.text, bare?.schedule.text]).toEqual([
      '9:00 AM – 6 PM',
      '9:00 AM – 6:00 PM',
    ])
  })

  it('reads no hours from numbers that are not hours', () => {
    expect(read('Refunds arrive within 5-7 business days')).toEqual([])
    expect(read('Call Monday at 555-010-4200')).toEqual([])
    expect(read('Our 2026 models arrive Monday')).toEqual([])
    expect(read('9 AM – 6 PM')).toEqual([])
  })
})

describe('clock', () => {
  it('writes minutes after midnight as a 12-hour time', () => {
    expect([0, 9 * 60, 12 * 60 + 30, 18 * 60, 24 * 60].map(clock)).toEqual([
      '12:00 AM',
      '9:00 AM',
      '12:30 PM',
      '6:00 PM',
      '12:00 AM',
    ])
  })
})
