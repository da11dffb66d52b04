import { distance } from 'fastest-levenshtein'
import {
  canonicalMake,
  knownMakes,
  knownModels,
  modelKey,
} from '../../inventory/makes-and-models.ts'
import type { InventoryVocabulary } from '../../inventory/vehicles-repo.ts'

/** A make, model or trim found in a message, with the tokens it spans. */
export interface NameMention {
  make: string | null
  model: string | null
  trim: string | null
  start: number
  length: number
}

interface Entry {
  make: string | null
  model: string | null
  trim: string | null
}

/** The vehicle names a dealership's visitors may use, compiled once per inventory. */
export interface VehicleNames {
  /** Models, makes and trims in a message, longest first, never overlapping. */
  find(words: readonly string[]): NameMention[]
  /** Makes the inventory holds. */
  makes: ReadonlySet<string>
}

const MAX_WINDOW = 3
// First words of model names that are everyday words: "Grand", "Super Duty", "Sport".
const COMMON_MODEL_WORDS = new Set([
  'grand',
  'super',
  'sport',
  'limited',
  'premium',
  'touring',
  'base',
  'special',
  'classic',
  'new',
  'plus',
  'max',
  'one',
  'city',
  'crew',
  'cab',
  'double',
  'access',
  'king',
  'regular',
  'extended',
  'model',
  'range',
  'land',
  'town',
  'country',
  'grande',
  'gran',
  'nuevo',
])
const AMBIGUOUS_MAKES = new Set([
  'mini',
  'smart',
  'genesis',
  'mercury',
  'saturn',
  'jag',
  'lucid',
  'ram',
  'scion',
  'infinity',
  'caddy',
  'chev',
])

/**
 * Compiles the names of a dealership's inventory (its models, makes and trims) with every known
 * make and model, for finding them in messages however they are typed: "rav 4", "RAV4s", "crv",
 * "camery", "grand highlanders", "chevy".
 *
 * A known model the inventory does not hold counts only with its make, with a digit in it
 * ("Model 3"), or when the dealership sells that make: "escape" or "pilot" alone are words.
 *
 * @example
 * ```ts
 * vehicleNames(vocabulary).find(['any', 'rav', '4s'])[0] // { make: 'Toyota', model: 'RAV4', … }
 * ```
 */
export function vehicleNames(
  vocabulary: InventoryVocabulary,
  /** Whether a word is an everyday word: not a model name alone ("grand", "escape"). */
  isWord: (word: string) => boolean = () => false,
  /** Whether a word is known (everyday, or in the dealership's documents): never taken for a misspelt model. */
  isKnown: (word: string) => boolean = isWord,
): VehicleNames {
  const exact = new Map<string, Entry>()
  const fuzzy: [string, Entry][] = []
  const makes = new Set<string>()
  for (const { make, model } of vocabulary.models) {
    const canonical = make ? (canonicalMake(make) ?? make) : null
    if (canonical) makes.add(canonical)
    const key = modelKey(model)
    if (key.length < 2) continue
    // "IS", "ES", "Z": a model that short is a word unless its make comes with it.
    if (key.length > 2 || /\d/.test(key)) exact.set(key, { make: canonical, model, trim: null })
    if (canonical) exact.set(`${modelKey(canonical)}${key}`, { make: canonical, model, trim: null })
    if (key.length >= 5) fuzzy.push([key, { make: canonical, model, trim: null }])
    // "Silverado 1500 LT": the model's first words alone too, when they are not everyday words
    // ("Grand" of "Grand Cherokee" is not a model).
    const words = model.split(/\s+/)
    for (let n = words.length - 1; n >= 1; n--) {
      const prefix = words.slice(0, n).join(' ')
      const shorter = modelKey(prefix)
      if (shorter.length < 3 || exact.has(shorter)) continue
      if (n === 1 && (isWord(shorter) || COMMON_MODEL_WORDS.has(shorter))) continue
      exact.set(shorter, { make: canonical, model: prefix, trim: null })
    }
  }
  for (const model of knownModels()) {
    const key = modelKey(model.name)
    if (exact.has(key) || key.length < 2) continue
    if ((makes.has(model.make) || /\d/.test(key)) && key.length > 2 && !isWord(key)) {
      exact.set(key, { make: model.make, model: model.name, trim: null })
    }
    exact.set(`${modelKey(model.make)}${key}`, { make: model.make, model: model.name, trim: null })
  }
  for (const [alias, make] of knownMakes()) {
    if (exact.has(alias)) continue
    // "mini van", "smart key": a make that is an everyday word counts only if the lot sells it.
    if (AMBIGUOUS_MAKES.has(alias) && !makes.has(make)) continue
    exact.set(alias, { make, model: null, trim: null })
  }
  for (const trim of vocabulary.trims) {
    const key = modelKey(trim)
    if (
      key.length >= 3 &&
      !exact.has(key) &&
      !/^(?:base|standard|std)$/.test(key) &&
      !isWord(key)
    ) {
      exact.set(key, { make: null, model: null, trim })
    }
  }
  // "the pro-4x" for "PRO-4X Crew Cab", "the xse" for "XSE V6": a trim's first word, when it is
  // a name (not a word such as "limited", and not already a model's or another trim's).
  for (const trim of vocabulary.trims) {
    const first = trim.split(/\s+/)[0]!
    const key = modelKey(first)
    if (first === trim || key.length < 3 || exact.has(key) || isWord(key)) continue
    exact.set(key, { make: null, model: null, trim: first })
  }

  const lookup = (key: string, single: boolean): Entry | null => {
    const hit = exact.get(key) ?? (key.endsWith('s') ? exact.get(key.slice(0, -1)) : undefined)
    if (hit) return hit
    if (!single || key.length < 5 || /\d/.test(key) || isKnown(key)) return null
    // One letter off: "camery", "tacomma", "silverdo".
    for (const [candidate, entry] of fuzzy) {
      if (Math.abs(candidate.length - key.length) <= 1 && distance(candidate, key) <= 1)
        return entry
    }
    return null
  }

  return {
    makes,
    find(words) {
      const found: NameMention[] = []
      for (let i = 0; i < words.length; ) {
        let match: NameMention | null = null
        for (let n = Math.min(MAX_WINDOW, words.length - i); n >= 1 && !match; n--) {
          const key = modelKey(words.slice(i, i + n).join(' '))
          if (key.length < 2) continue
          const entry = lookup(key, n === 1)
          if (entry) match = { ...entry, start: i, length: n }
        }
        if (match) {
          // "toyota rav4": the make and the model are one vehicle.
          const previous = found.at(-1)
          if (
            previous &&
            previous.start + previous.length === match.start &&
            previous.model === null &&
            match.model !== null
          ) {
            previous.model = match.model
            previous.length += match.length
            previous.make ??= match.make
          } else if (
            previous &&
            previous.start + previous.length === match.start &&
            match.trim !== null &&
            match.model === null &&
            previous.model !== null &&
            previous.trim === null
          ) {
            previous.trim = match.trim
            previous.length += match.length
          } else found.push(match)
          i += match.length
        } else i++
      }
      return found
    },
  }
}
