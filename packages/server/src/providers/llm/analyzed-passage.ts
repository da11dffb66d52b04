import { analyzeTerms } from '../text/terms.ts'
import type { Passage } from './index.ts'
import { splitUnits, type Unit } from './passage-units.ts'
import { readVehicle, type Vehicle } from './vehicle-fields.ts'

/** A passage with the terms of its parts worked out once, for scoring against a question. */
export interface AnalyzedPassage {
  passage: Passage
  /** Position in the retrieval ranking, best first. */
  rank: number
  units: { unit: Unit; terms: ReadonlySet<string>; sectionTerms: ReadonlySet<string> }[]
  headingTerms: ReadonlySet<string>
  titleTerms: ReadonlySet<string>
  /** Every term of text, heading and title together. */
  terms: ReadonlySet<string>
  vehicle: Vehicle | null
}

// An inventory row never says "car" or "vehicle", yet it is one.
const VEHICLE_TERMS = analyzeTerms('vehicle')
const NEGATIVE_FIELD = /:\s*(?:no|n|false|none|0)\s*$/i

/**
 * Splits a passage into units and analyses the terms of each, of its heading and of its title.
 *
 * @example
 * ```ts
 * const analyzed = request.passages.map(analyzePassage)
 * ```
 */
export function analyzePassage(passage: Passage, rank: number): AnalyzedPassage {
  const sectionTerms = new Map<string | null, ReadonlySet<string>>()
  const termsOfSection = (section: string | null): ReadonlySet<string> => {
    let terms = sectionTerms.get(section)
    if (terms === undefined) {
      terms = new Set(analyzeTerms(section ?? ''))
      sectionTerms.set(section, terms)
    }
    return terms
  }
  const units = splitUnits(passage.text).map((unit) => ({
    unit,
    terms: new Set(analyzeTerms(unit.text)),
    sectionTerms: termsOfSection(unit.section),
  }))
  const headingTerms = new Set(analyzeTerms(passage.heading ?? ''))
  const titleTerms = new Set(analyzeTerms(passage.title))
  const vehicle = readVehicle(passage)
  const terms = new Set([...headingTerms, ...titleTerms, ...(vehicle ? VEHICLE_TERMS : [])])
  for (const unit of units) {
    // "Certified Pre-Owned: No" must not make the vehicle match "certified".
    if (vehicle !== null && NEGATIVE_FIELD.test(unit.unit.text)) continue
    for (const term of [...unit.terms, ...unit.sectionTerms]) terms.add(term)
  }
  return { passage, rank, units, headingTerms, titleTerms, terms, vehicle }
}
