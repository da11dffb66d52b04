import { DAY_CONCEPTS, LANGUAGE_CODES, languageOf } from '../../language/language.ts'
import type { Weekday } from '../../language/pack.ts'
import { PhraseMatcher } from '../../language/phrases.ts'

/** What a word of a schedule says. */
export type ScheduleWord =
  | { kind: 'days'; days: Weekday[] }
  | { kind: 'to' }
  | { kind: 'and' }
  | { kind: 'closed' }
  | { kind: 'appointment' }
  | { kind: 'noon' }
  | { kind: 'midnight' }
  | { kind: 'department'; department: string }
  | { kind: 'holiday'; holiday: string }

const WEEK: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']

/** Departments, by the concepts that name them in every language pack. */
export const DEPARTMENT_CONCEPTS: Record<string, string> = {
  sales: 'sales',
  service: 'service',
  parts: 'parts',
  finance: 'finance',
  collision: 'collision',
  detail: 'detail',
}

function build(): PhraseMatcher<ScheduleWord> {
  const entries: { phrase: string; value: ScheduleWord }[] = []
  for (const code of LANGUAGE_CODES) {
    const { pack } = languageOf(code)
    for (const [day, names] of Object.entries(pack.days) as [Weekday, string[]][]) {
      for (const phrase of names) entries.push({ phrase, value: { kind: 'days', days: [day] } })
    }
    const set = (phrases: string[], days: Weekday[]) => {
      for (const phrase of phrases) entries.push({ phrase, value: { kind: 'days', days } })
    }
    set(pack.dayWords.weekdays, WEEK.slice(0, 5))
    set(pack.dayWords.weekend, ['sat', 'sun'])
    set(pack.dayWords.everyDay, [...WEEK])
    const add = (phrases: string[], value: ScheduleWord) => {
      for (const phrase of phrases) entries.push({ phrase, value })
    }
    add(pack.time.to, { kind: 'to' })
    add(pack.time.and, { kind: 'and' })
    add(pack.time.closed, { kind: 'closed' })
    add(pack.time.byAppointment, { kind: 'appointment' })
    add(pack.time.noon, { kind: 'noon' })
    add(pack.time.midnight, { kind: 'midnight' })
    for (const [department, concept] of Object.entries(DEPARTMENT_CONCEPTS)) {
      add(pack.concepts[concept] ?? [], { kind: 'department', department })
    }
    for (const [holiday, names] of Object.entries(pack.holidays)) {
      add(names, { kind: 'holiday', holiday })
    }
  }
  // The Spanish "e" (and) is left out: alone, it is far more often a list label than a joiner.
  return new PhraseMatcher(entries.filter(({ phrase }) => phrase !== 'e'))
}

/** The words of schedules in every language pack: days, ranges, "closed", departments, holidays. */
export const SCHEDULE_WORDS = build()

/** The days from one to another, wrapping past Sunday ("Fri–Mon"). */
export function dayRange(from: Weekday, to: Weekday): Weekday[] {
  const start = WEEK.indexOf(from)
  const end = WEEK.indexOf(to)
  const days: Weekday[] = []
  for (let i = start; ; i = (i + 1) % 7) {
    days.push(WEEK[i]!)
    if (i === end || days.length === 7) break
  }
  return days
}

export { DAY_CONCEPTS, WEEK }
