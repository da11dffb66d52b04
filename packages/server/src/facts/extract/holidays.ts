import type { HolidayHours } from '@avataradam/sdk/protocol'
import { fold } from '../../language/fold.ts'
import { tokensOf } from '../../language/tokenize.ts'
import { clock } from './hours.ts'
import { SCHEDULE_WORDS, type ScheduleWord } from './schedule-words.ts'

const CLOSE_AT =
  /\b(?:clos(?:e|es|ing)|cierra(?:n|mos)?)\s+(?:early\s+)?(?:at\s+|a\s+las\s+)?(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m?\.?/i
const RANGE =
  /(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m?\.?\s*(?:[-–—]|to|a|until|hasta)\s*(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m?\.?/i

/** Holiday closures and hours stated in one line, with the span each holiday name takes. */
export interface HolidayFinding {
  holidays: HolidayHours[]
  /** Offsets (in the folded line) of the holiday names, to keep them out of weekly hours. */
  spans: { start: number; end: number }[]
}

/**
 * Holidays a line names and what it says of them: closed ("All departments are closed on New
 * Year's Day, Memorial Day…"), or open for some hours ("On Christmas Eve sales and service close
 * early at 3:00 PM"). Departments named in the line restrict it; none means all.
 *
 * @example
 * ```ts
 * readHolidays('Closed Thanksgiving Day and Christmas Day.').holidays.map((h) => h.holiday)
 * // ['thanksgiving', 'christmas']
 * ```
 */
export function readHolidays(line: string): HolidayFinding {
  const folded = fold(line)
  const tokens = tokensOf(folded)
  const words = tokens.map((t) => t.text)
  const found: { key: string; name: string }[] = []
  const departments: string[] = []
  const spans: { start: number; end: number }[] = []
  let closed = false
  for (let i = 0; i < words.length; ) {
    const match = SCHEDULE_WORDS.at(words, i)
    if (!match) {
      i++
      continue
    }
    const value: ScheduleWord = match.value
    const start = tokens[i]!.start
    const end = tokens[i + match.length - 1]!.end
    if (value.kind === 'holiday') {
      if (!found.some((h) => h.key === value.holiday)) {
        found.push({ key: value.holiday, name: nameAt(line, folded, start, end) })
      }
      spans.push({ start, end })
    } else if (value.kind === 'department' && !departments.includes(value.department)) {
      departments.push(value.department)
    } else if (value.kind === 'closed') closed = true
    i += match.length
  }
  if (found.length === 0) return { holidays: [], spans }
  const range = RANGE.exec(line)
  const closeAt = CLOSE_AT.exec(line)
  let text: string | undefined
  if (range) {
    text = `${time(range[1]!, range[2], range[3]!)} – ${time(range[4]!, range[5], range[6]!)}`
  } else if (closeAt) {
    text = `until ${time(closeAt[1]!, closeAt[2], closeAt[3]!)}`
  } else if (!closed) {
    return { holidays: [], spans }
  }
  const isClosed = text === undefined
  const holidays = found.map(({ key, name }) => ({
    holiday: key,
    name,
    closed: isClosed,
    ...(text ? { text } : {}),
    ...(departments.length > 0 ? { departments } : {}),
  }))
  return { holidays, spans }
}

function time(hour: string, minute: string | undefined, meridiem: string): string {
  const h = (Number(hour) % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0)
  return clock(h * 60 + Number(minute ?? 0))
}

// The name as written: folding only lowercases and drops accents, so offsets line up unless the
// line had characters that fold into several; then the folded name, capitalised, stands in.
function nameAt(line: string, folded: string, start: number, end: number): string {
  const name = line.length === folded.length ? line.slice(start, end) : folded.slice(start, end)
  return name.replace(/(?<![\p{L}'])\p{Ll}/gu, (c) => c.toUpperCase())
}
