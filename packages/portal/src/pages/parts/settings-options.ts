import type { Weekday } from '@avataradam/sdk/protocol'

export const WEEKDAYS: readonly { day: Weekday; label: string }[] = [
  { day: 'mon', label: 'Monday' },
  { day: 'tue', label: 'Tuesday' },
  { day: 'wed', label: 'Wednesday' },
  { day: 'thu', label: 'Thursday' },
  { day: 'fri', label: 'Friday' },
  { day: 'sat', label: 'Saturday' },
  { day: 'sun', label: 'Sunday' },
]

/** Languages a dealership is likely to offer; BCP 47 tags. */
export const LANGUAGE_TAGS = [
  'en',
  'es',
  'fr',
  'de',
  'it',
  'pt',
  'nl',
  'pl',
  'ru',
  'uk',
  'tr',
  'ar',
  'hi',
  'vi',
  'tl',
  'zh',
  'ja',
  'ko',
]

const names = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' })
  } catch {
    return undefined
  }
})()

/** "Spanish (es)". */
export function languageName(tag: string): string {
  let name: string | undefined
  try {
    name = names?.of(tag)
  } catch {
    name = undefined
  }
  return name && name !== tag ? `${name} (${tag})` : tag
}

/** Every IANA time zone the browser knows, with UTC first. */
export function timeZones(): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []
  return ['UTC', ...zones.filter((z) => z !== 'UTC')]
}

/** The browser's own time zone, the likely default for a new schedule. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}
