import { detectLanguage } from './detect.ts'
import { fold } from './fold.ts'
import { DAY_CONCEPTS, ENGLISH, type Language, languageOf } from './language.ts'
import type { LanguagePack, Weekday } from './pack.ts'
import { type Token, tokensOf } from './tokenize.ts'
import type { WordClass } from './word-classes.ts'

/** One thing a text mentions: a content word, or a phrase of a known concept. */
export interface Term {
  /** The term it is matched on: `#concept` for a known concept, else the word's stem. */
  key: string
  /** Terms that also satisfy it, less exactly: the word's own stem behind its concept. */
  alternatives: readonly string[]
  /** The concept it names (`oil change`), if any. */
  concept: string | null
  /** Index of its first token, and how many tokens it covers. */
  start: number
  length: number
  /** For a plain word of a visitor's message, what it is in the sentence, when known. */
  wordClass?: WordClass
}

/** A text analysed in its language. */
export interface Analysis {
  language: Language
  /** The text folded (lowercase, no accents), which token offsets refer to. */
  folded: string
  tokens: Token[]
  /** Content words and concepts, in reading order; stopwords left out. */
  terms: Term[]
  /** The concepts mentioned. */
  concepts: ReadonlySet<string>
}

const MONEY = /^\$\d/
const NUMBER = /^\d[\d,]*(?:\.\d+)?$/
const HAS_DIGIT = /\d/
const COMPOUND_JOINERS = /[.,:]/

// Day words that stand for several days: a passage about any of them is about it.
const DAY_SETS: Partial<Record<keyof LanguagePack['dayWords'], Weekday[]>> = {
  weekend: ['sat', 'sun'],
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
}

/** The term key of a concept. */
export const conceptKey = (concept: string): string => `#${concept.replace(/\s+/g, '_')}`

/**
 * Splits a text into its terms: each known phrase (in the text's language, then in English, as
 * visitors mix them: "el trade-in") becomes its concept; each other word not a stopword becomes
 * its stem. The language is detected when not given.
 *
 * @example
 * ```ts
 * analyze('¿Cuánto cuesta el cambio de aceite?').terms.map((t) => t.key)
 * // ['#price', '#oil_change']
 * ```
 */
export function analyze(text: string, language?: Language | string | null): Analysis {
  const resolved =
    typeof language === 'string' || language == null
      ? languageOf(language ?? detectLanguage(text))
      : language
  const folded = fold(text)
  const tokens = tokensOf(folded)
  const words = tokens.map((t) => t.text)
  const terms: Term[] = []
  const concepts = new Set<string>()
  for (let i = 0; i < words.length; ) {
    const phrase =
      resolved.concepts.at(words, i) ??
      (resolved === ENGLISH ? undefined : ENGLISH.concepts.at(words, i))
    if (phrase) {
      const stems = words
        .slice(i, i + phrase.length)
        .flatMap((word) => wordStems(word, resolved))
        .filter((stem) => stem !== conceptKey(phrase.value))
      concepts.add(phrase.value)
      terms.push({
        key: conceptKey(phrase.value),
        alternatives: stems,
        concept: phrase.value,
        start: i,
        length: phrase.length,
      })
      i += phrase.length
      continue
    }
    // "the weekend", "entre semana": any of its days.
    const daySet =
      resolved.dayWords.at(words, i) ??
      (resolved === ENGLISH ? undefined : ENGLISH.dayWords.at(words, i))
    const setDays = daySet && DAY_SETS[daySet.value]
    if (daySet && setDays) {
      concepts.add(daySet.value)
      terms.push({
        key: conceptKey(daySet.value),
        alternatives: setDays.map((day) => conceptKey(DAY_CONCEPTS[day])),
        concept: daySet.value,
        start: i,
        length: daySet.length,
      })
      i += daySet.length
      continue
    }
    const [key, ...alternatives] = wordStems(words[i]!, resolved)
    if (key !== undefined) {
      terms.push({ key, alternatives, concept: null, start: i, length: 1 })
    }
    // "$69.95" answers "how much?".
    if (MONEY.test(words[i]!)) {
      concepts.add('price')
      terms.push({
        key: conceptKey('price'),
        alternatives: [],
        concept: 'price',
        start: i,
        length: 1,
      })
    }
    i++
  }
  return { language: resolved, folded, tokens, terms, concepts }
}

/**
 * Every term key of a text, concepts and their words' stems alike: what an embedding hashes and
 * what a passage is matched on.
 *
 * @example
 * ```ts
 * termKeys(analyze('Saturday hours')) // ['saturdai', '#hours', 'hour']
 * ```
 */
export function termKeys(analysis: Analysis): string[] {
  const keys: string[] = []
  for (const term of analysis.terms) {
    keys.push(term.key)
    for (const alternative of term.alternatives) keys.push(alternative)
  }
  return keys
}

/**
 * The stems of one word: nothing for a stopword; money as its amount; compounds ("trade-in",
 * "cx-5") as the joined word and its parts.
 */
function wordStems(word: string, language: Language): string[] {
  if (MONEY.test(word)) return [word.slice(1).replaceAll(',', '')]
  if (NUMBER.test(word)) return [word.replaceAll(',', '')]
  if (language.stopwords.has(word)) return []
  if (word.includes('-')) return compound(word.split('-'), language)
  if (HAS_DIGIT.test(word)) return [word]
  if (COMPOUND_JOINERS.test(word)) return compound(word.split(COMPOUND_JOINERS), language)
  // Single letters are initials and list labels, not content.
  if (word.length < 2) return []
  const stem = language.stem(word)
  return word.length >= COGNATE_LENGTH ? [stem, cognate(word)] : [stem]
}

const COGNATE_LENGTH = 5

/**
 * A key shared by a word's cognates across languages ("synthetic", "sintético" → "~sinte";
 * "documentation", "documentación" → "~docum"): the first letters, spelled plainly. It lets a
 * Spanish question meet an English passage on words no list translates.
 *
 * @example
 * ```ts
 * cognate('synthetic') === cognate('sintetico') // true
 * ```
 */
export function cognate(word: string): string {
  const plain = word
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/qu/g, 'c')
    .replace(/ck|k/g, 'c')
    .replace(/y/g, 'i')
    .replace(/([a-z])\1/g, '$1')
  return `~${plain.slice(0, COGNATE_LENGTH)}`
}

function compound(parts: string[], language: Language): string[] {
  const joined = parts.join('')
  const stems = [joined, ...parts].flatMap((part) =>
    part === joined && /\d/.test(part) ? [part] : wordStems(part, language),
  )
  return [...new Set(stems)]
}
