import { type ComposedAnswer, noVehicleInRangeReply, VEHICLES_LEAD_IN } from './answer-templates.ts'
import type { Scored } from './passage-scores.ts'
import type { QuestionFocus } from './question-focus.ts'
import { vehicleBullet } from './vehicle-bullet.ts'
import { withinLimits } from './vehicle-limits.ts'

const MAX_VEHICLES = 6
// Vehicles scoring below this share of the best match less of the question ("red Toyota": a red
// Toyota beats a Toyota of another colour).
const CUTOFF = 0.7

/**
 * Lists the vehicle passages that fit the question's limits as Markdown bullets, best first; the
 * vehicle on the visitor's page alone when the question points at it.
 *
 * @example
 * ```ts
 * vehicleAnswer(scoredVehiclePassages, questionFocus('SUVs under $30k'), "Adam's Auto Sales")
 * ```
 */
export function vehicleAnswer(
  scored: readonly Scored[],
  focus: QuestionFocus,
  dealershipName: string,
): ComposedAnswer {
  let fitting = scored.filter(({ analyzed }) => {
    const vehicle = analyzed.vehicle!
    if (vehicle.status !== null && /\bsold\b/i.test(vehicle.status)) return false
    return withinLimits(focus.limits, vehicle.price, vehicle.mileage)
  })
  const onPage = fitting.filter(({ analyzed }) =>
    focus.pageVehicleIds.some(
      (id) => id === analyzed.vehicle!.stockNumber || id === analyzed.vehicle!.vin,
    ),
  )
  if (onPage.length > 0) fitting = onPage
  if (fitting.length === 0) {
    return { parts: [noVehicleInRangeReply(dealershipName)], chunkIds: [] }
  }
  const top = Math.max(...fitting.map(({ score }) => score))
  const listed = fitting
    .filter(({ score }) => score >= top * CUTOFF)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_VEHICLES)
  return {
    parts: [
      `${VEHICLES_LEAD_IN}\n\n`,
      ...listed.map(({ analyzed }) => `${vehicleBullet(analyzed.vehicle!)}\n`),
    ],
    chunkIds: listed.map(({ analyzed }) => analyzed.passage.chunkId),
  }
}
