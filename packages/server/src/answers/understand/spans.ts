import { ENGLISH, type Language } from '../../language/language.ts'
import type { PhraseMatch, PhraseMatcher } from '../../language/phrases.ts'
import type { Message } from './message.ts'

/** The token positions of a message that some reading has used. */
export class Consumed {
  readonly #used = new Set<number>()

  mark(start: number, length = 1): void {
    for (let i = start; i < start + length; i++) this.#used.add(i)
  }

  markMatch(match: { start: number; length: number } | undefined): void {
    if (match) this.mark(match.start, match.length)
  }

  has(index: number): boolean {
    return this.#used.has(index)
  }

  get size(): number {
    return this.#used.size
  }
}

/**
 * Every match of a list of a language's phrases, then the English one's for the words left (a
 * Spanish message may say "trade in" or "test drive").
 *
 * @example
 * ```ts
 * findAll(words, language, (l) => l.intents.person)
 * ```
 */
export function findAll<T>(
  words: readonly string[],
  language: Language,
  pick: (language: Language) => PhraseMatcher<T>,
): PhraseMatch<T>[] {
  const found = pick(language).all(words)
  if (language === ENGLISH) return found
  const taken = new Set(found.flatMap((m) => range(m.start, m.length)))
  for (const match of pick(ENGLISH).all(words)) {
    if (range(match.start, match.length).every((i) => !taken.has(i))) found.push(match)
  }
  return found.sort((a, b) => a.start - b.start)
}

/** Whether a message holds any of a language's phrases (or English ones). */
export function hasAny<T>(
  words: readonly string[],
  language: Language,
  pick: (language: Language) => PhraseMatcher<T>,
): boolean {
  return findAll(words, language, pick).length > 0
}

function range(start: number, length: number): number[] {
  return Array.from({ length }, (_, i) => start + i)
}

/**
 * Whether a "when" of a message asks a time: not when it joins two clauses mid-sentence, before
 * a pronoun ("can I book a loaner *when I* schedule my service?").
 *
 * @example
 * ```ts
 * asksWhen(message, match) // false for "…loaner when I schedule…"
 * ```
 */
export function asksWhen(message: Message, match: { start: number; length: number }): boolean {
  const { analysis, text, language } = message
  const tokens = analysis.tokens
  const next = tokens[match.start + match.length]?.text
  const pronoun =
    next !== undefined &&
    (language.pack.pronouns.includes(next) || ENGLISH.pack.pronouns.includes(next))
  if (!pronoun) return true
  // "When I bring my car in, do I need an appointment?": a clause before the question.
  if (text.slice(tokens[match.start]!.end).includes(',')) return false
  if (match.start === 0) return true
  const before = text.slice(tokens[match.start - 1]!.end, tokens[match.start]!.start)
  return /[?.!,;:]/.test(before)
}
