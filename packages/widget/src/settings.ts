import type { BusinessHours, Weekday } from '@avataradam/sdk'

const WEEKDAYS: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
}

/**
 * Whether the dealership is open at `now`, by its opening hours in its own time zone (not the
 * visitor's). An unknown time zone counts as open: better no notice than a wrong one.
 */
export function isOpen(hours: BusinessHours | null | undefined, now = new Date()): boolean {
  if (!hours) return true
  let parts: Intl.DateTimeFormatPart[]
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone: hours.timezone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now)
  } catch {
    return true
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = WEEKDAYS[part('weekday')]
  const time = `${part('hour').padStart(2, '0')}:${part('minute').padStart(2, '0')}`
  const ranges = (day && hours.days[day]) || []
  // HH:MM strings compare as times do.
  return ranges.some((r) => r.open <= time && time < r.close)
}

/**
 * The language to start in: the visitor's own (`preferred`, such as `navigator.languages`) when
 * the dealership offers it, by exact tag or by its primary language, else the dealership's first.
 */
export function pickLanguage(offered: readonly string[], preferred: readonly string[]): string {
  const lower = offered.map((l) => l.toLowerCase())
  for (const want of preferred.map((p) => p.toLowerCase())) {
    const exact = lower.indexOf(want)
    if (exact >= 0) return offered[exact]!
    const base = want.split('-')[0]
    const sameBase = lower.findIndex((l) => l.split('-')[0] === base)
    if (sameBase >= 0) return offered[sameBase]!
  }
  return offered[0] ?? ''
}

/** A language's name in itself ("Español" for `es`), for the language menu. */
export function languageName(tag: string): string {
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(tag)
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : tag
  } catch {
    return tag
  }
}
