import { LRUCache } from 'lru-cache'
import { analyze, conceptKey, type Term, termKeys } from '../../language/analyze.ts'
import { detectLanguage } from '../../language/detect.ts'
import { fold } from '../../language/fold.ts'
import { ENGLISH, type Language } from '../../language/language.ts'
import type { AnswerType } from '../../language/pack.ts'
import type { Passage } from '../../providers/llm/index.ts'
import { answers } from './answer-types.ts'
import type { Composed } from './composed.ts'
import { offerEnd } from './expiry.ts'
import { sectionLabel, splitUnits, type Unit } from './passage-units.ts'
import { reply } from './replies.ts'

/** A unit of a passage with its terms. */
interface AnalyzedUnit {
  unit: Unit
  terms: ReadonlySet<string>
  section: ReadonlySet<string>
  /** A question an FAQ asks ("Q: Do I need an appointment?"): its answer follows it. */
  question: boolean
}

interface AnalyzedPassage {
  passage: Passage
  units: AnalyzedUnit[]
  heading: ReadonlySet<string>
  /** The last part of its heading path ("Warranty › Certified" → "Certified"). */
  label: ReadonlySet<string>
  title: ReadonlySet<string>
  /** Every term of the passage. */
  all: ReadonlySet<string>
  language: string
  /** Whether its own heading is a question ("Can I return my car?"). */
  asks: boolean
}

// Passages are the same few hundred chunks asked about again and again.
const analyzed = new LRUCache<string, AnalyzedPassage>({ max: 20_000 })

function keysOf(text: string, language: string | null): ReadonlySet<string> {
  return new Set(termKeys(analyze(text, language)))
}

const FAQ_QUESTION = /^(?:q(?:uestion)?\s*[:.)-]|p(?:regunta)?\s*[:.)-])|\?\s*$/i
const FAQ_ANSWER = /^(?:a(?:nswer)?|r(?:espuesta)?)\s*[:.)-]\s*/i

/** The dealership's name as it may be written in its documents: "Adam's Auto Sales". */
function namePattern(name: string | undefined): RegExp | null {
  const words = (name ?? '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  if (words.length < 2) return null
  return new RegExp(`\\b${words.join('[^\\p{L}\\p{N}]{1,3}')}\\b`, 'giu')
}

function analyzePassage(passage: Passage, name?: string): AnalyzedPassage {
  const cacheKey = `${passage.chunkId}:${passage.text.length}:${name ?? ''}`
  const cached = analyzed.get(cacheKey)
  if (cached) return cached
  const language = detectLanguage(passage.text) ?? 'en'
  const sectionTerms = new Map<string | null, ReadonlySet<string>>()
  const section = (name: string | null) => {
    let terms = sectionTerms.get(name)
    if (!terms) {
      terms = keysOf(name ?? '', language)
      sectionTerms.set(name, terms)
    }
    return terms
  }
  const label = sectionLabel(passage.heading)
  // "Adam's Auto Sales" names the dealership, not autos or sales: a line is not about them for it.
  // Its words still match ("who owns Hillside Auto Outlet?"); the concepts they'd stand for do not.
  const ownName = namePattern(name)
  const nameWords = [...keysOf(name ?? '', language)].filter((key) => !key.startsWith('#'))
  const unitKeys = (text: string): ReadonlySet<string> => {
    if (!ownName?.test(text)) return keysOf(text, language)
    ownName.lastIndex = 0
    return new Set([...keysOf(text.replace(ownName, ' '), language), ...nameWords])
  }
  const units: AnalyzedUnit[] = splitUnits(passage.text).map((unit) => ({
    unit: { ...unit, text: unit.text.replace(FAQ_ANSWER, '') },
    terms: unitKeys(unit.text),
    section: section(unit.section),
    question: FAQ_QUESTION.test(unit.text),
  }))
  // A heading that states something ("Synthetic Oil Change — $69.95") is quotable too; its
  // section number ("5. Deposits") is not something.
  if (label && /\d/.test(label.replace(/^\s*\d+(?:\.\d+)*[.)]?\s+/, ''))) {
    units.unshift({
      unit: { text: label, kind: 'heading', position: -1, section: null },
      terms: keysOf(label, language),
      section: new Set(),
      question: false,
    })
  }
  const heading = keysOf(passage.heading ?? '', language)
  const title = keysOf(passage.title, language)
  const all = new Set([...heading, ...title, ...units.flatMap((u) => [...u.terms])])
  const result = {
    passage,
    units,
    heading,
    label: keysOf(label ?? '', language),
    title,
    all,
    language,
    asks: label?.includes('?') ?? false,
  }
  analyzed.set(cacheKey, result)
  return result
}

// A term matched through its word alone, not its concept, is weaker evidence.
const ALTERNATIVE = 0.7
// Words every dealership document is about: they tell passages apart poorly.
const GENERIC = new Set(
  [
    'vehicle',
    'price',
    'new',
    'used',
    'sales',
    'service',
    'hours',
    'finance',
    'phone',
    'email',
    'dealership',
    // "Does it come with…", "what's included": how a question asks, rarely what about.
    'included',
  ].map(conceptKey),
)

/** How well a set of terms covers a question's term: 1, less through its words only, or 0. */
function match(term: Term, terms: ReadonlySet<string>): number {
  if (terms.has(term.key)) return 1
  if (term.alternatives.length === 0) return 0
  // A phrase ("car wash") counts through its words only when all of them are there.
  if (term.length > 1) {
    // …or through any concept it stands for ("the weekend": Saturday or Sunday).
    if (term.alternatives.some((a) => a.startsWith('#') && terms.has(a))) return ALTERNATIVE
    // A phrase of one content word ("give me a *car*") is not met by that word alone.
    const stems = term.alternatives.filter((a) => !a.startsWith('~') && !a.startsWith('#'))
    return stems.length > 1 && stems.every((a) => terms.has(a)) ? ALTERNATIVE : 0
  }
  return term.alternatives.some((a) => terms.has(a)) ? ALTERNATIVE : 0
}

/** What a passage answer is read against, besides the question's terms. */
export interface PassageOptions {
  /** The kind of answer asked for ("how much": money). */
  answerType?: AnswerType | null
  /** Told why, step by step. */
  trace?: ((line: string) => void) | undefined
  /** The dealership's staff: who a "who…?" question is answered with. */
  people?: readonly string[]
  /**
   * Whether any of the dealership's documents mentions a term (retrieved or not): a word none of
   * them uses ("dog", "tint") means the question is about something else; one they use elsewhere
   * is merely not in the passages retrieved ("website").
   */
  mentionedAnywhere?: ((term: Term) => boolean) | undefined
  /** Whether the question supposes a case ("if I…", "when I…"): lines that do are no worse. */
  conditional?: boolean
  /** Today in the dealership's time zone (`YYYY-MM-DD`): an offer that ended says so. */
  today?: string | undefined
  /** What the conversation's last answer said: a follow-up is not answered with it again. */
  said?: string | undefined
  /** The share of the question's weight a line must cover (MIN_COVERAGE unless said). */
  minCoverage?: number | undefined
  /** The dealership's name, whose words ("Auto", "Sales") say nothing of what a line is about. */
  dealershipName?: string | undefined
}

/** The question's terms that carry its meaning, with how much each counts. */
interface WeightedTerms {
  terms: Term[]
  weights: number[]
  /** Whether the question itself supposes a case ("if my payment is late…"). */
  conditional: boolean
}

/**
 * Weights for a question's terms from the passages retrieved for it: a term few passages have
 * tells more than one most of them have; a term none has counts in full against every answer.
 */
function weigh(
  all: readonly Term[],
  passages: readonly AnalyzedPassage[],
  language: Language,
  mentionedAnywhere?: (term: Term) => boolean,
): WeightedTerms {
  // "regret it… bring it back… refund": one concept said three ways counts once.
  const terms = all.filter((term, i) => all.findIndex((t) => t.key === term.key) === i)
  const n = Math.max(passages.length, 1)
  // A question in another language than most passages: its words that no list translates are
  // missing from them by language, not by subject, and count for little.
  const foreign = passages.filter((p) => p.language !== language.code).length > n / 2
  // Words lent by the question before count for less, unless the question has none of its own
  // ("when does that end?").
  const own = terms.filter((t) => t.start >= 0).length
  const weights = terms.map((term) => {
    const df = passages.filter((p) => match(term, p.all) > 0).length
    const elsewhere = df === 0 && term.concept === null && mentionedAnywhere?.(term)
    // A verb or adjective no passage has is how the visitor put it ("figure out", "regular"); a
    // noun is what they ask about ("dog", "tint").
    const phrasing = term.wordClass === 'verb' || term.wordClass === 'modifier'
    const rarity =
      df === 0
        ? (foreign && term.concept === null) || elsewhere
          ? 0.3
          : phrasing
            ? 0.6
            : 1.5
        : 1 + Math.log(n / df)
    const borrowed = term.start < 0 && own > 0 ? 0.4 : 1
    // "policy", "program": how the question is framed, not what it is about.
    const generic =
      GENERIC.has(term.key) || language.frame.has(term.key) || ENGLISH.frame.has(term.key)
    // A verb tells less than the nouns it goes with ("give me a car to *drive*").
    const verb = term.wordClass === 'verb' ? 0.6 : 1
    return (generic ? rarity * 0.4 : rarity) * borrowed * verb
  })
  // Words lent by the question before never outweigh half the question's own.
  const ownWeight = weights.reduce((sum, w, i) => sum + (terms[i]!.start >= 0 ? w : 0), 0)
  const lentWeight = weights.reduce((sum, w, i) => sum + (terms[i]!.start < 0 ? w : 0), 0)
  if (ownWeight > 0 && lentWeight > ownWeight * 0.5) {
    const scale = (ownWeight * 0.5) / lentWeight
    weights.forEach((w, i) => {
      if (terms[i]!.start < 0) weights[i] = w * scale
    })
  }
  return { terms: [...terms], weights, conditional: false }
}

interface Scored {
  passage: AnalyzedPassage
  index: number
  unit: AnalyzedUnit
  /** Weight of each question term it covers. */
  covered: number[]
  score: number
}

function scoreUnit(question: WeightedTerms, passage: AnalyzedPassage, index: number): Scored {
  const unit = passage.units[index]!
  const covered = question.terms.map((term, i) => {
    const best = Math.max(
      match(term, unit.terms),
      0.8 * match(term, unit.section),
      0.8 * match(term, passage.heading),
      0.4 * match(term, passage.title),
    )
    return best * question.weights[i]!
  })
  // Between equal matches: the one under a heading about the question (an FAQ's question), and
  // the one in the visitor's own words ("doc fee", not only "fee"), go first.
  // How much of the question the heading over it says: "Online trade-in estimate" for "what is
  // my trade-in worth?" more than "Paying off an existing loan".
  const headed =
    question.terms.filter(
      (term) => match(term, passage.heading) > 0 || match(term, unit.section) > 0,
    ).length / Math.max(question.terms.length, 1)
  const worded = question.terms.filter((t) => inOwnWords(t, unit.terms)).length
  // An FAQ's question asked again is the surest match; a line that states something (a figure)
  // answers more than one that talks around it.
  const asked =
    unit.question && index + 1 < passage.units.length && !passage.units[index + 1]!.question
  const states = /\d/.test(unit.unit.text)
  const asks = passage.asks || (unit.unit.section?.includes('?') ?? false)
  // "When your trade-in is worth more than the payoff, …": a condition, not what something is.
  const conditional = CONDITIONAL.test(unit.unit.text)
  // "See our Warranty & Policies sheet for…": it points at the answer rather than gives it.
  const pointer = POINTER.test(unit.unit.text)
  const score =
    covered.reduce((a, b) => a + b, 0) +
    0.02 * passage.passage.similarity +
    // A heading that asks ("What is my car worth?") is an FAQ's question: what is under it answers.
    (asks ? 0.08 : 0.04) * headed +
    // ...and one asking the visitor's very question ("What is my car worth?") first of all.
    (asks && headed === 1 && question.terms.length > 1 ? 0.1 : 0) -
    (conditional && !question.conditional ? 0.08 : 0) -
    (pointer ? 0.08 : 0) +
    0.03 * Math.min(worded, 3) +
    (asked ? 0.05 : 0) +
    (states ? 0.02 : 0)
  return { passage, index, unit, covered, score }
}

const CONDITIONAL = /^(?:if|when|unless|in case|si|cuando|en caso)\b/i
const POINTER = /^(?:see|refer to|check out|consult|vea|consulte|revise)\b/i

/** Whether a unit has a term in the visitor's own words: every word of a phrase ("doc fee"). */
function inOwnWords(term: Term, terms: ReadonlySet<string>): boolean {
  const words = term.alternatives.filter((a) => !a.startsWith('~'))
  if (words.length === 0) return false
  return term.length > 1 ? words.every((a) => terms.has(a)) : words.some((a) => terms.has(a))
}

// A unit must cover this share of the question's weight to be an answer.
const MIN_COVERAGE = 0.45
// Past this share of the question's weight in words no passage has, nothing here answers it.
const MAX_UNFOUND = 0.2
// ...and the question's most telling term, in itself or under its heading, at least this well.
const MIN_ANCHOR = 0.55
const MAX_UNITS = 3
// A dollar amount; and one that is a price, not a discount ("$30 off").
const AMOUNT = /\$\s?\d/
const PRICE = /\$\s?\d[\d,.]*(?!\s*off\b)(?![\d,.])/i
const MAX_CHARS = 700

/**
 * The units that answer with a unit: itself, or, for an FAQ question, the answer after it; and,
 * when the question wants an amount or a time the unit lacks, the next lines of the same
 * section that hold it (a table read from a PDF puts a price on the line after its service).
 */
function answerUnits(
  candidate: Scored,
  answerType: AnswerType | null,
  holds: (text: string, type: AnswerType) => boolean,
): AnalyzedUnit[] | null {
  const units = candidate.passage.units
  let start = candidate.index
  // "Who handles approvals?": a staff list names the person a line or two above what they do.
  if (answerType === 'person' && !holds(candidate.unit.unit.text, 'person')) {
    for (let i = start - 1; i >= Math.max(0, start - 3); i--) {
      const before = units[i]!
      if (before.unit.section !== candidate.unit.unit.section) break
      if (holds(before.unit.text, 'person')) return units.slice(i, start + 1)
    }
    return null
  }
  if (candidate.unit.question) {
    const next = units[start + 1]
    if (!next || next.question) return null
    start += 1
    // An FAQ answered with a list: its items; with a few sentences ("Yes. The law requires…
    // If you finance, the bank requires full coverage."): those.
    const answer =
      next.unit.kind === 'item'
        ? listAfter(units, candidate.index)
        : answerAfter(units, candidate.index)
    if (!answerType) return answer
    // "How long does an oil change take?" under "Do I need an appointment for an oil change?":
    // from the sentence that says how long; a list stays whole.
    const at = answer.findIndex((u) => holds(u.unit.text, answerType))
    if (at === -1) return null
    return next.unit.kind === 'item' ? answer : answer.slice(at)
  }
  const picked = [units[start]!]
  const card = cardAt(units, start)
  if (!answerType || holds(picked[0]!.unit.text, answerType))
    return card ?? withList(units, start, inAnswer(units, start, picked))
  // Only a label (a heading, a table row's name) continues on the next lines; a sentence that
  // lacks the answer is not the answer.
  const label =
    picked[0]!.unit.kind === 'heading' ||
    (picked[0]!.unit.text.length < 60 && !/[.!?]$/.test(picked[0]!.unit.text))
  if (!label) {
    // "…come with our Limited Warranty at no extra charge:" with the terms in the list under it.
    if (!/:\s*$/.test(picked[0]!.unit.text)) return null
    const list = listAfter(units, start)
    return list.some((item) => holds(item.unit.text, answerType)) ? [...picked, ...list] : null
  }
  for (let i = start + 1; i < Math.min(units.length, start + 3); i++) {
    const next = units[i]!
    if (next.question || next.unit.section !== picked[0]!.unit.section) break
    picked.push(next)
    if (holds(next.unit.text, answerType)) return card ?? withList(units, i, picked)
  }
  return null
}

const CARD_LINES = 6
const CARD_CHARS = 400

/**
 * A heading with a few short lines under it and nothing else, as a vehicle's card on a deals
 * page ("2017 Ford F-150 XLT" / "Stock #HA1247 · 103,600 mi" / "Was $26,995" / "NOW $24,995"):
 * read whole, as its lines mean little apart. Null for anything else.
 */
function cardAt(units: readonly AnalyzedUnit[], index: number): AnalyzedUnit[] | null {
  const heading = units[index]!
  if (heading.unit.kind !== 'heading') return null
  const lines: AnalyzedUnit[] = []
  let length = 0
  for (let i = index + 1; i < units.length; i++) {
    const next = units[i]!
    if (next.unit.section !== heading.unit.section || next.unit.kind === 'heading') break
    if (next.unit.kind !== 'item' || next.question || lines.length === CARD_LINES) return null
    length += next.unit.text.length
    if (length > CARD_CHARS) return null
    lines.push(next)
  }
  return lines.length > 1 ? [heading, ...lines] : null
}

const LIST_ITEMS = 6

/**
 * A line that introduces a list ("Requirements:", "Most used vehicles include our warranty:")
 * says nothing without it: the list's items follow it into the answer.
 */
function withList(
  units: readonly AnalyzedUnit[],
  last: number,
  picked: AnalyzedUnit[],
): AnalyzedUnit[] {
  if (!/:\s*$/.test(units[last]!.unit.text)) return picked
  return [...picked, ...listAfter(units, last)]
}

/**
 * A sentence of an FAQ's answer ("Yes, we sell to buyers from Kentucky." under "Can I buy from
 * out of state?") is read with the rest of that answer: it was written to be read whole.
 */
function inAnswer(
  units: readonly AnalyzedUnit[],
  index: number,
  picked: AnalyzedUnit[],
): AnalyzedUnit[] {
  const unit = units[index]!
  if (unit.unit.kind !== 'sentence') return picked
  let first = index
  while (
    first > 0 &&
    !units[first - 1]!.question &&
    units[first - 1]!.unit.section === unit.unit.section
  )
    first--
  const question = units[first - 1]
  if (!question?.question || question.unit.section !== unit.unit.section) return picked
  const answer = answerAfter(units, first - 1)
  const at = answer.indexOf(unit)
  return at === -1 ? picked : answer.slice(at)
}

// Words asking how something is done (their stems, as the packs' stemmers make them).
const PROCESS = new Set(['process', 'procedur', 'step', 'proceso', 'procedimiento', 'paso'])

/** A sentence and the ones after it in its section: how something is done, step by step. */
function stepsFrom(units: readonly AnalyzedUnit[], index: number): AnalyzedUnit[] {
  const first = units[index]!
  const steps = [first]
  let length = first.unit.text.length
  for (let i = index + 1; i < units.length && steps.length < FAQ_SENTENCES; i++) {
    const next = units[i]!
    if (next.question || next.unit.section !== first.unit.section || next.unit.kind === 'heading')
      break
    length += next.unit.text.length
    if (length > FAQ_CHARS) break
    steps.push(next)
  }
  return steps
}

const FAQ_SENTENCES = 3
const FAQ_CHARS = 400

/** The sentences answering an FAQ's question: up to the next question, as many as read well. */
function answerAfter(units: readonly AnalyzedUnit[], index: number): AnalyzedUnit[] {
  const section = units[index]!.unit.section
  const answer: AnalyzedUnit[] = []
  let length = 0
  for (let i = index + 1; i < units.length && answer.length < FAQ_SENTENCES; i++) {
    const next = units[i]!
    if (next.question || next.unit.section !== section || next.unit.kind === 'heading') break
    length += next.unit.text.length
    if (answer.length > 0 && length > FAQ_CHARS) break
    answer.push(next)
  }
  return answer
}

/**
 * The end date stated for the offer a quoted line names: in it or in the lines under it, up to
 * the next offer's name ("Holiday Oil Change — $54.95" starts another).
 */
function offerAfter(
  best: Scored,
  today: string,
  passages: readonly AnalyzedPassage[],
): { unit: AnalyzedUnit; end: NonNullable<ReturnType<typeof offerEnd>> } | undefined {
  const units = best.passage.units
  const section = best.unit.unit.section
  for (let i = best.index; i < Math.min(units.length, best.index + 4); i++) {
    const unit = units[i]!
    if (unit.unit.section !== section) break
    const named =
      unit.unit.kind === 'heading' || (unit.unit.text.length < 70 && !/[.!?]$/.test(unit.unit.text))
    if (i > best.index && named && AMOUNT.test(unit.unit.text)) break
    const end = offerEnd(unit.unit.text, today)
    if (end) return { unit, end }
  }
  // A page of offers that dates them all at once ("Sale prices good through Saturday, December
  // 12 unless noted"): a line of the same document that names no offer of its own (no price, not
  // under a priced heading such as "Winter Detail Special: $159 … Book by December 20").
  for (const other of passages) {
    if (other.passage.documentId !== best.passage.passage.documentId) continue
    if (AMOUNT.test(other.passage.heading ?? '')) continue
    for (const unit of other.units) {
      if (unit.unit.kind === 'heading' || AMOUNT.test(unit.unit.text)) continue
      const end = offerEnd(unit.unit.text, today)
      if (end) return { unit, end }
    }
  }
  return undefined
}

/** The list items right after a unit, in its section, as many as fit. */
function listAfter(units: readonly AnalyzedUnit[], index: number): AnalyzedUnit[] {
  const section = units[index]!.unit.section
  const items: AnalyzedUnit[] = []
  let length = 0
  for (let i = index + 1; i < units.length && items.length < LIST_ITEMS; i++) {
    const next = units[i]!
    if (next.unit.kind !== 'item' || next.question || next.unit.section !== section) break
    length += next.unit.text.length
    if (length > MAX_CHARS) break
    items.push(next)
  }
  return items
}

/**
 * Answers from passages: the sentence or list line that best covers what the question asks (its
 * most telling words at least) and holds the kind of answer it asks for ("how much": an amount),
 * first; then, for a question of several parts, the lines covering the parts still open. Quotes
 * whole units, never a truncated fact; an FAQ's question is answered with the answer below it.
 * Null when no line answers the question: the caller says so honestly rather than quoting
 * something unrelated.
 *
 * @example
 * ```ts
 * passageAnswer(understanding.rest, passages, ENGLISH, 'money')?.lead // ['Synthetic Oil Change — $69.95']
 * ```
 */
export function passageAnswer(
  questionTerms: readonly Term[],
  passages: readonly Passage[],
  language: Language,
  options: PassageOptions = {},
): Composed | null {
  const {
    answerType = null,
    trace,
    people = [],
    mentionedAnywhere,
    said,
    minCoverage = MIN_COVERAGE,
  } = options
  const holds = (text: string, type: AnswerType) =>
    type === 'person' && people.length > 0 ? names(text, people) : answers(text, type)
  const meaningful = questionTerms.filter((t) => t.key.length > 1)
  if (meaningful.length === 0 || passages.length === 0) return null
  const analyzedPassages = passages.map((p) => analyzePassage(p, options.dealershipName))
  const question = {
    ...weigh(meaningful, analyzedPassages, language, mentionedAnywhere),
    conditional: options.conditional ?? false,
  }
  const total = question.weights.reduce((a, b) => a + b, 0)
  // The anchor: the most telling term that some passage has. A word no passage has (a
  // paraphrase's, or the thing the dealership does not do) counts against coverage instead.
  const found = question.terms.map((term) => analyzedPassages.some((p) => match(term, p.all) > 0))
  if (!found.some(Boolean)) return null
  // Something asked about that no passage mentions ("window tint" where only windows are):
  // the passages are about something else.
  // ("What's the trade-in *process*?": a word that frames the question is no subject of its own.)
  const framing = (term: Term) =>
    GENERIC.has(term.key) || language.frame.has(term.key) || ENGLISH.frame.has(term.key)
  const unfound = question.weights.reduce(
    (sum, w, i) =>
      sum + (found[i] || question.terms[i]!.start < 0 || framing(question.terms[i]!) ? 0 : w),
    0,
  )
  if (unfound > total * MAX_UNFOUND) {
    trace?.(
      `declined: ${question.terms
        .filter((_, i) => !found[i])
        .map((t) => t.key)
        .join(', ')} in no passage`,
    )
    return null
  }
  // Among terms some passage has, the question's own come before borrowed ones, and a topic the
  // packs know ("brakes") before a plain word ("charge").
  const rank = (i: number) =>
    question.weights[i]! +
    (question.terms[i]!.start >= 0 ? 100 : 0) +
    (question.terms[i]!.concept !== null && !GENERIC.has(question.terms[i]!.key) ? 10 : 0)
  const anchor = question.weights.reduce(
    (best, _, i) => (found[i] && (best === -1 || rank(i) > rank(best)) ? i : best),
    -1,
  )
  const anchorWeight = question.weights[anchor]!
  trace?.(
    `terms ${question.terms.map((t, i) => `${t.key}${found[i] ? '' : '∅'}=${question.weights[i]!.toFixed(2)}`).join(' ')}; anchor ${question.terms[anchor]?.key}; type ${answerType}`,
  )
  const all = analyzedPassages.flatMap((p) => p.units.map((_, i) => scoreUnit(question, p, i)))
  if (trace) {
    for (const c of [...all].sort((a, b) => b.score - a.score).slice(0, 5)) {
      trace(
        `  ${(c.score / total).toFixed(2)} [${c.covered.map((x) => x.toFixed(2)).join(',')}] anchor=${(c.covered[anchor]! / anchorWeight).toFixed(2)} ${c.passage.passage.title} | ${c.unit.unit.text.slice(0, 100)}`,
      )
    }
  }
  // "an EV charger", "a brake job": two words naming one thing. When the dealership's documents
  // never use the last (the thing itself), a line with only the first is about something else.
  const heads = headsNeverMentioned(question.terms, found, framing)
  // Borrowed words (a follow-up's) rank answers but the question's own must be covered.
  const ownIndexes = question.terms.map((t, i) => (t.start >= 0 ? i : -1)).filter((i) => i >= 0)
  const ownTotal = ownIndexes.reduce((sum, i) => sum + question.weights[i]!, 0)
  const ownScore = (s: Scored) => ownIndexes.reduce((sum, i) => sum + s.covered[i]!, 0)
  const candidates = all
    .filter(
      (s) =>
        (ownTotal > 0 ? ownScore(s) >= ownTotal * minCoverage : s.score >= total * minCoverage) &&
        s.covered[anchor]! >= anchorWeight * MIN_ANCHOR &&
        !heads.some(([modifier]) => s.covered[modifier]! > 0) &&
        !(said && s.unit.unit.text.length > 20 && said.includes(s.unit.unit.text)),
    )
    .sort((a, b) => b.score - a.score)
  // "What about the certified ones?" after a question about used cars' warranty: a line about
  // certified cars that says nothing of a warranty answers something else. The topic carried
  // over (the heaviest borrowed word some line has) must be there, when some line has it.
  const borrowedIndexes = question.terms.map((t, i) =>
    t.start < 0 && found[i] && !framing(t) ? i : -1,
  )
  const topic = borrowedIndexes.reduce(
    (best, i) =>
      i >= 0 && (best === -1 || question.weights[i]! > question.weights[best]!) ? i : best,
    -1,
  )
  if (ownTotal > 0 && topic >= 0) {
    const term = question.terms[topic]!
    // In the line or its heading: a document's title ("Warranty Information") is not enough.
    const onTopic = candidates.filter(
      (s) =>
        match(term, s.unit.terms) > 0 ||
        match(term, s.unit.section) > 0 ||
        match(term, s.passage.label) > 0,
    )
    if (onTopic.length > 0) candidates.splice(0, candidates.length, ...onTopic)
  }
  let best: Scored | undefined
  let bestUnits: AnalyzedUnit[] | null = null
  const top = candidates[0]?.score ?? 0
  // "How much": a price beats "$30 off" and "free with…", when a line nearly as good states one.
  const tiers: ('price' | AnswerType | null)[] =
    answerType === 'money' ? ['price', 'money', null] : [answerType]
  for (const tier of tiers) {
    for (const candidate of candidates) {
      if (candidate.score < top * (tier === 'money' || tier === 'price' ? 0.8 : 0.5)) break
      const units = answerUnits(candidate, answerType, holds)
      if (!units) continue
      if (tier === 'price' && !units.some((u) => PRICE.test(u.unit.text))) continue
      if (tier === 'money' && !units.some((u) => AMOUNT.test(u.unit.text))) continue
      best = candidate
      bestUnits = units
      break
    }
    if (best) break
  }
  if (!best || !bestUnits) return null
  // "What's the trade-in process?", "how does it work": the steps, not only the first.
  if (bestUnits.length === 1 && question.terms.some((t) => PROCESS.has(t.key))) {
    bestUnits = stepsFrom(best.passage.units, best.index)
  }
  const picks: { scored: Scored; units: AnalyzedUnit[] }[] = [{ scored: best, units: bestUnits }]
  const open = best.covered.map((c, i) => c < question.weights[i]! * 0.5)
  let length = bestUnits.reduce((n, u) => n + u.unit.text.length, 0)
  const used = new Set(bestUnits.map((u) => u.unit.text))
  // Further parts: lines covering what is still open, or, within the best line's section, lines
  // nearly as good as it ("what's included" under a price).
  for (const candidate of candidates) {
    if (picks.length >= MAX_UNITS) break
    if (used.has(candidate.unit.unit.text) || candidate.unit.question) continue
    const fillsGap = candidate.covered.some(
      (c, i) =>
        open[i] && c >= question.weights[i]! * 0.7 && question.weights[i]! >= anchorWeight * 0.5,
    )
    const sameSection =
      candidate.passage === best.passage &&
      candidate.unit.unit.section === best.unit.unit.section &&
      candidate.score >= best.score * 0.85
    if (!fillsGap && !sameSection) continue
    if (length + candidate.unit.unit.text.length > MAX_CHARS) break
    // A lead-in ("Most used vehicles include our warranty:") brings the first of its items.
    const list = /:\s*$/.test(candidate.unit.unit.text)
      ? listAfter(candidate.passage.units, candidate.index)
          .filter((u) => !used.has(u.unit.text))
          .slice(0, 3)
      : []
    const units = [candidate.unit, ...list]
    const added = units.reduce((n, u) => n + u.unit.text.length, 0)
    if (length + added > MAX_CHARS) break
    picks.push({ scored: candidate, units })
    for (const u of units) used.add(u.unit.text)
    length += added
    candidate.covered.forEach((c, i) => {
      if (c >= question.weights[i]! * 0.5) open[i] = false
    })
  }
  // An offer's end date under the line quoted: said when it has passed, quoted when asked when.
  const today = options.today
  const ending = today ? offerAfter(best, today, analyzedPassages) : undefined
  let ended: string | null = null
  if (ending?.end && today) {
    if (ending.end.date < today) ended = reply(language, 'offerEnded', { date: ending.end.text })
    else if (answerType === 'when' && !used.has(ending.unit.unit.text)) {
      picks.push({ scored: best, units: [ending.unit] })
    }
  }
  const lines = picks.flatMap(({ units }) => units.map((u) => u.unit))
  const text = (unit: Unit) => unit.text.replace(/\s*:\s*$/, '')
  const foreign = language.code !== best.passage.language
  const first = text(lines[0]!)
  const lead = foreign
    ? [`${reply(language, 'passageLead', { source: best.passage.passage.title })} ${first}`]
    : [first]
  const saysSo = /\b(?:ended|expired|termino|vencio|vencid[oa])\b/i.test(
    fold(lines.map((l) => l.text).join(' ')),
  )
  if (ended && !saysSo) lead.push(ended)
  return {
    lead,
    details: lines.slice(1).map((unit) => (unit.kind === 'item' ? `- ${text(unit)}` : text(unit))),
    sources: [],
    chunkIds: citedChunks(
      picks.map((p) => p.scored.passage),
      lines,
      analyzedPassages,
    ),
    context: {
      topic: 'passages',
      terms: questionTerms.filter((t) => t.start >= 0).map((t) => t.key),
    },
  }
}

/**
 * Pairs of neighbouring words of the question whose second (the noun a compound names) no
 * passage has: their first word alone matches the wrong thing ("brake job" is not "brake light").
 * Only where a tagger read the question: word order differs by language ("ingreso mínimo" is
 * income, not a kind of minimum).
 */
function headsNeverMentioned(
  terms: readonly Term[],
  found: readonly boolean[],
  framing: (term: Term) => boolean,
): [number, number][] {
  const pairs: [number, number][] = []
  for (let i = 0; i + 1 < terms.length; i++) {
    const [first, second] = [terms[i]!, terms[i + 1]!]
    if (first.start < 0 || second.start !== first.start + first.length) continue
    // ("the trade-in *process*" frames the question; it is not a kind of trade-in.)
    if (
      !found[i + 1] &&
      second.concept === null &&
      second.wordClass === 'noun' &&
      !framing(second)
    ) {
      pairs.push([i, i + 1])
    }
  }
  return pairs
}

/** Whether a text names one of the people (in full, or by a first name). */
function names(text: string, people: readonly string[]): boolean {
  return people.some((name) => {
    const [first] = name.split(/\s+/)
    return (
      text.includes(name) ||
      (first !== undefined && first.length >= 3 && new RegExp(`\\b${first}\\b`).test(text))
    )
  })
}

/** Whether any of the passages mentions a question's term (in itself, its heading or title). */
export function mentioned(term: Term, passages: readonly Passage[]): boolean {
  return passages.some((passage) => match(term, analyzePassage(passage).all) > 0)
}

/**
 * The passages an answer cites: those it quotes, and those that state the same facts (the
 * amounts, times and figures it quotes), so the document a visitor would check is among them.
 */
function citedChunks(
  quoted: readonly AnalyzedPassage[],
  lines: readonly Unit[],
  passages: readonly AnalyzedPassage[],
): string[] {
  const ids = [...new Set(quoted.map((p) => p.passage.chunkId))]
  // The figures of the answer's first line: what a visitor would check.
  const figures = lines
    .slice(0, 1)
    .flatMap((line) => line.text.match(/\$?\d[\d,.:/]*\d(?:\s?%)?|\$\d/g) ?? [])
  if (figures.length === 0) return [...new Set(ids)]
  for (const passage of passages) {
    if (ids.length >= 3) break
    if (ids.includes(passage.passage.chunkId)) continue
    if (figures.every((f) => passage.passage.text.includes(f))) ids.push(passage.passage.chunkId)
  }
  return [...new Set(ids)]
}
