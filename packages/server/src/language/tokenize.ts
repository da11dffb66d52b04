import { fold } from './fold.ts'

/** A word or number of a text, with where it sits in the folded text. */
export interface Token {
  /** Folded: lowercase, accents removed, possessive "'s" and apostrophes dropped. */
  text: string
  start: number
  end: number
}

// Letters and digits joined by in-word punctuation stay one token, so "$27,900", "9:00", "2.5i",
// "trade-in" and "driver's" survive; a trailing full stop or comma is never part of a token.
// "&" reads as "and", so "oil & filter" is the phrase "oil and filter".
const TOKEN = /\$?[\p{L}\p{N}]+(?:[.,:'-][\p{L}\p{N}]+)*|&/gu
const POSSESSIVE = /'s$/
const APOSTROPHES = /'/g

/**
 * Splits folded text into tokens with their offsets.
 *
 * @example
 * ```ts
 * tokensOf(fold("Adam's 2021 RAV4 is $27,900! Oil & filter")).map((t) => t.text)
 * // ['adam', '2021', 'rav4', 'is', '$27,900', 'oil', 'and', 'filter']
 * ```
 */
export function tokensOf(folded: string): Token[] {
  const tokens: Token[] = []
  for (const match of folded.matchAll(TOKEN)) {
    let text = match[0] === '&' ? 'and' : match[0]
    if (text.includes("'")) text = text.replace(POSSESSIVE, '').replace(APOSTROPHES, '')
    tokens.push({ text, start: match.index, end: match.index + match[0].length })
  }
  return tokens
}

/**
 * The words and numbers of a text, folded.
 *
 * @example
 * ```ts
 * tokenize("Adam's CAFÉ don’t") // ['adam', 'cafe', 'dont']
 * ```
 */
export function tokenize(text: string): string[] {
  return tokensOf(fold(text)).map((token) => token.text)
}
