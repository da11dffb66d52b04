import { analyze, termKeys } from '../../language/analyze.ts'
import { detectLanguage } from '../../language/detect.ts'
import { FeatureCounts } from './feature-counts.ts'
import { hashPair, hashString } from './feature-hash.ts'

// Relative weights of the three kinds of feature. Terms carry the meaning; bigrams reward the same
// words in the same order; trigrams let "rav4"/"rav" or a misspelling still overlap a little.
const TERM_WEIGHT = 1
const BIGRAM_WEIGHT = 0.5
const TRIGRAM_WEIGHT = 0.3
const TERM_SEED = 0x7e57
const TRIGRAM_SEED = 0x3a11
const SIGN_BIT = 0x80000000

interface TermFeatures {
  term: number
  trigrams: Uint32Array
}

// Hashing a term's trigrams is the costliest step, and chunks repeat the same few thousand terms.
const MAX_CACHED_TERMS = 100_000
const cache = new Map<string, TermFeatures>()

function featuresOf(term: string): TermFeatures {
  let features = cache.get(term)
  if (features === undefined) {
    const padded = `^${term}$`
    const trigrams = new Uint32Array(Math.max(padded.length - 2, 0))
    for (let i = 0; i < trigrams.length; i++) {
      trigrams[i] = hashString(padded.slice(i, i + 3), TRIGRAM_SEED)
    }
    features = { term: hashString(term, TERM_SEED), trigrams }
    if (cache.size >= MAX_CACHED_TERMS) cache.clear()
    cache.set(term, features)
  }
  return features
}

// Reused by every call: hashedVector is synchronous, so no two texts ever share them at once.
const counts = new FeatureCounts()
let scratch = new Float64Array(0)

function scratchVector(dimensions: number): Float64Array {
  if (scratch.length !== dimensions) scratch = new Float64Array(dimensions)
  else scratch.fill(0)
  return scratch
}

/**
 * Signed feature hashing of a text's analysed terms, bigrams and character trigrams, L2-normalised.
 * A text without any content terms ("", "?", "the") gets the first unit vector, so the database
 * never stores NaN; such vectors are similar only to each other.
 *
 * @example
 * ```ts
 * hashedVector('Open Saturday 9 to 6', 256).length // 256
 * ```
 */
export function hashedVector(text: string, dimensions: number): number[] {
  let previous: number | undefined
  // Concepts ("#hours") are shared across languages: "horario del sábado" meets "Saturday hours".
  const language = detectLanguage(text.length > 600 ? text.slice(0, 600) : text)
  for (const term of termKeys(analyze(text, language))) {
    const features = featuresOf(term)
    counts.add(features.term, TERM_WEIGHT)
    if (previous !== undefined) counts.add(hashPair(previous, features.term), BIGRAM_WEIGHT)
    for (let i = 0; i < features.trigrams.length; i++) {
      counts.add(features.trigrams[i]!, TRIGRAM_WEIGHT)
    }
    previous = features.term
  }
  const vector = scratchVector(dimensions)
  counts.forEach((hash, weight, occurrences) => {
    // Sublinear: the tenth "Toyota" in an inventory chunk adds little beyond the second.
    const value = weight * (1 + Math.log(occurrences))
    vector[(hash & 0x7fffffff) % dimensions]! += hash & SIGN_BIT ? -value : value
  })
  counts.clear()
  return normalize(vector)
}

function normalize(vector: Float64Array): number[] {
  let sumOfSquares = 0
  for (const value of vector) sumOfSquares += value * value
  const result = new Array<number>(vector.length)
  if (sumOfSquares === 0) {
    result.fill(0)
    result[0] = 1
    return result
  }
  const scale = 1 / Math.sqrt(sumOfSquares)
  for (let i = 0; i < vector.length; i++) result[i] = vector[i]! * scale
  return result
}
