import type { PageContext } from '@avataradam/sdk/protocol'
import { type Concept, questionConcepts } from '../text/terms.ts'
import { readVehicleLimits, type VehicleLimits } from './vehicle-limits.ts'

/** What a question asks about, in terms the passages can be matched on. */
export interface QuestionFocus {
  concepts: Concept[]
  limits: VehicleLimits
  /** Stock number and VIN of the vehicle on the visitor's page, when the question points at it. */
  pageVehicleIds: string[]
}

const POINTS_AT_PAGE_VEHICLE = new RegExp(
  String.raw`\b(?:this|that)\s+(?:car|one|vehicle|truck|suv|van|minivan|sedan|coupe|wagon)\b` +
    String.raw`|\bit(?:'s|’s|s)?\b`,
  'i',
)

/**
 * Reads a question's concepts and vehicle limits. "Is this car still available?" on a vehicle's
 * page also asks about that vehicle's make and model.
 *
 * @example
 * ```ts
 * questionFocus('Do you have SUVs under $30,000?').limits // { maxPrice: 30000 }
 * ```
 */
export function questionFocus(question: string, page?: PageContext): QuestionFocus {
  const { limits, rest } = readVehicleLimits(question)
  const concepts = questionConcepts(rest)
  const vehicle = page?.vehicle
  const pageVehicleIds: string[] = []
  if (vehicle !== undefined && POINTS_AT_PAGE_VEHICLE.test(question)) {
    for (const concept of questionConcepts(`${vehicle.make ?? ''} ${vehicle.model ?? ''}`)) {
      if (!concepts.some((known) => known.term === concept.term)) concepts.push(concept)
    }
    for (const id of [vehicle.stockNumber, vehicle.vin]) if (id) pageVehicleIds.push(id)
  }
  return { concepts, limits, pageVehicleIds }
}

/**
 * The text to retrieve passages with. "How many miles does it have?" on a vehicle's page means that
 * vehicle, so its stock number, VIN, year, make and model join the question: the vehicle's own
 * inventory row is then among the passages the answer is composed from.
 *
 * @example
 * ```ts
 * retrievalText('Is it still available?', { url, vehicle: { stockNumber: 'A24101', make: 'Toyota' } })
 * // 'Is it still available? A24101 Toyota'
 * ```
 */
export function retrievalText(question: string, page?: PageContext | null): string {
  const vehicle = page?.vehicle
  if (vehicle === undefined || !POINTS_AT_PAGE_VEHICLE.test(question)) return question
  const { stockNumber, vin, year, make, model, trim } = vehicle
  const about = [stockNumber, vin, year, make, model, trim].filter((v) => v !== undefined)
  return about.length > 0 ? `${question} ${about.join(' ')}` : question
}
