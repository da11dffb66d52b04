import type { ExtractedFacts } from './extract/index.ts'

/** Facts of a document that states none. */
export function emptyFacts(): ExtractedFacts {
  return { departments: [], address: null, website: null, staff: [], holidays: [], weights: {} }
}
