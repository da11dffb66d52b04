import type { Concept } from '../text/terms.ts'

// Matching a concept only through a synonym ("car" by "vehicle") is weaker evidence than its word.
const ALTERNATIVE_MATCH = 0.6

/**
 * How well a set of terms covers a concept: 1 for its own term, less for an alternative, else 0.
 *
 * @example
 * ```ts
 * conceptMatch({ term: 'car', alternatives: ['vehicl'] }, new Set(['vehicl'])) // 0.6
 * ```
 */
export function conceptMatch(concept: Concept, terms: ReadonlySet<string>): number {
  if (terms.has(concept.term)) return 1
  return concept.alternatives.some((term) => terms.has(term)) ? ALTERNATIVE_MATCH : 0
}

/**
 * Rarity weights of the concepts across the passages (inverse document frequency, smoothed).
 * A concept no passage covers gets weight 0 and is reported as missing.
 *
 * @example
 * ```ts
 * const { weights, missing } = conceptWeights(concepts, passageTermSets)
 * ```
 */
export function conceptWeights(
  concepts: readonly Concept[],
  termSets: readonly ReadonlySet<string>[],
): { weights: number[]; missing: Concept[] } {
  const missing: Concept[] = []
  const weights = concepts.map((concept) => {
    const covering = termSets.filter((terms) => conceptMatch(concept, terms) > 0).length
    if (covering === 0) missing.push(concept)
    return covering === 0 ? 0 : Math.log(1 + termSets.length / covering)
  })
  return { weights, missing }
}

/**
 * The weighted match of all concepts in the best of several term sets each, such as a sentence
 * (full weight), its section heading (full weight) and the document title (half weight).
 *
 * @example
 * ```ts
 * weightedMatch(concepts, weights, [[sentenceTerms, 1], [headingTerms, 1], [titleTerms, 0.5]])
 * ```
 */
export function weightedMatch(
  concepts: readonly Concept[],
  weights: readonly number[],
  sources: readonly (readonly [ReadonlySet<string>, number])[],
): number {
  let total = 0
  concepts.forEach((concept, i) => {
    let best = 0
    for (const [terms, factor] of sources)
      best = Math.max(best, conceptMatch(concept, terms) * factor)
    total += best * weights[i]!
  })
  return total
}
