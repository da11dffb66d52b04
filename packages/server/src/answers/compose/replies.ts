import type { Language } from '../../language/language.ts'
import type { ReplyKey, Weekday } from '../../language/pack.ts'

/**
 * One of the assistant's own sentences in a language, with its placeholders filled.
 *
 * @example
 * ```ts
 * reply(ENGLISH, 'hoursDay', { department: 'Sales', hours: '9:00 AM – 6:00 PM', day: 'Saturday' })
 * // 'Sales is open 9:00 AM – 6:00 PM on Saturday.'
 * ```
 */
export function reply(
  language: Language,
  key: ReplyKey,
  values: Record<string, string | number> = {},
): string {
  const template = language.pack.replies[key]
  const text = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
  // A sentence opening with a value starts with a capital ("the dealership" → "The …"); a
  // fragment ("on {day}") is left as written.
  return template.startsWith('{') ? text.charAt(0).toUpperCase() + text.slice(1) : text
}

// 2023-01-02 was a Monday: the weekdays' dates in a week of UTC days.
const WEEKDAY_DATES: Record<Weekday, number> = {
  mon: 2,
  tue: 3,
  wed: 4,
  thu: 5,
  fri: 6,
  sat: 7,
  sun: 8,
}

/** A weekday's name in a language: "Saturday", "sábado". */
export function dayName(language: Language, day: Weekday): string {
  return new Intl.DateTimeFormat(language.pack.locale, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2023, 0, WEEKDAY_DATES[day])),
  )
}

/** A department's name in a language, capitalised to open a sentence: "Sales", "Servicio". */
export function departmentName(language: Language, department: string): string {
  const names = language.pack.departmentNames
  return names[department] ?? department.charAt(0).toUpperCase() + department.slice(1)
}

/** "a, b and c" in a language. */
export function listOf(language: Language, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} ${language.pack.replies.and} ${items.at(-1)}`
}

/** "$27,900". */
export function money(amount: number): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: Number.isInteger(amount) ? 0 : 2,
  }).format(amount)
}

/** "31,200". */
export function count(value: number): string {
  return new Intl.NumberFormat('en-US').format(value)
}

/** A sentence's first letter capitalised. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
