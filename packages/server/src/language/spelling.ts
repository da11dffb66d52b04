import { distance } from 'fastest-levenshtein'

/** Corrects misspelt words against the words a dealership's documents and inventory use. */
export interface Speller {
  /** The known word a misspelling most likely meant, or `null` when none is close. */
  correct(word: string): string | null
  has(word: string): boolean
}

// How far a misspelling may be from its word: one edit (a swap of two letters, "chnage",
// counting as one), two from eight letters.
const maxDistance = (length: number) => (length >= 8 ? 2 : 1)

/** Levenshtein distance, with one swap of neighbouring letters counted as one edit. */
function editDistance(a: string, b: string): number {
  const d = distance(a, b)
  if (d !== 2 || a.length !== b.length) return d
  const diff: number[] = []
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i)
  const [i, j] = diff
  return diff.length === 2 && j === i! + 1 && a[i!] === b[j!] && a[j!] === b[i!] ? 1 : d
}

/**
 * A speller over a list of folded words. Only words of five letters or more are corrected, to a
 * word of about the same length that starts or ends the same, with as few edits as possible
 * (the more frequent word on a tie).
 *
 * @example
 * ```ts
 * createSpeller(['change', 'warranty']).correct('chnage') // 'change'
 * ```
 */
export function createSpeller(words: Iterable<string>): Speller {
  const counts = new Map<string, number>()
  for (const word of words) if (word.length >= 3) counts.set(word, (counts.get(word) ?? 0) + 1)
  const byLength = new Map<number, string[]>()
  for (const word of counts.keys()) {
    const list = byLength.get(word.length) ?? []
    list.push(word)
    byLength.set(word.length, list)
  }
  const memo = new Map<string, string | null>()
  return {
    has: (word) => counts.has(word),
    correct(word) {
      if (word.length < 5 || counts.has(word) || /\d/.test(word)) return null
      const cached = memo.get(word)
      if (cached !== undefined) return cached
      const limit = maxDistance(word.length)
      let best: string | null = null
      let bestDistance = limit + 1
      for (let length = word.length - limit; length <= word.length + limit; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          if (candidate[0] !== word[0] && candidate.at(-1) !== word.at(-1)) continue
          const d = editDistance(word, candidate)
          if (
            d < bestDistance ||
            (d === bestDistance && best && (counts.get(candidate) ?? 0) > (counts.get(best) ?? 0))
          ) {
            best = candidate
            bestDistance = d
          }
        }
      }
      const result = bestDistance <= limit ? best : null
      if (memo.size > 10_000) memo.clear()
      memo.set(word, result)
      return result
    },
  }
}
