import { analyze } from './analyze.ts'
import { LANGUAGE_CODES, languageOf } from './language.ts'
import { readNumbers } from './numbers.ts'
import { wordClasses } from './word-classes.ts'

// A sentence per language that exercises its number words, stemmer and stopwords.
const SAMPLES: Record<string, string> = {
  en: 'what time do you open on saturday, and do you have twenty five thousand dollar trucks',
  es: 'a que hora abren el sabado y tienen camionetas de veinticinco mil dolares',
}

/**
 * Loads what reading a question needs the first time (each language's number recognizer, the
 * English tagger, the stemmers), so the first visitor of a language does not wait for it: some
 * hundreds of milliseconds each. Called once when the server starts.
 */
export function warmUpLanguages(): void {
  for (const code of LANGUAGE_CODES) {
    const language = languageOf(code)
    const sample = SAMPLES[code] ?? 'twenty 5'
    readNumbers(sample, language)
    analyze(sample, language)
    wordClasses(sample, code)
  }
}
