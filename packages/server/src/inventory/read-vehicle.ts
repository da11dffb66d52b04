import type { InventoryVehicle, VehicleCondition, VehicleField } from '@avataradam/sdk/protocol'
import { analyze } from '../language/analyze.ts'
import { LANGUAGE_CODES, languageOf } from '../language/language.ts'
import { FEATURE_CONCEPTS } from './features.ts'
import type { FeedColumn } from './feed-columns.ts'
import { modelInfo } from './makes-and-models.ts'
import {
  BODY_STYLE_WORDS,
  COLOR_FAMILIES,
  DRIVETRAIN_WORDS,
  FUEL_WORDS,
  STATUS_WORDS,
} from './vehicle-words.ts'
import { padded, wordIn } from './words.ts'

/** A vehicle read from one row of a feed, before it is stored: a vehicle without its ids. */
export interface VehicleDraft extends Omit<InventoryVehicle, 'id' | 'documentId'> {
  /** Every column as written. */
  fields: Record<string, string>
}

const YES = /^(?:y|yes|true|1|x|si|sí|certified|cpo)$/i
const NOT_GAS_WORDS = FUEL_WORDS.filter(([fuel]) => fuel !== 'gas')

/**
 * Reads one row of an inventory feed into a typed vehicle: numbers from "$27,900" and "31,200
 * mi", a body style from "Crew Cab Pickup" (or, failing a column, from the model), condition,
 * drivetrain and fuel from their columns or the trim ("XLE AWD Hybrid"), a colour family from a
 * paint name ("Blueprint" → blue), and features from a list column as the concepts they name.
 * Null when the row names no vehicle (no make, model, stock number or VIN).
 *
 * @example
 * ```ts
 * readVehicle({ Year: '2021', Make: 'Toyota', Model: 'RAV4', Price: '$27,900' }, columns)?.price
 * // 27900
 * ```
 */
export function readVehicle(
  fields: Record<string, string>,
  columns: readonly FeedColumn[],
): VehicleDraft | null {
  const value = (field: VehicleField): string | null => {
    const column = columns.find((c) => c.field === field)
    const raw = column ? fields[column.name]?.trim() : undefined
    return raw ? raw : null
  }
  const make = value('make')
  const model = value('model')
  const stockNumber = value('stockNumber')?.replace(/^#\s*/, '') ?? null
  const vin = value('vin')?.toUpperCase() ?? null
  if (!make && !model && !stockNumber && !vin) return null
  const trim = value('trim')
  const described = [model, trim, value('bodyStyle'), value('description')].join(' ')
  const year = integerIn(value('year'))
  const features = splitList(value('features'))
  const mpg = readMpg(value('mpg'))
  const known = make && model ? modelInfo(make, model) : null
  const conditionText = value('condition')
  const certified = value('certified')
  let condition = readCondition(conditionText)
  if (certified && YES.test(certified) && condition !== 'new') condition = 'certified'
  const exteriorColor = value('exteriorColor')
  const mileage = mileageIn(value('mileage'))
  // A feed without a condition column (a used-car lot's): a vehicle with miles on it is used.
  if (condition === null && conditionText === null && mileage !== null && mileage > 1000)
    condition = 'used'
  return {
    stockNumber,
    vin,
    year: year !== null && year >= 1900 && year <= 2100 ? year : null,
    make: known?.make ?? make,
    model,
    trim,
    bodyStyle: firstOf(BODY_STYLE_WORDS, value('bodyStyle')) ?? known?.bodyStyle ?? null,
    condition,
    mileage,
    price: amountIn(value('price')),
    msrp: amountIn(value('msrp')),
    exteriorColor,
    colorFamily: firstOf(COLOR_FAMILIES, exteriorColor),
    interiorColor: value('interiorColor'),
    drivetrain:
      firstOf(DRIVETRAIN_WORDS, value('drivetrain')) ?? firstOf(DRIVETRAIN_WORDS, described),
    // A model or trim names a hybrid or a diesel ("RAV4 Prime", "Duramax"), never gasoline: an
    // "XLE Premium" or a "Regular Cab" says nothing of the fuel.
    fuel:
      firstOf(FUEL_WORDS, value('fuel')) ?? firstOf(NOT_GAS_WORDS, `${model ?? ''} ${trim ?? ''}`),
    transmission: value('transmission'),
    engine: value('engine'),
    mpgCity: integerIn(value('mpgCity')) ?? mpg.city,
    mpgHighway: integerIn(value('mpgHighway')) ?? mpg.highway,
    features,
    featureKeys: featureKeys([...features, trim ?? '', value('description') ?? '']),
    status: firstOf(STATUS_WORDS, value('status')) ?? 'available',
    statusText: value('status'),
    url: httpUrl(value('url')),
    photoUrl: httpUrl(value('photoUrl')?.split(/[\s,|;]+/)[0] ?? null),
    fields,
  }
}

function firstOf<T>(
  lists: readonly (readonly [T, readonly string[]])[],
  text: string | null,
): T | null {
  if (!text) return null
  const haystack = padded(text)
  for (const [value, words] of lists) if (words.some((word) => wordIn(haystack, word))) return value
  return null
}

function readCondition(text: string | null): VehicleCondition | null {
  if (!text) return null
  const haystack = padded(text)
  if (['certified', 'cpo', 'certificado'].some((w) => wordIn(haystack, w))) return 'certified'
  if (['new', 'nuevo', 'nueva'].some((w) => wordIn(haystack, w))) return 'new'
  if (
    ['used', 'pre-owned', 'preowned', 'pre owned', 'usado', 'usada', 'seminuevo'].some((w) =>
      wordIn(haystack, w),
    )
  )
    return 'used'
  return null
}

/** "$27,900", "27900.00", "USD 27,900", "$27.900" → 27900; "Call", "0" → null. */
export function amountIn(text: string | null): number | null {
  const cleaned = withoutGrouping(text?.replace(/[$\s]|usd/gi, '') ?? '')
  const digits = cleaned.match(/^\d+(?:\.\d+)?$/)?.[0]
  if (digits === undefined) return null
  const amount = Number(digits)
  // Feeds put 0 for "call for price": quoting "$0" to a visitor would be wrong.
  return amount > 0 ? amount : null
}

function integerIn(text: string | null): number | null {
  const digits = text?.replace(/[,\s]/g, '').match(/^\d+/)?.[0]
  return digits === undefined ? null : Number(digits)
}

/**
 * A number with its thousands separators taken out: "27,900" and, as Spanish feeds write it,
 * "27.900" or "27.900,00" (a car's price or miles never has three decimals).
 */
function withoutGrouping(text: string): string {
  const dotted = /^\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?$/.test(text)
  return dotted ? text.replace(/\./g, '').replace(',', '.') : text.replace(/,/g, '')
}

/** "31,200 mi", "31.200 km", "45K", "31.2k miles" → whole miles (or kilometres, as written). */
function mileageIn(text: string | null): number | null {
  const match = text?.trim().match(/^(\d[\d.,]*(?:\s\d{3})*)\s*(k\b)?/i)
  if (!match) return null
  const number = Number(withoutGrouping(match[1]!.replace(/\s/g, '')))
  if (Number.isNaN(number)) return null
  return Math.round(match[2] ? number * 1000 : number)
}

/** "22/29", "27 city / 35 hwy", "28 City, 34 Highway", "30" (combined, for both). */
function readMpg(text: string | null): { city: number | null; highway: number | null } {
  const numbers = text?.match(/\d+(?:\.\d+)?/g)?.map(Number) ?? []
  if (numbers.length >= 2)
    return { city: Math.round(numbers[0]!), highway: Math.round(numbers[1]!) }
  if (numbers.length === 1)
    return { city: Math.round(numbers[0]!), highway: Math.round(numbers[0]!) }
  return { city: null, highway: null }
}

function splitList(text: string | null): string[] {
  if (!text) return []
  return text
    .split(/\s*[|;,•\n]\s*|\s+\/\s+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 1 && item.length <= 120)
}

/** The feature concepts (`third row`, `leather`…) named anywhere in these texts. */
function featureKeys(texts: readonly string[]): string[] {
  const keys = new Set<string>()
  for (const text of texts) {
    if (!text) continue
    // Feeds write features in English, Spanish, or both.
    for (const code of LANGUAGE_CODES) {
      for (const concept of analyze(text, languageOf(code)).concepts) {
        if (FEATURE_CONCEPTS.has(concept)) keys.add(concept)
      }
    }
  }
  return [...keys]
}

function httpUrl(text: string | null): string | null {
  if (!text) return null
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null
  } catch {
    return null
  }
}
