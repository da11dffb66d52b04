import { fold } from './fold.ts'
import { tokensOf } from './tokenize.ts'

/** A phrase found in a text: the value it stands for and the tokens it spans. */
export interface PhraseMatch<T> {
  value: T
  /** Index of the first token. */
  start: number
  /** Number of tokens. */
  length: number
}

/**
 * Finds phrases (one or more words) in tokenized text, longest first. Phrases are folded and
 * tokenized like the text, so "pre-owned", "Pre owned" and "PRE-OWNED" differ only as tokens do.
 *
 * @example
 * ```ts
 * const matcher = new PhraseMatcher([{ phrase: 'oil change', value: 'oil change' }])
 * matcher.at(['an', 'oil', 'change'], 1) // { value: 'oil change', start: 1, length: 2 }
 * ```
 */
export class PhraseMatcher<T> {
  readonly #byFirst = new Map<string, { tokens: string[]; value: T }[]>()

  constructor(entries: Iterable<{ phrase: string; value: T }>) {
    for (const { phrase, value } of entries) {
      const tokens = tokensOf(fold(phrase)).map((t) => t.text)
      const first = tokens[0]
      if (first === undefined) continue
      let list = this.#byFirst.get(first)
      if (!list) {
        list = []
        this.#byFirst.set(first, list)
      }
      list.push({ tokens, value })
    }
    for (const list of this.#byFirst.values())
      list.sort((a, b) => b.tokens.length - a.tokens.length)
  }

  /** The longest phrase starting at token `i`, if any. */
  at(tokens: readonly string[], i: number): PhraseMatch<T> | undefined {
    const candidates = this.#byFirst.get(tokens[i]!)
    if (!candidates) return undefined
    outer: for (const candidate of candidates) {
      if (i + candidate.tokens.length > tokens.length) continue
      const last = candidate.tokens.length - 1
      for (let k = 1; k < candidate.tokens.length; k++) {
        const token = tokens[i + k]!
        const wanted = candidate.tokens[k]!
        // A phrase's last word may be plural in the text: "down payments", "oil changes".
        if (
          token !== wanted &&
          !(k === last && (token === `${wanted}s` || token === `${wanted}es`))
        ) {
          continue outer
        }
      }
      return { value: candidate.value, start: i, length: candidate.tokens.length }
    }
    return undefined
  }

  /** Every phrase in the text, left to right, longest first, never overlapping. */
  all(tokens: readonly string[]): PhraseMatch<T>[] {
    const found: PhraseMatch<T>[] = []
    for (let i = 0; i < tokens.length; ) {
      const match = this.at(tokens, i)
      if (match) {
        found.push(match)
        i += match.length
      } else i++
    }
    return found
  }

  /** Whether any phrase occurs. */
  test(tokens: readonly string[]): boolean {
    for (let i = 0; i < tokens.length; i++) if (this.at(tokens, i)) return true
    return false
  }
}

/**
 * A matcher over a record of lists: key → the phrases that mean it.
 *
 * @example
 * ```ts
 * phraseMatcher({ sat: ['saturday', 'sat'] }).at(['sat'], 0)?.value // 'sat'
 * ```
 */
export function phraseMatcher<K extends string>(
  lists: Partial<Record<K, readonly string[]>>,
): PhraseMatcher<K> {
  const entries: { phrase: string; value: K }[] = []
  for (const [value, phrases] of Object.entries(lists) as [K, readonly string[]][]) {
    for (const phrase of phrases) entries.push({ phrase, value })
  }
  return new PhraseMatcher(entries)
}

/**
 * A matcher of phrases that all mean the same thing.
 *
 * @example
 * ```ts
 * listMatcher(['talk to someone']).test(['can', 'i', 'talk', 'to', 'someone']) // true
 * ```
 */
export function listMatcher(phrases: readonly string[]): PhraseMatcher<true> {
  return new PhraseMatcher(phrases.map((phrase) => ({ phrase, value: true as const })))
}
