import type { Concept } from '../text/terms.ts'
import { type ComposedAnswer, LEAD_IN } from './answer-templates.ts'
import { type Scored, unitScore } from './passage-scores.ts'
import { sectionLabel, type Unit } from './passage-units.ts'
import { renderUnits } from './render-units.ts'

// Passages and units scoring below these shares of the best match less of the question and would
// only pad the answer.
const PASSAGE_CUTOFF = 0.5
const UNIT_CUTOFF = 0.7
const MAX_PASSAGES = 3
const MAX_UNITS = 5
const MAX_CHARS = 650

interface Pick {
  group: number
  unit: Unit
  score: number
}

/**
 * Quotes the best sentences and list lines of the best passages (already sorted, best first),
 * grouped by passage and in reading order within each.
 *
 * @example
 * ```ts
 * textAnswer(scoredPassages, concepts, weights).parts.join('')
 * ```
 */
export function textAnswer(
  scored: readonly Scored[],
  concepts: readonly Concept[],
  weights: readonly number[],
): ComposedAnswer {
  const top = scored[0]?.score ?? 0
  const chosen = scored.filter(({ score }) => score >= top * PASSAGE_CUTOFF).slice(0, MAX_PASSAGES)
  const candidates: Pick[] = chosen.flatMap(({ analyzed }, group) =>
    analyzed.units.map((unit) => ({
      group,
      unit: unit.unit,
      // Between equally good units, the better passage's go first.
      score: unitScore(analyzed, unit, concepts, weights) - group * 0.01,
    })),
  )
  const best = Math.max(0, ...candidates.map((pick) => pick.score))
  const picks: Pick[] = []
  let length = 0
  for (const pick of candidates
    .filter(({ score }) => score > 0 && score >= best * UNIT_CUTOFF)
    .sort((a, b) => b.score - a.score)) {
    if (picks.length >= MAX_UNITS || length + pick.unit.text.length > MAX_CHARS) break
    picks.push(pick)
    length += pick.unit.text.length
  }
  const groups = chosen
    .map(({ analyzed }, group) => ({
      passage: analyzed.passage,
      units: picks.filter((pick) => pick.group === group).map((pick) => pick.unit),
    }))
    .filter(({ units }) => units.length > 0)
  const parts = [`${LEAD_IN}\n\n`]
  groups.forEach(({ passage, units }, index) => {
    if (index > 0) parts.push('\n')
    // A lone paragraph reads fine without a label; lists and several passages need one.
    const labelled = groups.length > 1 || units.some((unit) => unit.kind === 'item')
    const label = labelled ? sectionLabel(passage.heading) : null
    for (const line of renderUnits(units, label)) parts.push(`${line}\n`)
  })
  return { parts, chunkIds: groups.map(({ passage }) => passage.chunkId) }
}
