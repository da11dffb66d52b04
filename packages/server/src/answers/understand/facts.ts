import type { StaffMember } from '@avataradam/sdk/protocol'
import { SCHEDULE_WORDS } from '../../facts/extract/schedule-words.ts'
import { conceptKey } from '../../language/analyze.ts'
import { fold } from '../../language/fold.ts'
import type { Weekday } from '../../language/pack.ts'
import type { Message } from './message.ts'
import { asksWhen, type Consumed, findAll } from './spans.ts'
import type { FactRequest } from './types.ts'

// Service work that, asked about with "when" or a day, means the service department's hours.
const SERVICE_TOPICS = new Set([
  'oil change',
  'tires',
  'brakes',
  'battery',
  'alignment',
  'inspection',
  'recall',
  'loaner',
  'shuttle',
])
// Topics with answers of their own: "open" near them is not asking for hours ("open to trades?").
const OTHER_TOPICS = new Set([
  'trade-in',
  'value',
  'finance',
  'warranty',
  'return',
  'lease',
  'insurance',
  'specials',
  'delivery',
  'deposit',
  'fee',
  'payment',
  'down payment',
  'test drive',
  'paperwork',
  'pre-approval',
])
const TITLE_CONCEPTS = new Set(['manager', 'staff'])
/** Languages staff may speak, as concepts of the packs ("german": German, Deutsch, alemán). */
export const SPOKEN_LANGUAGES = new Set([
  'spanish',
  'portuguese',
  'french',
  'creole',
  'german',
  'vietnamese',
  'chinese',
  'korean',
  'russian',
  'polish',
  'arabic',
  'tagalog',
  'italian',
])
const SPEAK = /^(?:speak|speaks|speaking|habla|hable|hablan|hablen|talk)$/

/** Where the days and departments of a message are. */
interface ScheduleMentions {
  days: { days: Weekday[]; start: number; length: number }[]
  departments: { department: string; start: number; length: number }[]
  holidays: { holiday: string; start: number; length: number }[]
}

function scheduleMentions(words: readonly string[]): ScheduleMentions {
  const found: ScheduleMentions = { days: [], departments: [], holidays: [] }
  for (const match of SCHEDULE_WORDS.all(words)) {
    const value = match.value
    if (value.kind === 'days') found.days.push({ days: value.days, ...match })
    else if (value.kind === 'department') {
      found.departments.push({ department: value.department, ...match })
    } else if (value.kind === 'holiday') found.holidays.push({ holiday: value.holiday, ...match })
  }
  return found
}

/**
 * The dealership facts a message asks for: hours (of a department, on days, now, on a holiday),
 * phone numbers, emails, the address, the website, and staff (by name or title). Marks the words
 * each reading used, so the rest can be looked up in passages.
 *
 * @example
 * ```ts
 * readFactRequests(readMessage('what time does service close on saturday', options), staff, used)
 * // [{ kind: 'hours', department: 'service', days: ['sat'], when: null, holiday: null }]
 * ```
 */
export function readFactRequests(
  message: Message,
  staff: readonly StaffMember[],
  used: Consumed,
): FactRequest[] {
  const { words, analysis, language } = message
  const concepts = analysis.concepts
  const requests: FactRequest[] = []
  const mentions = scheduleMentions(words)
  const conceptTerms = (concept: string) => analysis.terms.filter((t) => t.concept === concept)
  const markConcept = (concept: string) => {
    for (const term of conceptTerms(concept)) used.mark(term.start, term.length)
  }
  const department = mentions.departments[0]?.department ?? null
  const markDepartments = () => {
    for (const d of mentions.departments) used.mark(d.start, d.length)
  }

  // Staff: by name, or "who is the finance director".
  const named = staffNamed(words, staff)
  const whoCue = findAll(words, language, (l) => l.intents.who)
  const spoken = [...concepts].some((c) => SPOKEN_LANGUAGES.has(c))
  const titled = [...concepts].some((c) => TITLE_CONCEPTS.has(c)) || spoken
  // "anyone who speaks Creole?", "algún vendedor que hable español": a person, by language.
  const speaks = spoken && words.some((w) => SPEAK.test(w))
  if (
    named ||
    speaks ||
    (whoCue.length > 0 && (titled || department)) ||
    (titled && (concepts.has('extension') || concepts.has('email') || concepts.has('phone')))
  ) {
    const wantIn = (from: number, to: number): 'extension' | 'email' | 'phone' | null => {
      const within = (key: string) =>
        analysis.terms.some((t) => t.key === conceptKey(key) && t.start >= from && t.start < to)
      return within('extension')
        ? 'extension'
        : within('email')
          ? 'email'
          : within('phone')
            ? 'phone'
            : null
    }
    const want = wantIn(0, words.length) ?? 'who'
    // "Brenda's extension and Marcus's cell": each person with what is asked of them.
    const others = staffNamedAll(words, staff).filter((n) => n.name !== named?.name)
    if (named && others.length > 0) {
      const all = [named, ...others].sort((a, b) => a.span.start - b.span.start)
      all.forEach((person, i) => {
        const end = all[i + 1]?.span.start ?? words.length
        requests.push({
          kind: 'staff',
          name: person.name,
          role: [],
          department: null,
          want: wantIn(person.span.start, end) ?? want,
        })
        used.mark(person.span.start, person.span.length)
      })
    } else {
      requests.push({
        kind: 'staff',
        name: named?.name ?? null,
        role: roleWords(message, named?.span),
        department,
        want,
      })
    }
    if (named) used.mark(named.span.start, named.span.length)
    for (const match of whoCue) used.markMatch(match)
    for (const concept of ['manager', 'staff', 'extension', 'email', 'phone', ...SPOKEN_LANGUAGES])
      markConcept(concept)
    words.forEach((w, i) => {
      if (SPEAK.test(w)) used.mark(i)
    })
    markDepartments()
  }

  // Hours.
  const dayWords = findAll(words, language, (l) => l.dayWords)
  const when = whenOf(dayWords.map((m) => m.value))
  const whenCue = findAll(words, language, (l) => l.intents.when).filter((m) =>
    asksWhen(message, m),
  )
  const hoursConcept = concepts.has('hours')
  const otherTopic = [...concepts].some((c) => OTHER_TOPICS.has(c))
  const serviceTopic = [...concepts].find((c) => SERVICE_TOPICS.has(c))
  const days = mentions.days.length > 0 ? [...new Set(mentions.days.flatMap((d) => d.days))] : null
  const holiday = mentions.holidays[0]?.holiday ?? null
  const asksHours =
    (hoursConcept && !(otherTopic && !days && !when && whenCue.length === 0)) ||
    (whenCue.length > 0 &&
      (days !== null || department !== null || holiday !== null || serviceTopic !== undefined) &&
      !otherTopic) ||
    (holiday !== null && (hoursConcept || whenCue.length > 0))
  if (asksHours && !requests.some((r) => r.kind === 'staff' && r.want !== 'who')) {
    const hoursDepartment = department ?? (serviceTopic && !otherTopic ? 'service' : null)
    requests.push({ kind: 'hours', department: hoursDepartment, days, when, holiday })
    markConcept('hours')
    for (const match of [...whenCue, ...dayWords]) used.markMatch(match)
    for (const d of [...mentions.days, ...mentions.holidays]) used.mark(d.start, d.length)
    for (const concept of ['holiday', ...DAY_NAMES]) markConcept(concept)
    markDepartments()
    if (
      hoursDepartment === 'service' &&
      department === null &&
      serviceTopic &&
      whenCue.length > 0
    ) {
      markConcept(serviceTopic)
    }
  }

  // Contacts.
  const staffRequest = requests.some((r) => r.kind === 'staff')
  const numberWord = words.findIndex(
    (word, i) =>
      (word === 'number' || word === 'numero') &&
      !/^(?:stock|vin|serial|serie|inventario)$/.test(words[i - 1] ?? ''),
  )
  if (
    !staffRequest &&
    (concepts.has('phone') ||
      concepts.has('text') ||
      numberWord !== -1 ||
      (concepts.has('extension') && department))
  ) {
    requests.push({ kind: 'phone', department })
    markConcept('phone')
    markConcept('text')
    markConcept('extension')
    if (numberWord !== -1) used.mark(numberWord)
    markDepartments()
  }
  if (!staffRequest && concepts.has('email')) {
    requests.push({ kind: 'email', department })
    markConcept('email')
    markDepartments()
  }
  // "Where is your body shop?": a department's address.
  const whereAt = words.findIndex((w) => w === 'where' || w === 'donde' || w === 'wheres')
  const whereDepartment = whereAt >= 0 && mentions.departments.some((d) => d.start > whereAt)
  if (concepts.has('address') || (whereDepartment && !requests.some((r) => r.kind === 'hours'))) {
    requests.push({ kind: 'address', department })
    markConcept('address')
    if (whereAt >= 0) used.mark(whereAt)
    markDepartments()
  }
  const topics = [...concepts].filter((c) => c !== 'website' && c !== 'vehicle')
  if (concepts.has('website') && topics.length === 0) {
    requests.push({ kind: 'website' })
    markConcept('website')
  }
  return requests
}

const DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']

function whenOf(words: readonly string[]): 'now' | 'today' | 'tomorrow' | null {
  if (words.includes('now')) return 'now'
  if (words.includes('today')) return 'today'
  if (words.includes('tomorrow')) return 'tomorrow'
  return null
}

/** Every staff member the message names, each once. */
function staffNamedAll(
  words: readonly string[],
  staff: readonly StaffMember[],
): { name: string; span: { start: number; length: number } }[] {
  return staff.flatMap((member) => staffNamed(words, [member]) ?? [])
}

/** A staff member the message names by first name, last name or both. */
function staffNamed(
  words: readonly string[],
  staff: readonly StaffMember[],
): { name: string; span: { start: number; length: number } } | null {
  for (const member of staff) {
    const parts = fold(member.name)
      .split(/[\s'-]+/)
      .filter((part) => part.length >= 3)
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!
      // "brenda's" was tokenised "brenda"; "andres" matches "Andrés".
      if (!parts.includes(word) || COMMON_NAMES_AS_WORDS.has(word)) continue
      const length = parts.includes(words[i + 1] ?? '') ? 2 : 1
      return { name: member.name, span: { start: i, length } }
    }
  }
  return null
}

// First names that are also everyday words a visitor types.
const COMMON_NAMES_AS_WORDS = new Set([
  'will',
  'may',
  'mark',
  'grant',
  'bill',
  'sue',
  'art',
  'rich',
  'frank',
  'chase',
  'miles',
  'price',
  'sale',
  'hope',
  'joy',
  'rose',
  'dean',
  'cruz',
])

/** The words of a title the message asks for ("parts manager", "finance director"). */
function roleWords(message: Message, nameSpan?: { start: number; length: number }): string[] {
  return (
    message.analysis.terms
      .filter(
        (t) => !nameSpan || t.start < nameSpan.start || t.start >= nameSpan.start + nameSpan.length,
      )
      .filter(
        (t) =>
          t.concept === null ||
          ['manager', 'staff', 'sales', 'service', 'parts', 'finance', 'collision'].includes(
            t.concept,
          ) ||
          SPOKEN_LANGUAGES.has(t.concept),
      )
      // A language by its concept ("#german"), which the staff search reads in every language.
      .map((t) =>
        t.concept && SPOKEN_LANGUAGES.has(t.concept)
          ? `#${t.concept}`
          : message.words.slice(t.start, t.start + t.length).join(' '),
      )
  )
}
