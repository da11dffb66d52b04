import type {
  DaySchedule,
  DealershipFacts,
  DepartmentFacts,
  HolidayHours,
  StaffMember,
} from '@avataradam/sdk/protocol'
import type { Block, ParsedDocument } from '../../knowledge/parse/types.ts'
import { fold } from '../../language/fold.ts'
import type { Weekday } from '../../language/pack.ts'
import { sentencesOf } from '../../language/sentences.ts'
import { tokensOf } from '../../language/tokenize.ts'
import {
  findAddresses,
  findEmails,
  findExtensions,
  findPhones,
  findStreets,
  findUrls,
} from './contacts.ts'
import { readHolidays } from './holidays.ts'
import { readHours } from './hours.ts'
import { SCHEDULE_WORDS } from './schedule-words.ts'
import { staffFromLine, staffFromTable } from './staff.ts'

/** A line of a document with the department its headings (or table) put it under. */
interface Line {
  text: string
  department: string | null
  /** How much its hours count against another document's (see {@link hoursWeight}). */
  weight: number
  /** Read for phones, emails and addresses only (a paragraph whose lines were read one by one). */
  contactsOnly?: boolean
  /** Read for staff and contacts, not hours (a table's whole row: its cells give the hours). */
  noHours?: boolean
  /** Which block it came from: a staff member's details follow their name in the same block. */
  block?: number
}

/** Facts as a document states them, with how strongly it states each day's hours. */
export interface ExtractedFacts extends DealershipFacts {
  /** Department → day → weight: a table under "Hours" outweighs a sentence of an FAQ. */
  weights: Record<string, Partial<Record<Weekday, number>>>
}

// Sentences about something else that keeps hours of its own: a shuttle's, test drives'.
const OTHER_SUBJECTS =
  /\b(?:shuttle|loaner|test drives?|walk-?ins?|deliver(?:y|ies)|appointments?|express|pick ?up|drop ?off|transporte|entregas?|citas?|prueba de manejo)\b/i
const HOURS_WORDS = /\b(?:hours?|open|opening|schedule|horarios?|abiert[oa]s?|abre|abrimos)\b/i

/**
 * The dealership facts a document states: each department's hours, phones and emails, the
 * address and website, staff with titles and extensions, holiday closures. Read from its
 * structure as parsed (headings give lines their department; tables are read by row and
 * column), in any language with a pack. Facts are what the document says; merging documents
 * and the dealership's own corrections happen later.
 *
 * @example
 * ```ts
 * extractFacts(await parseDocument({ bytes, kind: 'html' })).departments[0]?.hours.sat
 * // { intervals: [{ open: '09:00', close: '18:00' }], text: '9:00 AM – 6:00 PM' }
 * ```
 */
export function extractFacts(doc: ParsedDocument): ExtractedFacts {
  const departments = new Map<string, DepartmentFacts>()
  const department = (key: string): DepartmentFacts => {
    let found = departments.get(key)
    if (!found) {
      found = { department: key, hours: {}, phones: [], emails: [] }
      departments.set(key, found)
    }
    return found
  }
  const addresses: string[] = []
  const urls: string[] = []
  const staff: StaffMember[] = []
  const holidays: HolidayHours[] = []
  const weights: ExtractedFacts['weights'] = {}

  const setHours = (key: string, days: Weekday[], schedule: DaySchedule, weight: number) => {
    const { hours } = department(key)
    weights[key] ??= {}
    const dayWeights = weights[key]
    for (const day of days) {
      if (hours[day] && (dayWeights[day] ?? 0) >= weight) continue
      hours[day] = structuredClone(schedule)
      dayWeights[day] = weight
    }
  }

  // "Brenda Coffey - Finance Manager. Ext. 16. Runs our approvals.": the person of a paragraph
  // owns the extension and cell that follow their name in it.
  let person: { member: StaffMember; block: number } | null = null
  const readLine = ({ text, department: context, weight, contactsOnly, noHours, block }: Line) => {
    if (contactsOnly) {
      for (const address of findAddresses(text)) addresses.push(address)
      return
    }
    const member = staffFromLine(text)
    if (member) {
      addStaff(staff, member)
      person =
        block === undefined
          ? null
          : { member: staff.find((s) => fold(s.name) === fold(member.name))!, block }
      return
    }
    if (person && block === person.block && personalDetails(text, person.member)) return
    if (noHours) {
      readContacts(text, context)
      return
    }
    // A dated sentence ("Saturday, December 26 — open 10 to 4") is that day's, not every
    // Saturday's; a named holiday's date ("Memorial Day (Monday, May 31)") is the holiday already
    // read. The other sentences of the line keep their weekly hours.
    const weekly: string[] = []
    const rest: string[] = []
    const sentences = datedSentences(text)
    // A list item about a date ("Sat. Dec. 19 — Service closed. Sales open 8a–12p only.") is
    // about that date throughout.
    const datedItem =
      sentences[0]?.dated !== null && sentences[0]?.dated !== undefined && text.length <= 300
    for (const { sentence, dated } of sentences) {
      const read = readNamedHolidays(sentence, holidays)
      if (!dated) {
        if (!datedItem) weekly.push(read.weekly)
        rest.push(sentence)
      } else if (!read.named && !holidays.some((h) => h.holiday === dated.holiday)) {
        holidays.push(dated)
      }
    }
    if (rest.length === 0) return
    for (const finding of readHours(weekly.join(' '), context)) {
      const named = finding.department !== null && finding.department !== context
      setHours(
        finding.department ?? 'main',
        finding.days,
        finding.schedule,
        weight + (named ? 1 : 0),
      )
    }
    readContacts(rest.join(' '), context)
  }

  const readContacts = (text: string, context: string | null) => {
    let from = 0
    for (const phone of findPhones(text)) {
      const label = text.slice(from, phone.start)
      from = phone.end
      if (/\bfax\b/i.test(label)) continue
      const key = departmentIn(label) ?? context ?? 'main'
      const { phones } = department(key)
      const number = phone.extension ? `${phone.number} ext. ${phone.extension}` : phone.number
      if (!phones.some((p) => p.number === number)) {
        const labelText = cleanLabel(label)
        phones.push(labelText ? { number, label: labelText } : { number })
      }
    }
    from = 0
    for (const email of findEmails(text)) {
      const at = text.indexOf(email, from)
      const label =
        text
          .slice(from, at)
          .split(/[.;|·•\n]|,\s/)
          .at(-1) ?? ''
      const key = departmentIn(label) ?? departmentIn(email.split('@')[0]!) ?? context ?? 'main'
      from = at + email.length
      const { emails } = department(key)
      if (!emails.includes(email)) emails.push(email)
    }
    const full = findAddresses(text)
    if (full.length === 0) {
      // "Collision Center is in the building behind the showroom: 5310 Hudson Road."
      const named = departmentIn(text)
      const street = findStreets(text)[0]
      if (named && named !== 'sales' && street && !findPhones(text).length)
        department(named).address ??= street
    }
    for (const address of full) {
      // Only a label right before it ("Collision Center: 5310 Hudson Road…") gives a department
      // its own address; the rest is the dealership's.
      const before =
        text
          .slice(0, text.indexOf(address))
          .split(/[.;|·•]/)
          .at(-1) ?? ''
      const key = departmentIn(before)
      if (key && key !== 'sales' && key !== 'main') department(key).address ??= address
      else addresses.push(address)
    }
    urls.push(...findUrls(text))
  }

  for (const block of doc.blocks) {
    if (block.type === 'table') {
      for (const member of staffFromTable(block.header, block.rows)) addStaff(staff, member)
    }
  }
  for (const line of linesOf(doc.blocks)) readLine(line)
  // A page's footer sits under none of its headings: the last heading's department ("Service")
  // is not the footer's phone's.
  person = null
  for (const line of linesOf(doc.furniture ?? [])) readLine(line)

  return {
    departments: [...departments.values()].filter(
      (d) =>
        Object.keys(d.hours).length > 0 || d.phones.length > 0 || d.emails.length > 0 || d.address,
    ),
    address: mostCommon(addresses),
    website: websiteOf(urls),
    staff,
    holidays,
    weights,
  }
}

/**
 * How much a line's hours count: a list item or table cell more than prose, more under a heading
 * about hours, less in a sentence about something with hours of its own ("our shuttle runs
 * Monday–Friday 7:30 a.m. to 5 p.m.").
 */
function hoursWeight(text: string, structured: boolean, headingAboutHours: boolean): number {
  let weight = structured ? 2 : 1
  if (headingAboutHours || HOURS_WORDS.test(text)) weight += 1
  if (OTHER_SUBJECTS.test(text)) weight -= 2
  return weight
}

const MONTHS = [
  ['january', 'jan', 'enero', 'ene'],
  ['february', 'feb', 'febrero'],
  ['march', 'mar', 'marzo'],
  ['april', 'apr', 'abril', 'abr'],
  ['may', 'mayo'],
  ['june', 'jun', 'junio'],
  ['july', 'jul', 'julio'],
  ['august', 'aug', 'agosto', 'ago'],
  ['september', 'sep', 'sept', 'septiembre', 'setiembre'],
  ['october', 'oct', 'octubre'],
  ['november', 'nov', 'noviembre'],
  ['december', 'dec', 'diciembre', 'dic'],
]
const MONTH = MONTHS.flat().join('|')
const DATE = new RegExp(
  String.raw`\b(?:(${MONTH})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?|(\d{1,2})\s+de\s+(${MONTH})(?:\s+de\s+(\d{4}))?)\b`,
  'i',
)

/**
 * Reads the holidays a sentence names into `holidays` (once each), and gives the sentence back
 * folded with their names blanked: "Easter Sunday" says nothing of Sundays. Each part of
 * "Christmas Eve: 9–3 · Christmas Day: closed" is read on its own.
 */
function readNamedHolidays(
  sentence: string,
  holidays: HolidayHours[],
): { weekly: string; named: boolean } {
  let weekly = ''
  let named = false
  for (const part of sentence.split(/(?<=[·|;•])/)) {
    const holiday = readHolidays(part)
    if (holiday.holidays.length > 0) named = true
    for (const found of holiday.holidays) {
      if (!holidays.some((h) => h.holiday === found.holiday)) holidays.push(found)
    }
    let folded = fold(part)
    for (const { start, end } of holiday.spans) {
      folded = `${folded.slice(0, start)}${' '.repeat(end - start)}${folded.slice(end)}`
    }
    weekly += folded
  }
  return { weekly, named }
}

/**
 * A line's sentences, each with the day it is about when it gives a date and that date's hours;
 * a date whose hours come before it takes the sentence before ("Open 10 a.m. – 4 p.m. Saturday,
 * December 19.").
 */
function datedSentences(text: string): { sentence: string; dated: HolidayHours | null }[] {
  const read: { sentence: string; dated: HolidayHours | null }[] = []
  for (const clause of clausesOf(text)) {
    let dated = datedHoliday(clause)
    const previous = read.at(-1)
    if (!dated && previous && !previous.dated && DATE.test(fold(clause))) {
      dated = datedHoliday(`${previous.sentence} ${clause}`)
      if (dated) {
        read.pop()
        read.push({ sentence: `${previous.sentence} ${clause}`, dated })
        continue
      }
    }
    read.push({ sentence: clause, dated })
  }
  return read
}

/**
 * A line cut into sentences, one also ending at "a.m." or "p.m." before a capital: the sentence
 * reader keeps "…7:30 a.m. to 6 p.m. We will be closed Saturday, July 4." whole, as "9 a.m.
 * Monday" may run on.
 */
function clausesOf(text: string): string[] {
  // Sentences (not cut at "Sat. Dec. 19"), and within them "…6 p.m. We will…" apart.
  return sentencesOf(text)
    .flatMap((sentence) => sentence.split(/(?<=\b[aApP]\.[mM]\.)\s+(?=[\p{Lu}¿¡])/u))
    .filter((clause) => clause.trim() !== '')
}

/**
 * A sentence about one date's hours ("Saturday, December 26, 2026 — Sales open 10:00 AM to
 * 4:00 PM"), as a holiday keyed by its date; null for one without a date and hours.
 */
function datedHoliday(text: string): HolidayHours | null {
  const folded = fold(text)
  const date = DATE.exec(folded)
  if (!date) return null
  const monthName = (date[1] ?? date[5])!.toLowerCase()
  const month = MONTHS.findIndex((names) => names.includes(monthName)) + 1
  const day = Number(date[2] ?? date[4])
  const year = date[3] ?? date[6]
  if (month === 0 || day < 1 || day > 31) return null
  const hours = readHours(`${folded.replace(DATE, ' ')} monday`, null)[0]?.schedule
  // "Thursday, November 26 — Closed" reads as a closed schedule.
  const closed = hours ? hours.closed === true : /\b(?:closed|cerrado)\b/.test(folded)
  if (!hours && !closed) return null
  const key = `${year ?? ''}${year ? '-' : ''}${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  // "Saturday, December 26, 2026 — …" is named by what comes before the dash; a sentence ("On
  // Saturday, December 26 we open at 10") by its date.
  const head = text
    .slice(0, 80)
    .split(/\s[—–-]\s|:/)[0]!
    .replace(/[.,;]+$/, '')
    .trim()
  const written =
    folded.length === text.length ? text.slice(date.index, date.index + date[0].length) : null
  const named = !written || (head.length <= 40 && head.includes(written))
  return {
    holiday: key,
    name: named ? head : written,
    closed,
    ...(hours?.text ? { text: hours.text } : {}),
  }
}

/**
 * Reads a staff member's extension, cell and email from a line about them; false (and nothing
 * taken) when the line is labelled for a department ("Finance office direct: …").
 */
function personalDetails(text: string, member: StaffMember): boolean {
  if (departmentIn(text.split(/\d/)[0] ?? '')) return false
  const extension = findExtensions(text)[0]
  const phone = findPhones(text).find((p) =>
    /\b(?:cell|mobile|direct|celular)\b/i.test(text.slice(Math.max(0, p.start - 20), p.start)),
  )
  const email = findEmails(text)[0]
  if (!extension && !phone && !email) return false
  if (extension) member.extension ??= extension
  if (phone) member.phone ??= phone.number
  if (email) member.email ??= email
  return true
}

/** The lines of a document, each with the department of the nearest heading naming one. */
function* linesOf(blocks: readonly Block[]): Generator<Line> {
  const path: { level: number; department: string | null; hours: boolean }[] = []
  const context = () => {
    for (let i = path.length - 1; i >= 0; i--) if (path[i]!.department) return path[i]!.department
    return null
  }
  const aboutHours = () => path.some((h) => h.hours)
  let index = 0
  const line = (text: string, structured: boolean): Line => ({
    text,
    department: context(),
    weight: hoursWeight(text, structured, aboutHours()),
  })
  for (const block of blocks) {
    switch (block.type) {
      case 'heading': {
        while (path.length > 0 && path.at(-1)!.level >= block.level) path.pop()
        path.push({
          level: block.level,
          department: departmentIn(block.text),
          hours: HOURS_WORDS.test(block.text),
        })
        yield line(block.text, true)
        break
      }
      case 'paragraph':
        // Lines and sentences for hours; the paragraph whole for contacts (an address may run
        // over two lines).
        index++
        for (const text of block.text.split(/\n+/)) {
          for (const sentence of sentencesOf(text)) yield { ...line(sentence, false), block: index }
        }
        if (block.text.includes('\n'))
          yield { ...line(block.text.replace(/\n/g, ', '), false), contactsOnly: true }
        break
      case 'list':
        for (const item of block.items) yield line(item, true)
        break
      case 'table':
        // A staff directory's rows are people, read by staffFromTable.
        if (staffFromTable(block.header, block.rows).length > 0) break
        for (const cell of tableLines(block, context())) {
          yield {
            ...cell,
            weight: hoursWeight(
              cell.text,
              true,
              aboutHours() || HOURS_WORDS.test(block.header.join(' ')),
            ),
          }
        }
        break
    }
  }
}

/**
 * A table read cell by cell, each cell with its row's first cell and its column's header:
 * "Monday Sales 9 AM – 8 PM" reads the same whether days are rows and departments columns or
 * the other way round.
 */
function* tableLines(
  table: Extract<Block, { type: 'table' }>,
  context: string | null,
): Generator<Omit<Line, 'weight'>> {
  for (const row of table.rows) {
    const label = row[0] ?? ''
    const rowDepartment = departmentIn(label) ?? context
    if (row.length <= 1) {
      yield { text: label, department: rowDepartment }
      continue
    }
    // The whole row too: phones and emails beside a department's name. Not its hours: a row of
    // "Monday – Friday | 9 AM – 8 PM | 7 AM – 6 PM" is sales' and service's, read cell by cell.
    yield { text: row.join(' · '), department: rowDepartment, noHours: true }
    for (let c = 1; c < row.length; c++) {
      const header = table.header[c] ?? ''
      const department = departmentIn(header) ?? rowDepartment
      yield { text: `${label} ${header}: ${row[c]}`, department }
    }
  }
}

/** The first department a text names ("Service Department", "Ventas"), if any. */
function departmentIn(text: string): string | null {
  const words = tokensOf(fold(text).replace(/-/g, ' ')).map((t) => t.text)
  for (let i = 0; i < words.length; i++) {
    const match = SCHEDULE_WORDS.at(words, i)
    if (match?.value.kind === 'department') return match.value.department
  }
  return null
}

/** A phone's label: the words just before it ("Text us (Sales & Service)"), when short. */
function cleanLabel(label: string): string {
  const last = label.split(/[.;|·•\n]|,\s/).at(-1) ?? ''
  const cleaned = last
    .replace(/[:,–—-]+\s*$/, '')
    .replace(/\b(?:or|and|at|please|call|us|y|o|al)\s*$/gi, '')
    .trim()
  return cleaned.length <= 40 ? cleaned : ''
}

function addStaff(staff: StaffMember[], member: StaffMember): void {
  const existing = staff.find((s) => fold(s.name) === fold(member.name))
  if (existing) Object.assign(existing, { ...member, ...existing })
  else staff.push(member)
}

function mostCommon(values: readonly string[]): string | null {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  let best: string | null = null
  for (const [value, count] of counts) if (best === null || count > counts.get(best)!) best = value
  return best
}

/** The dealership's own site: the origin its documents link to most. */
function websiteOf(urls: readonly string[]): string | null {
  const origins = urls.flatMap((url) => {
    try {
      const parsed = new URL(url.startsWith('www.') ? `https://${url}` : url)
      return [`${parsed.protocol}//${parsed.host}`]
    } catch {
      return []
    }
  })
  return mostCommon(origins)
}
