import type { PageContext, StaffMember } from '@avataradam/sdk/protocol'
import { conceptKey, type Term } from '../../language/analyze.ts'
import { DAY_CONCEPTS, ENGLISH } from '../../language/language.ts'
import type { Speller } from '../../language/spelling.ts'
import { contactIntent } from './contact-intent.ts'
import { readFactRequests } from './facts.ts'
import { resolveFollowUp } from './follow-up.ts'
import { type Message, readMessage } from './message.ts'
import { asksWhen, Consumed, findAll, hasAny } from './spans.ts'
import type { AnswerContext, Understanding } from './types.ts'
import type { VehicleNames } from './vehicle-names.ts'
import { readVehicleRequest } from './vehicles.ts'

/** A turn of the conversation so far, as the reader sees it. */
export interface HistoryTurn {
  role: 'visitor' | 'assistant'
  text: string
  /** On assistant turns: what the answer was about (stored with it). */
  context?: AnswerContext | null | undefined
}

/** What a message is read against: the dealership's words, staff and inventory names. */
export interface ReaderKnowledge {
  staff: readonly StaffMember[]
  names: VehicleNames
  speller?: Speller | undefined
  /** The dealership's languages, first the default (its widget's). */
  languages: readonly string[]
}

export interface UnderstandInput {
  text: string
  /** Oldest first. */
  history: readonly HistoryTurn[]
  page: PageContext | null | undefined
  knowledge: ReaderKnowledge
}

/**
 * Reads what a visitor's message asks, against the conversation and the page: its language;
 * small talk, a yes or no to an offer, a request for a person; the facts it asks for; what it
 * asks of the inventory or of a vehicle; the words left for passages to answer; and, for a
 * message that leans on earlier turns ("and on Sunday?", "the blue one", "his extension"), what
 * it means in full. The embedded answerer and the model's context both start from this.
 *
 * @example
 * ```ts
 * understand({ text: 'and on sunday?', history, page: null, knowledge }).facts
 * // [{ kind: 'hours', department: 'sales', days: ['sun'], … }]
 * ```
 */
export function understand(input: UnderstandInput): Understanding {
  const { history, knowledge } = input
  const previous = [...history].reverse().find((turn) => turn.role === 'assistant')?.context ?? null
  const message = readMessage(input.text, {
    fallbackLanguage: previous?.language ?? knowledge.languages[0] ?? 'en',
    languages: undefined,
    speller: knowledge.speller,
  })
  const { words, language } = message
  const used = new Consumed()
  // "Yes thanks" after the offer of a person is a yes, not thanks.
  const reply = previous?.handoffOffered ? readReply(message) : null
  const smallTalk = reply ? null : readSmallTalk(message)
  const person = hasAny(words, language, (l) => l.intents.person)
  for (const match of findAll(words, language, (l) => l.intents.person)) used.markMatch(match)
  const facts = smallTalk || reply ? [] : readFactRequests(message, knowledge.staff, used)
  const vehicle =
    smallTalk || reply
      ? null
      : readVehicleRequest(
          message,
          {
            names: knowledge.names,
            pageVehicle: Boolean(input.page?.vehicle?.stockNumber || input.page?.vehicle?.vin),
            listed: previous?.listed ?? [],
            focus: previous?.focus ?? [],
          },
          used,
        )
  // "how much", "how long", "who": what kind of answer, not what it is about.
  const questionTypes = findAll(words, language, (l) => l.questionTypes).filter(
    (m) => m.value !== 'when' || asksWhen(message, m),
  )
  const questionType = questionTypes[0]
  for (const match of questionTypes) used.markMatch(match)
  // "how much…" is never answered by a phone number or an email address.
  if (questionType && ['money', 'duration', 'distance', 'count'].includes(questionType.value)) {
    for (let i = facts.length - 1; i >= 0; i--) {
      if (['phone', 'email', 'website'].includes(facts[i]!.kind)) facts.splice(i, 1)
    }
  }
  const own = ownCarWords(message)
  const rest = message.analysis.terms.filter((term) => !isUsed(term, used) && !own.has(term.start))
  const understanding: Understanding = {
    language,
    analysis: message.analysis,
    smallTalk,
    reply,
    person,
    contact: contactIntent(message.text) ?? contactIntent(input.text),
    facts,
    vehicle,
    // "How much is my trade-in worth?" asks for a valuation, which is a way to get one.
    answerType:
      questionType?.value === 'money' && message.analysis.concepts.has('value')
        ? null
        : (questionType?.value ?? null),
    content: message.analysis.terms.filter(
      (t) => !questionTypes.some((q) => within(t, q)) && !own.has(t.start),
    ),
    rest,
    clauses: [],
    borrowed: [],
    retrievalText: '',
    followUp: false,
    pointsAtPage:
      Boolean(input.page?.vehicle?.stockNumber || input.page?.vehicle?.vin) &&
      hasAny(words, language, (l) => l.intents.thisVehicle),
  }
  understanding.clauses = clausesOf(message, understanding.content, questionTypes)
  // What a visitor's own car is worth is a trade-in's appraisal, said so or not.
  const concepts = message.analysis.concepts
  // Searched for, not scored: the line under "What is my car worth?" answers it, whether or not
  // it says "trade-in".
  const implied = concepts.has('value') && !concepts.has('trade-in') && !vehicle ? ['trade-in'] : []
  const resolved =
    previous && !smallTalk && !reply
      ? resolveFollowUp(understanding, message, previous)
      : understanding
  resolved.retrievalText = [retrievalText(message, resolved, history), ...implied].join(' ')
  return resolved
}

// Concepts every dealership page is about.
const BROAD_CONCEPTS = new Set([
  'vehicle',
  'price',
  'new',
  'used',
  'sales',
  'service',
  'dealership',
])

const POSSESSIVE = /^(?:my|our|mi|mis|nuestro|nuestra)$/
const CONDITION_KEYS = new Set(['used', 'new', 'certified'].map((c) => conceptKey(c)))

/**
 * Where a condition describes the visitor's own car ("my *used* car", "mi carro *usado*"): not
 * something asked of the inventory or the documents, which are about used cars for sale.
 */
function ownCarWords(message: Message): Set<number> {
  const own = new Set<number>()
  const terms = message.analysis.terms
  const vehicleKey = conceptKey('vehicle')
  message.words.forEach((word, i) => {
    if (!POSSESSIVE.test(word)) return
    const car = terms.find((t) => t.key === vehicleKey && t.start > i && t.start <= i + 2)
    if (!car) return
    for (const t of terms) {
      if (CONDITION_KEYS.has(t.key) && t.start > i && t.start <= car.start + 1) own.add(t.start)
    }
  })
  return own
}

/** Whether a term lies wholly inside a span ("how much" holds "much", not "how much down"). */
function within(term: Term, span: { start: number; length: number }): boolean {
  return term.start >= span.start && term.start + term.length <= span.start + span.length
}

// The terms of days and sets of days ("#saturday", "#weekend").
const DAY_KEYS = new Set(
  [...Object.values(DAY_CONCEPTS), 'weekend', 'weekdays'].map((day) => conceptKey(day)),
)

// A part that starts with one of these states a case rather than asking.
const CONDITION = /^(?:if|si)$/

// Words of a part that point at what the part before named.
const POINTING_BACK = /^(?:that|it|this|those|these|them|ese|esa|eso|esos|esas|lo|la)$/

// Where a question of several parts splits: "and", "y", "also", or a "?" or ";" between words.
const JOINERS = /^(?:and|also|or|y|e|o|ademas|tambien)$/

/**
 * The parts of a question: split where a joining word (or a question mark) stands between
 * content on both sides, each part with the kind of answer its own words ask for.
 */
function clausesOf(
  message: Message,
  terms: readonly Term[],
  questionTypes: readonly { value: Understanding['answerType']; start: number; length: number }[],
): Understanding['clauses'] {
  const { words, analysis, text } = message
  const cuts: number[] = []
  analysis.tokens.forEach((token, i) => {
    const next = analysis.tokens[i + 1]
    const between = next ? text.slice(token.end, next.start) : ''
    // "Oil & filter" is one thing; a visitor's "and" joins two questions.
    const ampersand = text.slice(token.start, token.end) === '&'
    if ((JOINERS.test(token.text) && !ampersand) || /[?;]/.test(between))
      cuts.push(JOINERS.test(token.text) && !ampersand ? i : i + 1)
  })
  const bounds = [0, ...cuts, words.length]
  const clauses: Understanding['clauses'] = []
  // "If I buy a used truck and change my mind…": a condition is no question of its own; it
  // goes with the part it conditions.
  let condition: Term[] = []
  for (let b = 0; b < bounds.length - 1; b++) {
    const [from, to] = [bounds[b]!, bounds[b + 1]!]
    const part = [...condition, ...terms.filter((t) => t.start >= from && t.start < to)]
    condition = []
    if (CONDITION.test(words[from] ?? '') && b < bounds.length - 2) {
      condition = part
      continue
    }
    const type = questionTypes.find((q) => q.start >= from && q.start < to)?.value ?? null
    if (part.length === 0) {
      // A part with no words of its own ("and how much?") lends its kind to the one before.
      if (clauses.length > 0 && type && !clauses.at(-1)!.answerType)
        clauses.at(-1)!.answerType = type
      continue
    }
    // "…by the day? need one for a weekend move": a part that only names days is about the
    // part before it.
    const onlyDays = part.every((t) => DAY_KEYS.has(t.key))
    if (onlyDays && clauses.length > 0) {
      clauses.at(-1)!.terms.push(...part)
      continue
    }
    // "…and when does that coupon expire": the part before says which coupon; its words come
    // along, as lent ones (they rank lines; the part's own words must be there).
    const before = clauses.at(-1)
    const points = words.slice(from, to).some((w) => POINTING_BACK.test(w))
    const lent = before && points ? before.terms.map((t, i) => ({ ...t, start: -1000 - i })) : []
    clauses.push({ terms: [...part, ...lent], answerType: type })
  }
  return clauses.length > 0
    ? clauses
    : [{ terms: [...terms], answerType: questionTypes[0]?.value ?? null }]
}

function isUsed(term: Term, used: Consumed): boolean {
  for (let i = term.start; i < term.start + term.length; i++) if (!used.has(i)) return false
  return true
}

/** Pleasantries only ("hi there", "thanks so much", "ok bye"). */
function readSmallTalk(message: Message): Understanding['smallTalk'] {
  const { words, language } = message
  if (words.length === 0) return null
  const kinds = [
    ['goodbye', findAll(words, language, (l) => l.intents.goodbye)],
    ['thanks', findAll(words, language, (l) => l.intents.thanks)],
    ['greeting', findAll(words, language, (l) => l.intents.greeting)],
  ] as const
  const covered = new Set<number>()
  for (const [, matches] of kinds) {
    for (const m of matches) for (let i = m.start; i < m.start + m.length; i++) covered.add(i)
  }
  const uncovered = words.filter((word, i) => !covered.has(i) && !language.stopwords.has(word))
  if (uncovered.length > 0 || covered.size === 0) return null
  for (const [kind, matches] of kinds) if (matches.length > 0) return kind
  return null
}

/** "yes", "sure, please", "no thanks": a reply to an offer, when that is all it says. */
function readReply(message: Message): 'yes' | 'no' | null {
  const { words, language } = message
  const yes = findAll(words, language, (l) => l.intents.yes)
  const no = findAll(words, language, (l) => l.intents.no)
  const content = message.analysis.terms.filter((t) => t.concept === null).length
  if (content > 2) return null
  if (no.length > 0 && no[0]!.start === 0) return 'no'
  if (yes.length > 0) return 'yes'
  return null
}

/**
 * The text passages are retrieved with: the message as corrected, the English names of its
 * concepts (a Spanish question meets English documents), and for a follow-up about passages the
 * question it follows.
 */
function retrievalText(
  message: Message,
  understanding: Understanding,
  history: readonly HistoryTurn[],
): string {
  const parts = [message.text]
  // "Mi carro usado": the visitor's own car's condition is not what to search for.
  const own = ownCarWords(message)
  const ownConcepts = new Set(
    message.analysis.terms.filter((t) => own.has(t.start)).map((t) => t.concept),
  )
  const concepts = [...message.analysis.concepts].filter((c) => !ownConcepts.has(c))
  if (concepts.length > 0) parts.push(concepts.join(' '))
  // A question in another language meets English documents' words only through its concepts:
  // "vale" is "value", and the page says "worth" or "estimate". A few of each concept's English
  // words go along, as a translation would bring them.
  if (message.language !== ENGLISH) {
    for (const concept of concepts) {
      // "carro" is "vehicle" already: a word every page has brings nothing but noise.
      if (BROAD_CONCEPTS.has(concept)) continue
      const words = ENGLISH.pack.concepts[concept]?.filter((w) => !w.includes(' ')).slice(0, 4)
      if (words?.length) parts.push(words.join(' '))
    }
  }
  if (understanding.borrowed.length > 0) {
    const lastQuestion = [...history].reverse().find((turn) => turn.role === 'visitor')
    if (lastQuestion) parts.push(lastQuestion.text)
  }
  return parts.join(' ')
}

export type { AnswerContext, Understanding } from './types.ts'
