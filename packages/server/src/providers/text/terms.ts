import { stemmer } from 'stemmer'
import { isStopword } from './stopwords.ts'
import { phraseConcepts, synonymsOf, variantOf } from './synonyms.ts'
import { tokenize } from './tokenize.ts'

const MONEY = /^\$\d/
const NUMBER = /^\d[\d,]*(?:\.\d+)?$/
const HAS_DIGIT = /\d/
const COMPOUND_JOINERS = /[.,:]/
const PRICE = stemmer('price')
const PHONE = stemmer('phone')
const EMAIL = stemmer('email')
// A phone number or an email address answers "what's your phone/email?" without saying the word.
const PHONE_NUMBER = /(?:\(\d{3}\)\s?|\b\d{3}[-. ])\d{3}[-. ]\d{4}\b/g
const EMAIL_ADDRESS = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g
const NONE: readonly string[] = []

// Ingestion analyses millions of words, most of them repeats; the cache turns the stemmer into a
// map lookup. Cleared rather than evicted: simpler, and refilling it is cheap.
const MAX_CACHED_WORDS = 100_000
const cache = new Map<string, readonly string[]>()

/**
 * The content terms of one token: nothing for a stopword; otherwise its stem followed by the
 * concepts it stands for ("cars" → ['car', 'vehicl']). Money yields its amount and the price
 * concept; hyphenated words yield their parts and the joined word ("trade-in" → ['trade']).
 *
 * @example
 * ```ts
 * analyzeWord('financing') // ['financ']
 * analyzeWord('$27,900') // ['27900', 'price']
 * ```
 */
export function analyzeWord(token: string): readonly string[] {
  let terms = cache.get(token)
  if (terms === undefined) {
    terms = analyzeUncached(token)
    if (cache.size >= MAX_CACHED_WORDS) cache.clear()
    cache.set(token, terms)
  }
  return terms
}

function analyzeUncached(token: string): readonly string[] {
  if (MONEY.test(token)) return [token.slice(1).replaceAll(',', ''), PRICE]
  if (NUMBER.test(token)) return [token.replaceAll(',', '')]
  if (isStopword(token)) return NONE
  // "cx-5" and "trade-in" match "cx5" and "tradein"; "2.5i" and "9:00" stay whole.
  if (token.includes('-')) return analyzeCompound(token.split('-'))
  if (HAS_DIGIT.test(token)) return [token]
  if (COMPOUND_JOINERS.test(token)) return analyzeCompound(token.split(COMPOUND_JOINERS))
  // Single letters are initials and list labels, not content.
  if (token.length < 2) return NONE
  const stem = variantOf(stemmer(token))
  const synonyms = synonymsOf(stem)
  if (synonyms === undefined) return [stem]
  return synonyms.includes(stem) ? synonyms : [stem, ...synonyms]
}

function analyzeCompound(parts: string[]): readonly string[] {
  const terms = [parts.join(''), ...parts].flatMap((part) => analyzeWord(part))
  return [...new Set(terms)]
}

/**
 * All content terms of a text in reading order, concepts included: what gets hashed into an
 * embedding and what a passage is matched on.
 *
 * @example
 * ```ts
 * analyzeTerms('How much is an oil change?') // ['price', 'oil', 'chang', 'servic']
 * ```
 */
export function analyzeTerms(text: string): string[] {
  const tokens = tokenize(text)
  const terms: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    for (const term of analyzeWord(token)) terms.push(term)
    const next = tokens[i + 1]
    if (next === undefined) continue
    const phrase = phraseConcepts(token, next)
    if (phrase !== undefined) for (const term of phrase) terms.push(term)
  }
  if (text.includes('@')) for (const _ of text.matchAll(EMAIL_ADDRESS)) terms.push(EMAIL)
  for (const _ of text.matchAll(PHONE_NUMBER)) terms.push(PHONE)
  return terms
}

/** One thing a question asks about: the word's own stem and the concepts it stands for. */
export interface Concept {
  term: string
  /** Concepts that also satisfy it, though less exactly ("car" is satisfied by "vehicle"). */
  alternatives: readonly string[]
}

/**
 * The distinct things a question asks about, each with the terms a passage may cover it by.
 *
 * @example
 * ```ts
 * questionConcepts('Can I get financing with bad credit?')
 * // [{ term: 'financ', alternatives: [] }, { term: 'bad', alternatives: [] },
 * //  { term: 'credit', alternatives: ['financ'] }]
 * ```
 */
export function questionConcepts(text: string): Concept[] {
  const tokens = tokenize(text)
  const concepts = new Map<string, Concept>()
  const add = (terms: readonly string[]): void => {
    const [term, ...alternatives] = terms
    if (term !== undefined && !concepts.has(term)) concepts.set(term, { term, alternatives })
  }
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    add(analyzeWord(token))
    const next = tokens[i + 1]
    if (next === undefined) continue
    for (const term of phraseConcepts(token, next) ?? NONE) add([term])
  }
  return [...concepts.values()]
}
