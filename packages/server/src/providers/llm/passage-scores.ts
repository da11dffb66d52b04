import type { Concept } from '../text/terms.ts'
import type { AnalyzedPassage } from './analyzed-passage.ts'
import { conceptMatch, weightedMatch } from './concept-match.ts'

/** A passage with how well it answers the question; higher is better. */
export interface Scored {
  analyzed: AnalyzedPassage
  score: number
}

// Agreement with a title or heading is extra evidence that a whole document or section is about
// the question, on top of the words matched: it lifts the "Phone and email" lines above a
// sentence elsewhere that happens to say "phone".
const TITLE_BONUS = 0.25
const HEADING_BONUS = 0.25

/**
 * The share of the concepts a set of terms covers, by word or by synonym.
 *
 * @example
 * ```ts
 * coverage(questionConcepts('open Saturday'), new Set(['saturdai'])) // 0.5
 * ```
 */
export function coverage(concepts: readonly Concept[], terms: ReadonlySet<string>): number {
  const covered = concepts.filter((concept) => conceptMatch(concept, terms) > 0).length
  return covered / concepts.length
}

/**
 * What retrieval thought of a passage. Small next to a single matched concept: retrieval order
 * and similarity only break near-ties between passages that match alike.
 *
 * @example
 * ```ts
 * rankBonus(analyzePassage(passage, 0)) // ≤ 0.45
 * ```
 */
export function rankBonus(analyzed: AnalyzedPassage): number {
  return 0.15 / (1 + analyzed.rank) + 0.3 * Math.max(0, analyzed.passage.similarity)
}

/**
 * How well a whole passage answers the question's concepts, weighted by their rarity.
 *
 * @example
 * ```ts
 * passageScore(analyzed, concepts, weights)
 * ```
 */
export function passageScore(
  analyzed: AnalyzedPassage,
  concepts: readonly Concept[],
  weights: readonly number[],
): number {
  return (
    weightedMatch(concepts, weights, [[analyzed.terms, 1]]) +
    TITLE_BONUS * weightedMatch(concepts, weights, [[analyzed.titleTerms, 1]]) +
    rankBonus(analyzed)
  )
}

/**
 * How well one unit answers the question. A unit inherits the words of its section heading: under
 * "What to bring for your trade-in", the line "Current registration" answers "what do I bring?".
 *
 * @example
 * ```ts
 * unitScore(analyzed, analyzed.units[0]!, concepts, weights)
 * ```
 */
export function unitScore(
  analyzed: AnalyzedPassage,
  unit: AnalyzedPassage['units'][number],
  concepts: readonly Concept[],
  weights: readonly number[],
): number {
  const heading = weightedMatch(concepts, weights, [
    [unit.sectionTerms, 1],
    [analyzed.headingTerms, 1],
  ])
  const match = weightedMatch(concepts, weights, [
    [unit.terms, 1],
    [unit.sectionTerms, 1],
    [analyzed.headingTerms, 1],
    [analyzed.titleTerms, 0.5],
  ])
  return match + HEADING_BONUS * heading
}
