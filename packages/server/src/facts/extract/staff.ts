import type { StaffMember } from '@avataradam/sdk/protocol'
import { isEverydayWord } from '../../language/everyday.ts'
import { fold } from '../../language/fold.ts'
import { findEmails, findExtensions, findPhones } from './contacts.ts'

// Words of job titles, in English and Spanish, as staff directories write them.
// biome-ignore format: word lists read best packed, as written
const TITLE_WORDS = [
  'manager', 'director', 'owner', 'president', 'vice president', 'gm', 'general manager',
  'advisor', 'adviser', 'consultant', 'specialist', 'salesperson', 'sales associate', 'associate',
  'technician', 'tech', 'detailer', 'coordinator', 'receptionist', 'cashier', 'controller',
  'writer', 'porter', 'attendant', 'bdc', 'buyer', 'accountant', 'assistant', 'representative',
  'rep', 'estimator', 'foreman', 'dispatcher', 'officer', 'agent', 'concierge', 'administrator',
  'principal', 'partner', 'founder', 'lead', 'supervisor', 'expert', 'master', 'genius',
  'gerente', 'directora', 'dueno', 'duena', 'propietario', 'asesor', 'asesora', 'vendedor',
  'vendedora', 'tecnico', 'tecnica', 'recepcionista', 'coordinador', 'coordinadora', 'especialista',
  'cajero', 'cajera', 'contador', 'contadora', 'asistente', 'representante', 'encargado',
  'encargada', 'jefe', 'jefa', 'mecanico', 'presidente', 'sales', 'ventas', 'service',
  'finance', 'parts',
]
const TITLE = new RegExp(
  `\\b(?:${TITLE_WORDS.map((w) => w.replace(/ /g, '\\s+')).join('|')})s?\\b`,
  'i',
)
// A person's name: two to four capitalised words, with the particles between ("Maria Lopez",
// "J.R. Smith", "Ana María de la Cruz", "O'Neil").
const NAME =
  /^(?:[A-ZÁÉÍÓÚÑ][\p{L}'’.-]+|de|del|la|van|von|da|di)(?:\s+(?:[A-ZÁÉÍÓÚÑ][\p{L}'’.-]*|de|del|la|los|van|von|da|di)){1,5}$/u
const PARTICLE = /^(?:de|del|la|los|van|von|da|di)$/
const NOT_NAMES =
  /\b(?:department|departamento|hours|horario|service|servicio|sales|ventas|parts|piezas|finance|center|centre|team|equipo|dealership|motors|auto|toyota|honda|nissan|ford|main|phone|email|fax|address|monday|tuesday|friday|saturday|sunday)\b/i

const SPEAKS = /\b(?:speaks?|habla|hablamos|bilingual|biling[uü]e|fluent in)\b/i

/** Columns of a staff table, by what their header says. */
const COLUMN_KINDS: [keyof StaffMember | 'ext', RegExp][] = [
  ['name', /\b(?:name|nombre|employee|staff|team member|empleado|persona)\b/i],
  ['title', /\b(?:title|position|role|job|puesto|cargo|posici[oó]n)\b/i],
  ['department', /\b(?:department|dept|departamento|area|área)\b/i],
  ['ext', /\b(?:ext|extension|extensi[oó]n)\b/i],
  ['phone', /\b(?:phone|tel|tel[eé]fono|direct|cell|mobile|celular|line)\b/i],
  ['email', /\b(?:e-?mail|correo)\b/i],
  ['languages', /\b(?:languages?|idiomas?|speaks|habla)\b/i],
]

/**
 * Staff members of a table whose header names people and their titles (a staff directory).
 *
 * @example
 * ```ts
 * staffFromTable(['Name', 'Title', 'Ext.'], [['Maria Lopez', 'Service Advisor', '214']])
 * // [{ name: 'Maria Lopez', title: 'Service Advisor', extension: '214' }]
 * ```
 */
export function staffFromTable(
  header: readonly string[],
  rows: readonly string[][],
): StaffMember[] {
  const kinds = header.map(
    (cell) => COLUMN_KINDS.find(([, pattern]) => pattern.test(cell))?.[0] ?? null,
  )
  let nameColumn = kinds.indexOf('name')
  const titleColumn = kinds.indexOf('title')
  if (nameColumn === -1) {
    // Without a "Name" header, the column whose cells look like names.
    nameColumn = header.findIndex(
      (_, i) => rows.filter((row) => isName(row[i] ?? '')).length >= rows.length / 2,
    )
  }
  if (
    nameColumn === -1 ||
    (titleColumn === -1 && !rows.some((row) => row.some((cell) => TITLE.test(cell))))
  ) {
    return []
  }
  const staff: StaffMember[] = []
  for (const row of rows) {
    const name = row[nameColumn]?.trim() ?? ''
    if (!isName(name)) continue
    const member: StaffMember = { name }
    row.forEach((cell, i) => {
      const value = cell.trim()
      if (!value || i === nameColumn) return
      const kind = kinds[i]
      if (kind === 'title' || (kind === null && !member.title && TITLE.test(value)))
        member.title = value
      else if (kind === 'department') member.department = value
      else if (kind === 'email') member.email = findEmails(value)[0] ?? value
      else if (kind === 'languages') member.languages = value
      else if (kind === 'ext' || kind === 'phone') readPhone(member, value)
      // A "Notes" column saying "Speaks German": the languages they speak.
      else if (kind === null && SPEAKS.test(value)) member.languages = value
    })
    staff.push(member)
  }
  return staff
}

/**
 * A staff member from one line: "Maria Lopez – Service Advisor – ext. 214", "Brenda Coffey,
 * Finance Manager (ext. 16)", "Owner: Dale Whitaker, cell (555) 302-0101".
 *
 * @example
 * ```ts
 * staffFromLine('Brenda Coffey, Finance Manager (ext. 16)')
 * // { name: 'Brenda Coffey', title: 'Finance Manager', extension: '16' }
 * ```
 */
export function staffFromLine(line: string): StaffMember | null {
  if (!TITLE.test(line)) return null
  const parts = line
    // "(ext. 16)" is a detail of its own; "(319)" is a phone's area code.
    .replace(/\((?!\d{3}\))([^)]*)\)/g, ', $1')
    .split(/\s+[–—-]\s+|\s*[|•·]\s*|,\s+|:\s+|\t+/)
    .map((part) => part.trim())
    .filter(Boolean)
  // "…, Cedar Falls, IA 50613": a place before a state is a town, not a person.
  const nameIndex = parts.findIndex(
    (part) => isName(part) && !line.includes(`${part}, `.concat(stateAfter(line, part))),
  )
  if (nameIndex === -1) return null
  const member: StaffMember = { name: parts[nameIndex]! }
  for (const [i, part] of parts.entries()) {
    if (i === nameIndex) continue
    if (!member.title && isTitle(part)) member.title = part.replace(/[.;:,]+$/, '')
    else if (findEmails(part).length > 0) member.email = findEmails(part)[0]!
    else readPhone(member, part)
  }
  return member.title ? member : null
}

/** The US state abbreviation right after a text in a line ("Cedar Falls, IA"), or a marker. */
function stateAfter(line: string, text: string): string {
  const after = line.slice(line.indexOf(text) + text.length)
  return /^,\s*([A-Z]{2})\b/.exec(after)?.[1] ?? '\u0000'
}

function readPhone(member: StaffMember, text: string): void {
  const phone = findPhones(text)[0]
  if (phone) {
    member.phone = phone.number
    if (phone.extension) member.extension = phone.extension
    return
  }
  const extension = findExtensions(text)[0] ?? /^\s*#?(\d{2,6})\s*$/.exec(text)?.[1]
  if (extension) member.extension = extension
}

// Words a title may hold besides capitalised ones and title words: "Manager of Sales & Service".
const TITLE_GLUE = new Set([
  'of',
  'and',
  'the',
  'for',
  'de',
  'y',
  'del',
  'la',
  'el',
  'en',
  'para',
  'por',
  'e',
  'con',
  'a',
  '&',
  '/',
  '-',
  '–',
])

/** A job title: short, with a title word, its other words capitalised or joining words. */
function isTitle(text: string): boolean {
  if (!TITLE.test(text) || /\d/.test(text) || text.length > 80) return false
  return text
    .split(/\s+/)
    .every(
      (word) => /^[\p{Lu}(]/u.test(word) || TITLE_GLUE.has(word.toLowerCase()) || TITLE.test(word),
    )
}

function isName(text: string): boolean {
  const trimmed = text.trim()
  if (
    trimmed.length > 50 ||
    !NAME.test(trimmed) ||
    trimmed.split(/\s+/).filter((word) => !PARTICLE.test(word)).length > 4 ||
    NOT_NAMES.test(fold(trimmed)) ||
    TITLE.test(trimmed)
  )
    return false
  // "Lease Buy", "Sun Closed": capitalised words of a heading, not a name ("Sandy Brown" is).
  const words = fold(trimmed)
    .split(/[^a-z]+/)
    .filter(Boolean)
  return !words.every(isEverydayWord)
}
