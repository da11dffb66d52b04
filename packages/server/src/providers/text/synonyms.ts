import { stemmer } from 'stemmer'

// Each row: the concept(s) a visitor means, then the words they say it with. Kept small on purpose:
// a wrong synonym makes unrelated passages look relevant, a missing one only costs some recall.
const GROUPS: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['hours'],
    ['hours', 'hour', 'open', 'opens', 'opening', 'close', 'closes', 'closing', 'closed'],
  ],
  [
    ['finance'],
    [
      'finance',
      'financing',
      'loan',
      'loans',
      'credit',
      'apr',
      'rate',
      'rates',
      'lender',
      'lenders',
    ],
  ],
  [['vehicle'], ['vehicle', 'vehicles', 'car', 'cars', 'auto', 'autos', 'automobile']],
  [['trade'], ['trade', 'trades', 'trading', 'tradein', 'appraisal', 'appraise']],
  [['service'], ['service', 'servicing', 'repair', 'repairs', 'maintenance']],
  [['price'], ['price', 'prices', 'pricing', 'priced', 'cost', 'costs', 'msrp', 'cheap', 'afford']],
  [['suv'], ['suv', 'suvs', 'crossover', 'crossovers']],
  [['truck'], ['truck', 'trucks', 'pickup', 'pickups']],
  [['minivan'], ['minivan', 'minivans', 'van', 'vans']],
  [
    ['saturday', 'sunday'],
    ['weekend', 'weekends'],
  ],
  [['address'], ['address', 'location', 'located', 'directions']],
  [['phone'], ['phone', 'telephone', 'call']],
  [['warranty'], ['warranty', 'warranties', 'guarantee']],
]

// Spellings of one word that the stemmer leaves apart: replaced outright, as they mean the same.
const VARIANTS: readonly (readonly [string, readonly string[]])[] = [
  ['delivery', ['deliver', 'delivers', 'delivered', 'deliveries']],
  ['email', ['emails', 'mail']],
  ['tradein', ['tradeins']],
]

// Pairs of words that together name a concept neither word names alone.
const PHRASES: ReadonlyMap<string, readonly string[]> = new Map([
  ['how much', ['price']],
  ['oil change', ['service']],
  ['oil changes', ['service']],
])

function buildSynonyms(): Map<string, readonly string[]> {
  const synonyms = new Map<string, readonly string[]>()
  for (const [concepts, words] of GROUPS) {
    const stems = concepts.map(stemmer)
    for (const word of words) synonyms.set(stemmer(word), stems)
  }
  return synonyms
}

const SYNONYMS = buildSynonyms()
const VARIANT_STEMS: ReadonlyMap<string, string> = new Map(
  VARIANTS.flatMap(([word, variants]) =>
    variants.map((variant) => [stemmer(variant), stemmer(word)] as const),
  ),
)
// Checked first so the common case (not a phrase) costs one set lookup instead of a string concat.
const PHRASE_STARTS = new Set([...PHRASES.keys()].map((phrase) => phrase.split(' ')[0]))
const PHRASE_STEMS: ReadonlyMap<string, readonly string[]> = new Map(
  [...PHRASES].map(([phrase, concepts]) => [phrase, concepts.map(stemmer)]),
)

/**
 * The one stem a spelling variant is replaced by, so "deliver" and "delivery" are the same term.
 *
 * @example
 * ```ts
 * variantOf(stemmer('deliver')) // 'deliveri'
 * variantOf('financ') // 'financ'
 * ```
 */
export function variantOf(stem: string): string {
  return VARIANT_STEMS.get(stem) ?? stem
}

/**
 * The concept stems a stemmed word stands for, if it is one of the dealership words we normalise.
 * The word's own stem may be among them ("hours" → ['hour']).
 *
 * @example
 * ```ts
 * synonymsOf('financ') // ['financ']
 * synonymsOf('weekend') // ['saturdai', 'sundai']
 * ```
 */
export function synonymsOf(stem: string): readonly string[] | undefined {
  return SYNONYMS.get(stem)
}

/**
 * The concept stems two consecutive tokens name together, such as "how much" → price.
 *
 * @example
 * ```ts
 * phraseConcepts('oil', 'change') // ['servic']
 * ```
 */
export function phraseConcepts(first: string, second: string): readonly string[] | undefined {
  if (!PHRASE_STARTS.has(first)) return undefined
  return PHRASE_STEMS.get(`${first} ${second}`)
}
