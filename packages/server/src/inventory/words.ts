import { fold } from '../language/fold.ts'

/**
 * Text made ready for whole-word lookups: folded, every run of other characters a single space,
 * with a space at each end.
 *
 * @example
 * ```ts
 * wordIn(padded('XLE AWD, Hybrid'), 'awd') // true
 * ```
 */
export function padded(text: string): string {
  return ` ${fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `
}

/** Whether a word or phrase occurs whole in {@link padded} text. */
export function wordIn(haystack: string, word: string): boolean {
  return haystack.includes(padded(word))
}
