import type { DepartmentFacts, StaffMember } from '@avataradam/sdk/protocol'
import { isEverydayWord } from '../../language/everyday.ts'
import { fold } from '../../language/fold.ts'
import { LANGUAGE_CODES, type Language, languageOf } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import type { FactRequest } from '../understand/types.ts'
import type { Composed } from './composed.ts'
import { capitalize, departmentName, reply } from './replies.ts'

type ContactRequest = Exclude<FactRequest, { kind: 'hours' }>

const MAIN_ORDER = ['main', 'sales']

function department(
  evidence: Evidence,
  key: string | null,
  has: (d: DepartmentFacts) => boolean,
): DepartmentFacts | null {
  const candidates = evidence.facts.departments.filter(has)
  if (key) return candidates.find((d) => d.department === key) ?? null
  for (const main of MAIN_ORDER) {
    const found = candidates.find((d) => d.department === main)
    if (found) return found
  }
  return candidates[0] ?? null
}

/**
 * Answers a question for a phone number, an email, the address, the website or a member of staff
 * from the dealership's facts; null when the facts do not say.
 *
 * @example
 * ```ts
 * contactAnswer({ kind: 'phone', department: 'service' }, evidence, ENGLISH)
 * // lead: ['You can reach Service at (555) 010-4210.']
 * ```
 */
export function contactAnswer(
  request: ContactRequest,
  evidence: Evidence,
  language: Language,
): Composed | null {
  const { facts } = evidence
  switch (request.kind) {
    case 'phone': {
      const found = department(evidence, request.department, (d) => d.phones.length > 0)
      if (!found) return null
      const phone =
        found.phones.find((p) => !/\b(?:text|sms|whatsapp|fax)\b/i.test(p.label ?? '')) ??
        found.phones[0]!
      const main =
        !request.department && (found.department === 'main' || found.department === 'sales')
      const lead = main
        ? reply(language, 'phoneMain', { phone: phone.number })
        : reply(language, 'phone', {
            department: departmentName(language, found.department),
            phone: phone.number,
          })
      return {
        lead: [lead],
        details: [],
        sources: found.sources ?? [],
        context: { topic: 'phone', department: request.department },
      }
    }
    case 'email': {
      const found = department(evidence, request.department, (d) => d.emails.length > 0)
      if (!found) return null
      return {
        lead: [
          reply(language, 'email', {
            department: departmentName(language, found.department),
            email: found.emails[0]!,
          }),
        ],
        details: [],
        sources: found.sources ?? [],
        context: { topic: 'email', department: request.department },
      }
    }
    case 'address': {
      const own = request.department
        ? facts.departments.find((d) => d.department === request.department && d.address)
        : undefined
      const address = own?.address ?? facts.address
      if (!address) return null
      const lead = own
        ? `${capitalize(departmentName(language, own.department))}: ${address}.`
        : reply(language, 'address', { address })
      const sources = own?.sources ?? facts.sources?.address ?? []
      return {
        lead: [lead],
        details: [],
        sources,
        context: { topic: 'address', department: request.department },
      }
    }
    case 'website': {
      if (!facts.website) return null
      return {
        lead: [reply(language, 'website', { website: facts.website })],
        details: [],
        sources: facts.sources?.website ?? [],
        context: { topic: 'website' },
      }
    }
    case 'staff':
      return staffAnswer(request, evidence, language)
  }
}

function staffAnswer(
  request: Extract<FactRequest, { kind: 'staff' }>,
  evidence: Evidence,
  language: Language,
): Composed | null {
  const member = findStaff(evidence.facts.staff, request)
  if (!member) return null
  const lead: string[] = []
  const ext = member.extension ? `ext. ${member.extension}` : null
  const reach = member.phone ? (ext ? `${member.phone} ${ext}` : member.phone) : ext
  if (request.want === 'who' || !request.name) {
    lead.push(
      member.title
        ? reply(language, 'staffMember', { name: member.name, title: member.title })
        : `${member.name}.`,
    )
  }
  if (request.want === 'email' && member.email) lead.push(`${member.name}: ${member.email}.`)
  else if (reach && request.want !== 'email')
    lead.push(reply(language, 'staffExtension', { name: member.name, phone: reach }))
  else if (member.email) lead.push(`${member.name}: ${member.email}.`)
  if (request.want === 'who' && member.email && reach) lead.push(`${member.email}`)
  return {
    lead: lead.length > 0 ? lead : [member.name],
    details: [],
    sources: member.source ? [member.source] : [],
    context: { topic: 'staff', staffName: member.name, department: request.department },
  }
}

/** The staff member a request means: by name, else the one whose title (and department) best fit. */
export function findStaff(
  staff: readonly StaffMember[],
  request: Extract<FactRequest, { kind: 'staff' }>,
): StaffMember | null {
  if (request.name) return staff.find((s) => s.name === request.name) ?? null
  const words = request.role
    .flatMap((r) => (r.startsWith('#') ? [spokenPattern(r.slice(1))] : fold(r).split(/\s+/)))
    .filter((w) => w.length >= 2)
    .map((w) => SPOKEN[w] ?? ROLES[w] ?? w)
  // "The service manager": a manager of service, not any manager.
  const specific = words.filter((w) => w !== '' && !GENERIC_ROLES.has(w) && !isEverydayWord(w))
  let best: StaffMember | null = null
  let bestScore = 0
  for (const member of staff) {
    const text = fold(`${member.title ?? ''} ${member.department ?? ''} ${member.languages ?? ''}`)
    let score = 0
    let specificMatched = false
    for (const word of words) {
      if (word === '') continue
      const pattern = word.startsWith('(?:') ? word : escapeRegExp(word)
      if (new RegExp(`\\b${pattern}`).test(text)) {
        score += 1
        if (specific.includes(word)) specificMatched = true
      }
    }
    const departmentMatched =
      request.department !== null &&
      fold(member.department ?? member.title ?? '').includes(fold(request.department))
    if (
      (specific.length > 0 || request.department !== null) &&
      !specificMatched &&
      !departmentMatched
    )
      continue
    if (departmentMatched) score += 0.5
    // A manager or director leads a department: ask for "the parts manager" and get them first.
    if (/\b(?:manager|director|gerente)\b/.test(text)) score += 0.1
    if (score > bestScore) [best, bestScore] = [member, score]
  }
  return bestScore >= 1 ? best : null
}

// Words any title may hold: they find a person only beside a word saying which one.
const GENERIC_ROLES = new Set([
  'manager',
  'managers',
  'director',
  'staff',
  'team',
  'boss',
  'head',
  'lead',
  'person',
  '(?:manager|director|owner)',
  '(?:manager|director)',
  '(?:manager|gerente)',
  '(?:manager|director|jefe)',
  '(?:manager|director|jefa)',
])

// What a question's verbs say of a title: "who owns", "who runs".
const ROLES: Record<string, string> = {
  owns: 'owner',
  own: 'owner',
  runs: '(?:manager|director|owner)',
  run: '(?:manager|director|owner)',
  charge: '(?:manager|director)',
  head: '(?:manager|director)',
}

// Languages staff speak, as a question and a directory may name them: "spanish" finds "Español".
const SPOKEN: Record<string, string> = {
  spanish: '(?:spanish|espanol|bilingual|bilingue)',
  espanol: '(?:spanish|espanol|bilingual|bilingue)',
  bilingual: '(?:bilingual|bilingue|spanish|espanol)',
  english: '(?:english|ingles)',
  ingles: '(?:english|ingles)',
  portuguese: '(?:portuguese|portugues)',
  portugues: '(?:portuguese|portugues)',
  portugese: '(?:portuguese|portugues)',
  hable: '',
  habla: '',
  gerente: '(?:manager|gerente)',
  jefe: '(?:manager|director|jefe)',
  jefa: '(?:manager|director|jefa)',
  finanzas: '(?:finance|finanzas|financiamiento)',
  financiamiento: '(?:finance|finanzas|financiamiento)',
  ventas: '(?:sales|ventas)',
  servicio: '(?:service|servicio)',
  partes: '(?:parts|partes|piezas)',
  piezas: '(?:parts|partes|piezas)',
  vendedor: '(?:sales|vendedor)',
  vendedora: '(?:sales|vendedora)',
  asesor: '(?:advisor|asesor|consultant)',
  french: '(?:french|frances|francais)',
  creole: '(?:creole|kreyol|criollo)',
}

/** Every pack's words for a spoken language, as a pattern: German, Deutsch, alemán. */
function spokenPattern(concept: string): string {
  const known = SPOKEN[concept]
  if (known) return known
  const words = LANGUAGE_CODES.flatMap(
    (code) => languageOf(code).pack.concepts[concept] ?? [concept],
  )
  const names = [...new Set([concept, ...words].map(fold))].filter(
    (w) => w !== 'bilingual' && w !== 'bilingue',
  )
  return `(?:${names.map(escapeRegExp).join('|')})`
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
