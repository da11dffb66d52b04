import { SCHEDULE_WORDS } from '../../facts/extract/schedule-words.ts'
import type { Message } from './message.ts'
import { findAll, hasAny } from './spans.ts'
import type { AnswerContext, FactRequest, Understanding } from './types.ts'

// Words that point back: "that", "it", "they", "his", "ese", "eso"…
const POINTING =
  /^(?:that|those|it|its|they|them|their|there|he|she|his|her|him|this|these|same|one|ones|ese|esa|eso|esos|esas|ellos|ellas|su|sus|alli|ahi|alla)$/

/**
 * Reads a message against the last answer when it leans on it: "and on Sunday?" after sales
 * hours on Saturday is sales hours on Sunday; "are they open saturdays" after the body shop's
 * number is the body shop's hours; "whats his extension" after the parts manager is his
 * extension; "what about under 20k" after a search narrows it; "and the certified ones?" after
 * a question about warranties borrows its words.
 *
 * @example
 * ```ts
 * resolveFollowUp(understanding, message, { language: 'en', topic: 'hours', department: 'sales', days: ['sat'] })
 * ```
 */
export function resolveFollowUp(
  understanding: Understanding,
  message: Message,
  previous: AnswerContext,
): Understanding {
  const { words, language } = message
  const cue = findAll(words, language, (l) => l.intents.followUp).some((m) => m.start === 0)
  const pointing = words.some((w) => POINTING.test(w))
  const short = words.length <= 7
  const leans = cue || pointing || short
  if (!leans) return understanding
  const result: Understanding = {
    ...understanding,
    facts: [...understanding.facts],
    replacesSubject: cue && !pointing,
  }
  const departments = SCHEDULE_WORDS.all(words).filter((m) => m.value.kind === 'department')
  const department =
    departments[0]?.value.kind === 'department' ? departments[0].value.department : null
  const days = SCHEDULE_WORDS.all(words).flatMap((m) =>
    m.value.kind === 'days' ? m.value.days : [],
  )
  const holiday = SCHEDULE_WORDS.all(words).find((m) => m.value.kind === 'holiday')
  const nothingElse = result.facts.length === 0 && result.vehicle === null

  // A department asked about before carries over to a new question about it ("are they open?").
  for (const [i, fact] of result.facts.entries()) {
    if (
      'department' in fact &&
      fact.department === null &&
      previous.department &&
      (pointing || cue)
    ) {
      result.facts[i] = { ...fact, department: previous.department } as FactRequest
      result.followUp = true
    }
  }

  if (
    nothingElse &&
    previous.topic === 'hours' &&
    (days.length > 0 || department || holiday || cue)
  ) {
    result.facts.push({
      kind: 'hours',
      department: department ?? previous.department ?? null,
      days: days.length > 0 ? [...new Set(days)] : holiday ? null : (previous.days ?? null),
      when: null,
      holiday:
        holiday?.value.kind === 'holiday'
          ? holiday.value.holiday
          : days.length > 0
            ? null
            : (previous.holiday ?? null),
    })
    result.rest = []
    result.followUp = true
    return result
  }
  if (
    nothingElse &&
    (previous.topic === 'phone' || previous.topic === 'email' || previous.topic === 'address') &&
    department
  ) {
    result.facts.push({ kind: previous.topic, department } as FactRequest)
    result.rest = []
    result.followUp = true
    return result
  }
  const concepts = message.analysis.concepts
  const asksContact = concepts.has('extension') || concepts.has('email') || concepts.has('phone')
  if (
    previous.staffName &&
    (pointing || cue) &&
    (asksContact || result.facts.some((f) => f.kind === 'phone' || f.kind === 'email'))
  ) {
    result.facts = result.facts.filter((f) => f.kind !== 'phone' && f.kind !== 'email')
    result.facts.push({
      kind: 'staff',
      name: previous.staffName,
      role: [],
      department: null,
      want: concepts.has('extension') ? 'extension' : concepts.has('email') ? 'email' : 'phone',
    })
    result.rest = result.rest.filter(
      (t) => !['extension', 'email', 'phone'].includes(t.concept ?? ''),
    )
    result.followUp = true
    return result
  }
  // Narrowing a search: "what about under 20k", "which has the lowest miles", "any in red?".
  if (previous.query && result.vehicle?.kind === 'search' && (cue || pointing || short)) {
    const q = result.vehicle.query
    const named = q.make || q.model || q.bodyStyle
    if (!named) {
      result.vehicle = { ...result.vehicle, query: { ...previous.query, ...q } }
      result.followUp = true
      return result
    }
  }
  if (previous.query && nothingElse && hasAny(words, language, (l) => l.sort)) {
    const sort = findAll(words, language, (l) => l.sort)[0]!.value
    result.vehicle = {
      kind: 'search',
      query: { ...previous.query, sort },
      count: false,
      described: true,
      asks: [],
    }
    result.rest = []
    result.followUp = true
    return result
  }
  // About passages: borrow the last question's words, when this one has no subject of its own
  // ("and for my trade-in?" has one: it borrows; "do you have a car wash" has one: it does not).
  const ownSubject = result.rest.some((t) => t.concept !== null) && !cue && !pointing
  if (
    nothingElse &&
    previous.terms &&
    previous.terms.length > 0 &&
    !ownSubject &&
    (cue || pointing || result.rest.length <= 2)
  ) {
    // "What about the certified ones?" after used cars' warranty: certified instead of used.
    const own = result.rest.map((t) => t.key)
    // "And the Complete Care one?" after the Powertrain plan's price: the plan named replaces
    // the one before; what was asked of it (a service contract) stays.
    const replaced = cue && !pointing && own.length > 0
    result.borrowed = previous.terms.filter(
      (key) => !own.some((mine) => siblings(mine, key)) && (!replaced || key.startsWith('#')),
    )
    // "and brake pads?" after "how much is the CVT service?" asks a price too; "do I get that
    // back?" asks something else.
    if (cue && words.length <= 5) result.answerType ??= previous.answerType ?? null
    if (result.clauses.length === 1) result.clauses[0]!.answerType ??= result.answerType
    result.followUp = true
  }
  return result
}

// Concepts of one kind: a follow-up naming one replaces another of its kind.
const KINDS: readonly (readonly string[])[] = [
  ['new', 'used', 'certified'],
  ['suv', 'truck', 'sedan', 'coupe', 'convertible', 'hatchback', 'wagon', 'minivan', 'van'],
  ['awd', '4wd', 'fwd', 'rwd'],
  ['hybrid', 'electric', 'plug-in hybrid', 'diesel', 'gas'],
  ['sales', 'service', 'parts', 'finance', 'collision'],
].map((kind) => kind.map((concept) => `#${concept.replace(/\s+/g, '_')}`))

function siblings(a: string, b: string): boolean {
  return a !== b && KINDS.some((kind) => kind.includes(a) && kind.includes(b))
}
