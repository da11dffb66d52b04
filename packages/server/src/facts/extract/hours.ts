import type { DaySchedule } from '@avataradam/sdk/protocol'
import { fold } from '../../language/fold.ts'
import type { Weekday } from '../../language/pack.ts'
import { dayRange, SCHEDULE_WORDS, type ScheduleWord } from './schedule-words.ts'

/** Hours found in a text: a department (when the text names one) and its days' schedule. */
export interface HoursFinding {
  department: string | null
  days: Weekday[]
  schedule: DaySchedule
}

type Item =
  | { kind: 'time'; minutes: number; meridiem: boolean; text: string; start: number; end: number }
  | { kind: 'bare'; hour: number; text: string; start: number; end: number }
  | { kind: 'dash' }
  | { kind: 'sep' }
  | (ScheduleWord & { start?: number })

// A time with am/pm ("9am", "9:00 a.m.", "7p" but not the Spanish "9 a 7"), a 24-hour time
// ("21:00"), a bare hour ("9"), a dash, a separator, or a word.
const LEXEME = new RegExp(
  [
    String.raw`(?<h>\d{1,2})(?::(?<m>[0-5]\d))?(?:\s*(?<mer>[ap]\.?\s?m\b\.?)|(?<short>[ap])\b)`,
    String.raw`(?<h24>\d{1,2}):(?<m24>[0-5]\d)`,
    String.raw`(?<bare>\d{1,4})\b`,
    '(?<dash>[-–—])',
    String.raw`(?<sep>[;|·•\n]|\.(?=\s|$)|,)`,
    "(?<word>[a-z][a-z']*)",
  ].join('|'),
  'g',
)

/**
 * Reads opening hours from one line or sentence of a document, in any language with a pack:
 * "Monday to Friday: 9:00 AM – 8:00 PM", "Mon–Fri 9–7, Sat 9–6, Sun closed", "We're open
 * weekdays from 10 to 7 and Saturdays 9 to 5; closed Sundays", "Lunes a viernes 9:00 a.m. –
 * 9:00 p.m.", a table row "Saturday | Sales | 9 AM – 6 PM". A department named in the text
 * ("Sales: …", "Service Department …") applies to the days after it; `department` is the
 * caller's (a heading's) when the text names none.
 *
 * @example
 * ```ts
 * readHours('Saturday: 9:00 AM – 6:00 PM', 'sales')
 * // [{ department: 'sales', days: ['sat'], schedule: { intervals: [{ open: '09:00', close: '18:00' }], text: '9:00 AM – 6:00 PM' } }]
 * ```
 */
export function readHours(text: string, department: string | null = null): HoursFinding[] {
  const folded = fold(text).replace(/\s&\s/g, ' and ')
  const items = lex(folded)
  if (!items.some((item) => item.kind === 'days')) return []
  const findings: HoursFinding[] = []
  let currentDepartment = department
  // "Sales & Finance — Mon–Fri 8a–7p": departments named together share the hours.
  let together: string[] = []
  let pendingDays: { days: Weekday[]; department: string | null } | null = null
  let lastFinding: HoursFinding | null = null
  let orphan: DaySchedule | null = null
  let orphanDepartment: string | null = null
  const push = (days: Weekday[], schedule: DaySchedule, dept: string | null) => {
    lastFinding = { department: dept, days, schedule }
    findings.push(lastFinding)
    if (dept !== null && together.includes(dept)) {
      for (const other of together) {
        if (other !== dept)
          findings.push({ department: other, days, schedule: structuredClone(schedule) })
      }
    }
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!
    if (item.kind === 'department') {
      const previous = items[i - 1]
      const joined =
        previous?.kind === 'department' ||
        (previous?.kind === 'and' && items[i - 2]?.kind === 'department')
      together = joined ? [...together, item.department] : [item.department]
      currentDepartment = together[0]!
      continue
    }
    if (item.kind === 'days') {
      const { days, next } = readDays(items, i)
      i = next - 1
      if (orphan) {
        // "Open 9 to 5 Monday through Saturday", "closed Sundays": the schedule came first.
        push(days, orphan, orphanDepartment)
        orphan = null
        pendingDays = null
      } else {
        pendingDays = { days, department: currentDepartment }
      }
      continue
    }
    const schedule = readSchedule(items, i)
    if (!schedule) continue
    i = schedule.next - 1
    if (pendingDays) {
      push(pendingDays.days, schedule.value, pendingDays.department ?? currentDepartment)
      pendingDays = null
    } else if (lastFinding && schedule.value.intervals.length > 0 && schedule.adjacent) {
      // "9–12, 1–5": a second interval of the same days.
      const last: HoursFinding = lastFinding
      last.schedule.intervals.push(...schedule.value.intervals)
      last.schedule.text = `${last.schedule.text ?? ''}, ${schedule.value.text ?? ''}`
    } else {
      orphan = schedule.value
      orphanDepartment = currentDepartment
    }
  }
  return findings
}

function lex(folded: string): Item[] {
  const items: Item[] = []
  const words: { text: string; start: number }[] = []
  const flushWords = () => {
    const tokens = words.map((w) => w.text)
    for (let i = 0; i < tokens.length; ) {
      const match = SCHEDULE_WORDS.at(tokens, i)
      if (match) {
        items.push({ ...match.value, start: words[i]!.start })
        i += match.length
      } else i++
    }
    words.length = 0
  }
  for (const m of folded.matchAll(LEXEME)) {
    const start = m.index
    const end = start + m[0].length
    const g = m.groups!
    if (g.word !== undefined) {
      words.push({ text: g.word.replace(/'/g, ''), start })
      continue
    }
    flushWords()
    if (g.h !== undefined) {
      const hour = Number(g.h)
      const minute = Number(g.m ?? 0)
      const pm = (g.mer ?? g.short)!.startsWith('p')
      if (hour < 1 || hour > 12) continue
      const minutes = ((hour % 12) + (pm ? 12 : 0)) * 60 + minute
      items.push({ kind: 'time', minutes, meridiem: true, text: m[0], start, end })
    } else if (g.h24 !== undefined) {
      const hour = Number(g.h24)
      if (hour > 24) continue
      const minutes = hour * 60 + Number(g.m24)
      items.push({ kind: 'time', minutes, meridiem: false, text: m[0], start, end })
    } else if (g.bare !== undefined) {
      // "7 days a week" is a phrase of days, not seven o'clock.
      const next = /^(?:\s+[a-z']+){1,4}/.exec(folded.slice(end))?.[0].trim().split(/\s+/) ?? []
      if (next.length > 0 && SCHEDULE_WORDS.at([g.bare, ...next], 0)) {
        words.push({ text: g.bare, start })
        continue
      }
      const hour = Number(g.bare)
      // Years, addresses and phone numbers are not hours.
      if (g.bare.length <= 2 && hour >= 1 && hour <= 24) {
        items.push({ kind: 'bare', hour, text: m[0], start, end })
      } else items.push({ kind: 'sep' })
    } else if (g.dash !== undefined) items.push({ kind: 'dash' })
    else items.push({ kind: 'sep' })
  }
  flushWords()
  return items
}

/** Days from item `i`: "Monday", "Mon–Fri", "Saturday and Sunday", "Mon, Wed, Fri". */
function readDays(items: Item[], i: number): { days: Weekday[]; next: number } {
  const first = items[i] as Extract<Item, { kind: 'days' }>
  let days = [...first.days]
  let j = i + 1
  for (;;) {
    const joiner = items[j]
    const next = items[j + 1]
    if (!joiner || !next || next.kind !== 'days') break
    if (
      (joiner.kind === 'to' || joiner.kind === 'dash') &&
      days.length === 1 &&
      next.days.length === 1
    ) {
      days = dayRange(days[0]!, next.days[0]!)
    } else if (joiner.kind === 'and' || joiner.kind === 'sep') {
      // "Sat, Sun" joins; "Sat. 9–6" is a full stop, which the time after it shows.
      days = [...days, ...next.days.filter((d) => !days.includes(d))]
    } else break
    j += 2
  }
  return { days, next: j }
}

interface ScheduleRead {
  value: DaySchedule
  next: number
  /** Whether it followed another schedule with nothing but a comma between. */
  adjacent: boolean
}

/** A schedule from item `i`: a time range, "closed", or "by appointment". */
function readSchedule(items: Item[], i: number): ScheduleRead | null {
  const item = items[i]!
  const adjacent = items[i - 1]?.kind === 'sep' && isTime(items[i - 2])
  if (item.kind === 'closed') {
    // "close early at 3:00 PM" is a time, not a closed day.
    if (isTime(items[i + 1])) return null
    return { value: { intervals: [], closed: true }, next: i + 1, adjacent: false }
  }
  if (item.kind === 'appointment') {
    return { value: { intervals: [], byAppointment: true }, next: i + 1, adjacent: false }
  }
  if (!isTime(item)) return null
  const joiner = items[i + 1]
  const end = items[i + 2]
  if (
    !joiner ||
    !end ||
    !(joiner.kind === 'to' || joiner.kind === 'dash' || joiner.kind === 'and')
  ) {
    return null
  }
  if (!isTime(end)) return null
  const range = toRange(item, end)
  if (!range) return null
  return { value: { intervals: [range.interval], text: range.text }, next: i + 3, adjacent }
}

type TimeItem = Extract<Item, { kind: 'time' | 'bare' | 'noon' | 'midnight' }>

function isTime(item: Item | undefined): item is TimeItem {
  return (
    item !== undefined &&
    (item.kind === 'time' ||
      item.kind === 'bare' ||
      item.kind === 'noon' ||
      item.kind === 'midnight')
  )
}

/** An opening interval from two times, filling in a.m./p.m. where the text left it out. */
function toRange(
  from: TimeItem,
  to: TimeItem,
): { interval: { open: string; close: string }; text: string } | null {
  let open = minutesOf(from)
  let close = minutesOf(to)
  if (from.kind === 'bare' && to.kind === 'time' && to.meridiem && open !== null) {
    // "9-5pm": the opening shares the closing's half of the day when that keeps it earlier.
    const shifted = (open % (12 * 60)) + (close! >= 12 * 60 ? 12 * 60 : 0)
    open = shifted < close! ? shifted : open % (12 * 60)
  }
  if (open !== null && from.kind === 'bare') {
    // "10 to 7": a bare opening hour from 5 to 11 is morning, 12 is noon, 1–4 afternoon.
    const hour = Math.floor(open / 60)
    if (hour >= 1 && hour <= 4) open += 12 * 60
  }
  if (close !== null && to.kind === 'bare' && open !== null) {
    while (close <= open && close < 12 * 60) close += 12 * 60
  }
  if (open === null || close === null) return null
  if (close === 0) close = 24 * 60
  if (close <= open || open < 4 * 60) return null
  // "within 5–7 business days" is not 5 to 7 a.m.: bare hours must make a plausible day.
  if (from.kind === 'bare' && to.kind === 'bare' && (open < 6 * 60 || close - open < 3 * 60)) {
    return null
  }
  // Both ends written with a.m./p.m. are quoted as written; anything else is spelled out.
  const asWritten = from.kind === 'time' && from.meridiem && to.kind === 'time' && to.meridiem
  const text = asWritten
    ? `${displayOf(from)} – ${displayOf(to)}`
    : `${clock(open)} – ${clock(close)}`
  return { interval: { open: hhmm(open), close: hhmm(close) }, text }
}

function minutesOf(item: TimeItem): number | null {
  if (item.kind === 'noon') return 12 * 60
  if (item.kind === 'midnight') return 24 * 60
  if (item.kind === 'bare') return item.hour === 24 ? 24 * 60 : (item.hour % 24) * 60
  return item.minutes
}

/** A time as the document wrote it, tidied: "9:00 a.m." → "9:00 AM", "7p" → "7 PM". */
function displayOf(item: TimeItem): string {
  if (item.kind !== 'time' || !item.meridiem) return clock(minutesOf(item)!)
  const digits = item.text.match(/^\d{1,2}(?::\d\d)?/)![0]
  return `${digits} ${item.minutes >= 12 * 60 ? 'PM' : 'AM'}`
}

/** "9:00 AM", "12:30 PM". */
export function clock(minutes: number): string {
  const hour24 = Math.floor(minutes / 60) % 24
  const minute = minutes % 60
  const hour = hour24 % 12 === 0 ? 12 : hour24 % 12
  return `${hour}:${String(minute).padStart(2, '0')} ${hour24 >= 12 ? 'PM' : 'AM'}`
}

function hhmm(minutes: number): string {
  const hour = Math.floor(minutes / 60)
  return `${String(hour).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}
