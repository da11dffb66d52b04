import { describe, expect, it } from 'vitest'
import { readHolidays } from './holidays.ts'

describe('readHolidays', () => {
  it('reads every holiday a closing sentence names', () => {
    const { holidays } = readHolidays(
      "All departments are closed on New Year's Day, Memorial Day, Independence Day (July 4), Labor Day, Thanksgiving Day and Christmas Day.",
    )
    expect(holidays.map((h) => [h.holiday, h.name, h.closed])).toEqual([
      ['newYearsDay', "New Year's Day", true],
      ['memorialDay', 'Memorial Day', true],
      ['independenceDay', 'Independence Day', true],
      ['laborDay', 'Labor Day', true],
      ['thanksgiving', 'Thanksgiving Day', true],
      ['christmas', 'Christmas Day', true],
    ])
  })

  it('reads early closings and holiday hours, for the departments named', () => {
    expect(
      readHolidays('On Christmas Eve sales and service close early at 3:00 PM.').holidays,
    ).toEqual([
      {
        holiday: 'christmasEve',
        name: 'Christmas Eve',
        closed: false,
        text: 'until 3:00 PM',
        departments: ['sales', 'service'],
      },
    ])
    expect(readHolidays('Black Friday: 8am-10pm').holidays).toEqual([
      { holiday: 'blackFriday', name: 'Black Friday', closed: false, text: '8:00 AM – 10:00 PM' },
    ])
  })

  it('marks where holiday names sit, so "Easter Sunday" is not read as Sundays', () => {
    const line = 'Easter Sunday: Closed'
    const { holidays, spans } = readHolidays(line)
    expect(holidays).toEqual([{ holiday: 'easter', name: 'Easter Sunday', closed: true }])
    expect(spans.map(({ start, end }) => line.slice(start, end))).toEqual(['Easter Sunday'])
  })

  it('names no holiday a line mentions without saying it is closed or open', () => {
    const { holidays, spans } = readHolidays('Ask about our Memorial Day sales event!')
    expect(holidays).toEqual([])
    // Still a holiday's name, not weekly hours.
    expect(spans).toHaveLength(1)
  })

  it('reads Spanish holiday names', () => {
    const { holidays } = readHolidays('Cerrado el Día de Acción de Gracias y Navidad.')
    expect(holidays.map((h) => [h.holiday, h.closed])).toEqual([
      ['thanksgiving', true],
      ['christmas', true],
    ])
  })
})
