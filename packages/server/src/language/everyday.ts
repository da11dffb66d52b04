import { LANGUAGE_CODES, languageOf } from './language.ts'

/**
 * A word every visitor knows: in a language pack's vocabulary, or a stopword of one ("lease",
 * "closed", "buy"). Names of people, places and models are not.
 */
export function isEverydayWord(word: string): boolean {
  return LANGUAGE_CODES.some((code) => {
    const language = languageOf(code)
    return language.vocabulary.has(word) || language.stopwords.has(word)
  })
}
