import { detectAll } from 'tinyld'
import { fold } from './fold.ts'
import { LANGUAGE_CODES, languageOf } from './language.ts'
import { tokensOf } from './tokenize.ts'

/**
 * The language a visitor wrote in, among those with a pack, or `null` when the message does not
 * tell ("ok", "RAV4?", "2021"): the caller then keeps the conversation's language.
 *
 * tinyld (n-gram statistics) decides from a few words on; for shorter messages, and to overrule
 * it when the message is plainly in another language's words, the packs' own vocabularies
 * count: a word counts for a language only when the other languages do not know it too.
 *
 * @example
 * ```ts
 * detectLanguage('¿A qué hora abren el sábado?') // 'es'
 * detectLanguage('what time do you close') // 'en'
 * detectLanguage('ok') // null
 * ```
 */
export function detectLanguage(
  text: string,
  candidates: readonly string[] = LANGUAGE_CODES,
): string | null {
  const tokens = tokensOf(fold(text))
    .map((t) => t.text)
    .filter((t) => /\p{L}/u.test(t))
  if (tokens.length === 0 || candidates.length === 0) return null
  if (candidates.length === 1) return candidates[0]!
  const languages = candidates.map(languageOf)
  const hits = languages.map((language, i) =>
    tokens.filter(
      (token) =>
        language.vocabulary.has(token) &&
        !languages.some((other, j) => j !== i && other.vocabulary.has(token)),
    ),
  )
  const counts = hits.map((h) => h.length)
  const best = Math.max(...counts)
  const byWords = counts.filter((c) => c === best).length === 1 && best > 0
  const wordsWinner = byWords ? candidates[counts.indexOf(best)]! : null
  const [guess] = tokens.length >= 2 ? detectAll(text, { only: [...candidates] }) : []
  if (guess && candidates.includes(guess.lang)) {
    // The words overrule the statistics only when they say so clearly.
    if (wordsWinner && wordsWinner !== guess.lang) {
      const guessCount = counts[candidates.indexOf(guess.lang)]!
      if (best - guessCount >= 2 || guessCount === 0) return wordsWinner
    }
    return guess.lang
  }
  return wordsWinner
}
