// Letters and digits joined by in-word punctuation stay one token, so "$27,900", "9:00", "2.5i",
// "trade-in" and "driver's" survive; a trailing full stop or comma is never part of a token.
const TOKEN = /\$?[\p{L}\p{N}]+(?:[.,:'’-][\p{L}\p{N}]+)*/gu
const COMBINING_MARKS = /\p{M}+/gu
// Accented Latin letters, ligatures, combining marks and full-width forms: the only characters
// NFKD changes in a way that matters here. Dashes and curly quotes skip the costly normalise.
const NEEDS_FOLDING = /[\u00aa-\u024f\u1e00-\u1eff\ufb00-\ufb06\uff01-\uff5e]|\p{M}/u
const POSSESSIVE = /['’]s$/
const APOSTROPHES = /['’]/g

/**
 * Splits text into lowercase words and numbers. Accents are folded ("café" → "cafe"), possessive
 * "'s" is dropped and other apostrophes removed ("don't" → "dont"); prices, times, model names and
 * hyphenated words are kept whole for {@link analyzeWord} to take apart.
 *
 * @example
 * ```ts
 * tokenize("Adam's 2021 RAV4 is $27,900!") // ['adam', '2021', 'rav4', 'is', '$27,900']
 * ```
 */
export function tokenize(text: string): string[] {
  const folded = NEEDS_FOLDING.test(text)
    ? text.normalize('NFKD').replace(COMBINING_MARKS, '').toLowerCase()
    : text.toLowerCase()
  // match() with /g returns plain strings: far less garbage than matchAll's match objects.
  const tokens = folded.match(TOKEN) ?? []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!
    if (token.includes("'") || token.includes('’')) {
      tokens[i] = token.replace(POSSESSIVE, '').replace(APOSTROPHES, '')
    }
  }
  return tokens
}
