import type { DaySchedule, DealershipFacts, DepartmentFacts } from '@avataradam/sdk/protocol'

/** Departments a dealership is likely to list, in the order the page shows them. */
export const DEPARTMENTS = ['main', 'sales', 'service', 'parts', 'finance', 'collision', 'detail']

const DEPARTMENT_LABELS: Record<string, string> = {
  main: 'Main',
  sales: 'Sales',
  service: 'Service',
  parts: 'Parts',
  finance: 'Finance',
  collision: 'Collision center',
  detail: 'Detail',
}

/** "Sales", "Collision center"; a department the server named otherwise, capitalised. */
export function departmentLabel(department: string): string {
  return DEPARTMENT_LABELS[department] ?? department.charAt(0).toUpperCase() + department.slice(1)
}

/** Where a department sorts on the page: known ones in their order, others after. */
export function departmentRank(department: string): number {
  const i = DEPARTMENTS.indexOf(department)
  return i === -1 ? DEPARTMENTS.length : i
}

/** Departments in the page's order, each with its index in the facts (server paths use it). */
export function ordered(departments: readonly DepartmentFacts[]): [DepartmentFacts, number][] {
  return departments
    .map((d, i): [DepartmentFacts, number] => [d, i])
    .sort(([a], [b]) => departmentRank(a.department) - departmentRank(b.department))
}

/** The holidays the server recognises by name (the rest are `YYYY-MM-DD` dates). */
export const HOLIDAY_NAMES: Record<string, string> = {
  newYearsDay: 'New Year’s Day',
  mlkDay: 'Martin Luther King Jr. Day',
  presidentsDay: 'Presidents’ Day',
  easter: 'Easter',
  memorialDay: 'Memorial Day',
  independenceDay: 'Independence Day',
  laborDay: 'Labor Day',
  thanksgiving: 'Thanksgiving',
  blackFriday: 'Black Friday',
  christmasEve: 'Christmas Eve',
  christmas: 'Christmas Day',
  newYearsEve: 'New Year’s Eve',
}

const DATE = /^\d{4}-\d{2}-\d{2}$/
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' })

/** Whether a holiday is a dated day (`YYYY-MM-DD`) rather than one of {@link HOLIDAY_NAMES}. */
export const isDated = (holiday: string) => !Object.hasOwn(HOLIDAY_NAMES, holiday)

/** When a holiday falls: "Every year" for a named one, else its date ("Dec 26, 2025"). */
export function holidayWhen(holiday: string): string {
  if (!isDated(holiday)) return 'Every year'
  return DATE.test(holiday) ? dateFormat.format(new Date(`${holiday}T00:00:00Z`)) : holiday
}

/** "09:30" → "9:30 AM"; "24:00" → "12:00 AM" (midnight). */
export function clockText(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number)
  const hour = h % 24
  return `${hour % 12 || 12}:${String(m).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`
}

/**
 * A day's hours as the assistant says them: "Closed", "By appointment", the documents' own words,
 * else the times; null when the day is not stated. Mirrors the server's answer, which quotes
 * `text` before the times (an edited day drops its `text`).
 */
export function scheduleText(schedule: DaySchedule | undefined): string | null {
  if (!schedule) return null
  if (schedule.closed) return 'Closed'
  if (schedule.byAppointment) return 'By appointment'
  if (schedule.text) return schedule.text
  if (schedule.intervals.length === 0) return null
  return schedule.intervals.map((i) => `${clockText(i.open)} – ${clockText(i.close)}`).join(', ')
}

export type DayStatus = 'unknown' | 'open' | 'closed' | 'appointment'

export function dayStatus(schedule: DaySchedule | undefined): DayStatus {
  if (!schedule) return 'unknown'
  if (schedule.closed) return 'closed'
  if (schedule.byAppointment && schedule.intervals.length === 0) return 'appointment'
  return 'open'
}

/** A day set to a status, its hours kept when it stays open. */
export function withStatus(
  schedule: DaySchedule | undefined,
  status: DayStatus,
): DaySchedule | undefined {
  switch (status) {
    case 'unknown':
      return undefined
    case 'closed':
      return { intervals: [], closed: true }
    case 'appointment':
      return { intervals: [], byAppointment: true }
    case 'open':
      return schedule?.intervals.length
        ? { intervals: schedule.intervals }
        : { intervals: [{ open: '09:00', close: '18:00' }] }
  }
}

/** True when the documents gave nothing the page could show. */
export function isEmpty(facts: DealershipFacts): boolean {
  return (
    !facts.address &&
    !facts.website &&
    facts.staff.length === 0 &&
    facts.holidays.length === 0 &&
    facts.departments.every(
      (d) =>
        Object.keys(d.hours).length === 0 &&
        d.phones.length === 0 &&
        d.emails.length === 0 &&
        !d.address,
    )
  )
}

/** Trims `object[key]`, and drops it when nothing is left (optional fields refuse ""). */
function tidy<T extends object>(object: T, key: keyof T): void {
  const value = object[key]
  if (typeof value !== 'string') return
  const trimmed = value.trim()
  if (trimmed) (object as Record<keyof T, unknown>)[key] = trimmed
  else delete object[key]
}

/**
 * The corrected facts as the server takes them: optional fields left empty are dropped rather
 * than sent as "". Rows are never dropped, so the server's error paths (`staff.2.name`) still
 * point at the row the member sees.
 */
export function cleanFacts(facts: DealershipFacts): DealershipFacts {
  const clean = structuredClone(facts)
  clean.address = clean.address?.trim() || null
  clean.website = clean.website?.trim() || null
  for (const department of clean.departments) {
    tidy(department, 'address')
    department.emails = department.emails.map((e) => e.trim()).filter(Boolean)
    for (const phone of department.phones) {
      phone.number = phone.number.trim()
      tidy(phone, 'label')
    }
  }
  for (const member of clean.staff) {
    member.name = member.name.trim()
    for (const key of [
      'title',
      'department',
      'phone',
      'extension',
      'email',
      'languages',
    ] as const) {
      tidy(member, key)
    }
  }
  for (const holiday of clean.holidays) {
    holiday.name = holiday.name.trim()
    if (holiday.closed) delete holiday.text
    else tidy(holiday, 'text')
  }
  return clean
}

/** Sets the value at a dotted path (`staff.2.name`) of a draft. */
export function setAt(target: object, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop()
  let node = target as Record<string, unknown>
  for (const key of keys) node = node[key] as Record<string, unknown>
  if (last !== undefined && node) node[last] = value
}
