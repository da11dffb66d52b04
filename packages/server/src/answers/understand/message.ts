import { type Analysis, analyze } from '../../language/analyze.ts'
import { detectLanguage } from '../../language/detect.ts'
import { fold } from '../../language/fold.ts'
import { ENGLISH, LANGUAGE_CODES, type Language, languageOf } from '../../language/language.ts'
import { type NumberMention, readNumbers } from '../../language/numbers.ts'
import type { Speller } from '../../language/spelling.ts'
import { tokensOf } from '../../language/tokenize.ts'
import { isCommonEnglishWord, wordClasses } from '../../language/word-classes.ts'

/** A visitor's message made ready to read: language, spelling and chat shorthand settled. */
export interface Message {
  /** As the visitor wrote it. */
  original: string
  language: Language
  /** Folded, shorthand written out ("u" → "you"), misspellings corrected. */
  text: string
  /** The words of `text`. */
  words: string[]
  analysis: Analysis
  numbers: NumberMention[]
}

/** What a message is read against: the languages on offer and the dealership's own words. */
export interface ReadOptions {
  /** Language when the message does not tell (the conversation's, or the dealership's first). */
  fallbackLanguage: string
  /** Languages to detect among (every language with a pack, by default). */
  languages?: readonly string[]
  speller?: Speller | undefined
}

/**
 * Reads a visitor's message: detects its language (the fallback when it cannot tell, as for
 * "ok" or "RAV4?"), writes out chat shorthand ("hw much", "appt", "#"), corrects misspellings
 * against the dealership's words ("warrenty", "chnage"), then analyses it.
 *
 * @example
 * ```ts
 * readMessage('hw much is the oil chnage', { fallbackLanguage: 'en', speller }).text
 * // 'how much is the oil change'
 * ```
 */
export function readMessage(original: string, options: ReadOptions): Message {
  const detected = detectLanguage(original, options.languages ?? LANGUAGE_CODES)
  const language = languageOf(detected ?? options.fallbackLanguage)
  const folded = fold(original)
    .replace(/(^|\s)#(?=\s|$)/g, '$1 number ')
    .replace(/\s+/g, ' ')
  const tokens = tokensOf(folded)
  const out: string[] = []
  let last = 0
  let text = ''
  for (const token of tokens) {
    text += folded.slice(last, token.start)
    last = token.end
    const expanded = expand(token.text, language)
    text += expanded
    out.push(expanded)
  }
  text += folded.slice(last)
  const corrected = correct(text, language, options.speller)
  const analysis = analyze(corrected, language)
  // What each plain word is in its sentence: a noun no document has is the thing asked about.
  const classes = wordClasses(corrected, language.code)
  if (classes) {
    for (const term of analysis.terms) {
      if (term.concept !== null) continue
      const wordClass = classes.get(analysis.tokens[term.start]!.start)
      if (wordClass) term.wordClass = wordClass
    }
  }
  return {
    original,
    language,
    text: corrected,
    words: analysis.tokens.map((t) => t.text),
    analysis,
    numbers: readNumbers(corrected, language),
  }
}

function expand(word: string, language: Language): string {
  const own = language.pack.abbreviations[word]
  if (own !== undefined) return own
  // Visitors writing Spanish type English shorthand too ("pls", "appt").
  return language === ENGLISH ? word : (ENGLISH.pack.abbreviations[word] ?? word)
}

// Words no speller should touch: known words of any language, numbers, short words.
function isKnown(word: string, language: Language): boolean {
  if (word.length < 4 || /\d/.test(word)) return true
  if (language.vocabulary.has(word) || language.stopwords.has(word)) return true
  // "a couple days" is not a coupe.
  if (isCommonEnglishWord(word)) return true
  for (const code of LANGUAGE_CODES) {
    const other = languageOf(code)
    if (other.vocabulary.has(word)) return true
  }
  return false
}

function correct(text: string, language: Language, speller: Speller | undefined): string {
  if (!speller) return text
  return text.replace(/\p{L}{4,}/gu, (word) => {
    if (speller.has(word) || isKnown(word, language)) return word
    return speller.correct(word) ?? word
  })
}
