import type { Weekday } from '../../language/pack.ts'

const DAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/**
 * The weekday and the minutes since midnight at a moment, in a time zone (UTC when unknown).
 *
 * @example
 * ```ts
 * localTime(new Date('2026-12-05T15:30:00Z'), 'America/New_York') // { day: 'sat', minutes: 630 }
 * ```
 */
export function localTime(now: Date, timezone: string | null): { day: Weekday; minutes: number } {
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone ?? 'UTC',
      weekday: 'short',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    }).formatToParts(now)
  } catch {
    return localTime(now, null)
  }
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day =
    DAYS[['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'))] ?? 'mon'
  return { day, minutes: Number(get('hour')) * 60 + Number(get('minute')) }
}

/**
 * The calendar date at a moment in a time zone (UTC when unknown), as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * localDate(new Date('2026-12-08T03:00:00Z'), 'America/Chicago') // '2026-12-07'
 * ```
 */
export function localDate(now: Date, timezone: string | null): string {
  try {
    // The Swedish locale writes dates as ISO does.
    return new Intl.DateTimeFormat('sv-SE', { timeZone: timezone ?? 'UTC' }).format(now)
  } catch {
    return localDate(now, null)
  }
}

/** The day after. */
export function nextDay(day: Weekday): Weekday {
  return DAYS[(DAYS.indexOf(day) + 1) % 7]!
}

/** "HH:MM" → minutes. */
export function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number)
  return (hours ?? 0) * 60 + (minutes ?? 0)
}
