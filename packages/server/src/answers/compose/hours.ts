import type { DaySchedule, DepartmentFacts, HolidayHours } from '@avataradam/sdk/protocol'
import { clock } from '../../facts/extract/hours.ts'
import type { Language } from '../../language/language.ts'
import { WEEKDAYS, type Weekday } from '../../language/pack.ts'
import type { Evidence } from '../evidence.ts'
import type { FactRequest } from '../understand/types.ts'
import { localTime, minutesOf, nextDay } from './clock.ts'
import type { Composed } from './composed.ts'
import { capitalize, dayName, departmentName, listOf, reply } from './replies.ts'

type HoursRequest = Extract<FactRequest, { kind: 'hours' }>

// The department that speaks for the dealership when a visitor asks "when are you open?".
const MAIN_ORDER = ['sales', 'main']

/** The department whose hours answer the request, or null when none is known. */
export function departmentFor(
  facts: Evidence['facts'],
  department: string | null,
): DepartmentFacts | null {
  const withHours = facts.departments.filter((d) => Object.keys(d.hours).length > 0)
  if (department) {
    const exact = withHours.find((d) => d.department === department)
    if (exact) return exact
    // A dealership that lists one set of hours keeps them for sales too.
    return department === 'sales' ? (withHours.find((d) => d.department === 'main') ?? null) : null
  }
  for (const key of MAIN_ORDER) {
    const found = withHours.find((d) => d.department === key)
    if (found) return found
  }
  return withHours[0] ?? null
}

/** "9:00 AM – 6:00 PM", "closed", "by appointment". */
export function scheduleText(language: Language, schedule: DaySchedule | undefined): string | null {
  if (!schedule) return null
  if (schedule.closed) return language.pack.replies.closed
  if (schedule.byAppointment) return language.pack.replies.by
  if (schedule.text) return schedule.text
  if (schedule.intervals.length === 0) return null
  return schedule.intervals
    .map((i) => `${clock(minutesOf(i.open))} – ${clock(minutesOf(i.close))}`)
    .join(', ')
}

/** A week of hours, days with the same hours run together: "Monday–Friday 9:00 AM – 8:00 PM, Saturday …". */
export function weekText(language: Language, department: DepartmentFacts): string {
  const runs: { from: Weekday; to: Weekday; text: string }[] = []
  for (const day of WEEKDAYS) {
    const text = scheduleText(language, department.hours[day])
    if (text === null) continue
    const last = runs.at(-1)
    if (last && last.text === text && WEEKDAYS.indexOf(last.to) === WEEKDAYS.indexOf(day) - 1)
      last.to = day
    else runs.push({ from: day, to: day, text })
  }
  return runs
    .map(({ from, to, text }) => {
      const days =
        from === to
          ? dayName(language, from)
          : `${dayName(language, from)}–${dayName(language, to)}`
      return `${capitalize(days)} ${text}`
    })
    .join(', ')
}

/**
 * Answers a question about opening hours from the dealership's facts: one department (the one
 * asked about, else sales) on the days asked, the week, "right now", today, tomorrow or a holiday.
 * Null when the facts do not hold those hours (passages may).
 *
 * @example
 * ```ts
 * hoursAnswer({ kind: 'hours', department: 'sales', days: ['sat'], when: null, holiday: null }, evidence, ENGLISH)
 * // lead: ['Sales is open 9:00 AM – 6:00 PM on Saturday.']
 * ```
 */
export function hoursAnswer(
  request: HoursRequest,
  evidence: Evidence,
  language: Language,
): Composed | null {
  const department = departmentFor(evidence.facts, request.department)
  const context = {
    topic: 'hours' as const,
    department: request.department,
    days: request.days,
    holiday: request.holiday,
  }
  if (request.holiday) {
    const holiday = evidence.facts.holidays.find((h) => h.holiday === request.holiday)
    if (!holiday) return null
    return {
      lead: [holidaySentence(language, holiday, request.department)],
      details: [],
      sources: holiday.source ? [holiday.source] : [],
      context,
    }
  }
  if (!department) return null
  const name = departmentName(language, department.department)
  const sources = department.sources ?? []
  if (request.when === 'now') return nowAnswer(department, evidence, language, context)
  let days = request.days
  if (request.when === 'today' || request.when === 'tomorrow') {
    const today = localTime(evidence.now, evidence.timezone).day
    days = [request.when === 'today' ? today : nextDay(today)]
  }
  if (!days) {
    const lead = [
      reply(language, 'hoursWeek', { department: name, schedule: weekText(language, department) }),
    ]
    const details: string[] = []
    if (!request.department) {
      for (const other of evidence.facts.departments) {
        if (other === department || Object.keys(other.hours).length === 0) continue
        details.push(
          `- **${departmentName(language, other.department)}:** ${weekText(language, other)}`,
        )
      }
    }
    return {
      lead,
      details,
      sources: [
        ...sources,
        ...(details.length > 0 ? evidence.facts.departments.flatMap((d) => d.sources ?? []) : []),
      ],
      context,
    }
  }
  const known = days.filter((day) => department.hours[day])
  if (known.length === 0) return null
  const lead: string[] = []
  const groups = new Map<string, Weekday[]>()
  for (const day of known) {
    const text = scheduleText(language, department.hours[day]) ?? ''
    groups.set(text, [...(groups.get(text) ?? []), day])
  }
  for (const [text, groupDays] of groups) {
    const dayList = listOf(
      language,
      groupDays.map((d) => dayName(language, d)),
    )
    const schedule = department.hours[groupDays[0]!]!
    lead.push(
      schedule.closed
        ? reply(language, 'closedDay', { department: name, day: dayList })
        : schedule.byAppointment
          ? reply(language, 'hoursByAppointment', { department: name, day: dayList })
          : reply(language, 'hoursDay', { department: name, hours: text, day: dayList }),
    )
  }
  // "Are you open Sunday?": sales is closed, but service may be open.
  const details: string[] = []
  const extraSources: string[] = []
  if (!request.department && known.every((day) => department.hours[day]?.closed)) {
    for (const other of evidence.facts.departments) {
      if (other === department) continue
      const open = known.filter((day) => other.hours[day] && !other.hours[day]!.closed)
      for (const day of open) {
        lead.push(
          reply(language, 'hoursDay', {
            department: departmentName(language, other.department),
            hours: scheduleText(language, other.hours[day])!,
            day: dayName(language, day),
          }),
        )
        extraSources.push(...(other.sources ?? []))
      }
    }
  }
  return { lead, details, sources: [...sources, ...extraSources], context }
}

function nowAnswer(
  department: DepartmentFacts,
  evidence: Evidence,
  language: Language,
  context: Composed['context'],
): Composed {
  const name = departmentName(language, department.department)
  const { day, minutes } = localTime(evidence.now, evidence.timezone)
  const today = department.hours[day]
  const open = today?.intervals.find(
    (i) => minutesOf(i.open) <= minutes && minutes < minutesOf(i.close),
  )
  const sources = department.sources ?? []
  if (open) {
    return {
      lead: [
        reply(language, 'openNowUntil', { department: name, close: clock(minutesOf(open.close)) }),
      ],
      details: [],
      sources,
      context,
    }
  }
  const lead = [reply(language, 'closedNow', { department: name, time: clock(minutes) })]
  const next = nextOpening(department, day, minutes)
  if (next)
    lead.push(
      reply(language, 'opensNext', {
        day: onDay(language, next.day === day ? null : next.day),
        time: clock(next.minutes),
      }),
    )
  return { lead, details: [], sources, context }
}

/** When a department next opens after a moment of a day. */
export function nextOpening(
  department: DepartmentFacts,
  day: Weekday,
  minutes: number,
): { day: Weekday; minutes: number } | null {
  let current = day
  for (let i = 0; i < 8; i++) {
    const schedule = department.hours[current]
    for (const interval of schedule?.intervals ?? []) {
      const opens = minutesOf(interval.open)
      if (i > 0 || opens > minutes) return { day: current, minutes: opens }
    }
    current = nextDay(current)
  }
  return null
}

/** Whether a department is open at a moment. */
export function isOpen(department: DepartmentFacts, day: Weekday, minutes: number): boolean {
  return (department.hours[day]?.intervals ?? []).some(
    (i) => minutesOf(i.open) <= minutes && minutes < minutesOf(i.close),
  )
}

/** "on Saturday" / "el sábado"; "today" / "hoy" for null. */
export function onDay(language: Language, day: Weekday | null): string {
  return day === null
    ? language.pack.dayWords.today[0]!
    : reply(language, 'onDay', { day: dayName(language, day) })
}

function holidaySentence(
  language: Language,
  holiday: HolidayHours,
  department: string | null,
): string {
  // "On New Year's Eve, the dealership is open…": an article mid-sentence is lower case; the
  // sentence's first letter is capitalised by reply().
  const dept = lowerArticle(
    department
      ? departmentName(language, department)
      : holiday.departments?.length
        ? listOf(
            language,
            holiday.departments.map((d) => departmentName(language, d)),
          )
        : departmentName(language, 'main'),
  )
  return holiday.closed
    ? reply(language, 'holidayClosed', { department: dept, holiday: holiday.name })
    : reply(language, 'holidayHours', {
        department: dept,
        holiday: holiday.name,
        hours: holiday.text ?? '',
      })
}

function lowerArticle(name: string): string {
  return name.replace(/^(?:The|El|La|Los|Las)\b/, (article) => article.toLowerCase())
}
