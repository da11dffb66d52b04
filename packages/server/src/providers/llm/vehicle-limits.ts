/** Price and mileage limits a visitor put on the vehicles they ask about. */
export interface VehicleLimits {
  maxPrice?: number
  minPrice?: number
  maxMileage?: number
  minMileage?: number
}

const AMOUNT = String.raw`\$?\s?(\d[\d,]*(?:\.\d+)?)\s?(k\b)?(\s*(?:miles?|mi)\b)?`
const BETWEEN = new RegExp(String.raw`\bbetween\s+${AMOUNT}\s+(?:and|to|-)\s+${AMOUNT}`, 'gi')
const UPPER_WORDS = String.raw`under|below|less\s+than|cheaper\s+than|no\s+more\s+than|up\s+to`
const UPPER = new RegExp(
  String.raw`\b(?:${UPPER_WORDS}|at\s+most|max(?:imum)?|within)\s+${AMOUNT}`,
  'gi',
)
const LOWER = new RegExp(
  String.raw`\b(?:over|above|more\s+than|at\s+least|min(?:imum)?)\s+${AMOUNT}`,
  'gi',
)

interface Amount {
  value: number
  miles: boolean
}

// "under 5 years" is not a price: only dollar signs, "k" or four-digit amounts count.
function amount(
  number: string | undefined,
  thousands: string | undefined,
  miles: string | undefined,
  text: string,
): Amount | null {
  if (number === undefined) return null
  const value = Number(number.replaceAll(',', '')) * (thousands === undefined ? 1 : 1000)
  if (!Number.isFinite(value)) return null
  if (!text.includes('$') && thousands === undefined && value < 1000) return null
  return { value, miles: miles !== undefined }
}

/**
 * Finds "under $30,000", "over 20k", "between $15k and $25k", "under 50,000 miles" in a question;
 * returns the limits and the question with those phrases removed, so the amounts are not also
 * matched as words.
 *
 * @example
 * ```ts
 * readVehicleLimits('SUVs under $30,000?') // { limits: { maxPrice: 30000 }, rest: 'SUVs ?' }
 * ```
 */
export function readVehicleLimits(question: string): { limits: VehicleLimits; rest: string } {
  const limits: VehicleLimits = {}
  const set = (found: Amount | null, bound: 'max' | 'min'): boolean => {
    if (found === null) return false
    limits[`${bound}${found.miles ? 'Mileage' : 'Price'}`] = found.value
    return true
  }
  let rest = question.replace(BETWEEN, (whole, n1, k1, m1, n2, k2, m2) => {
    // "between 20 and 30k" means thousands on both ends.
    const low = amount(n1, k1 ?? k2, m1 ?? m2, whole)
    const high = amount(n2, k2, m2 ?? m1, whole)
    return set(low, 'min') && set(high, 'max') ? ' ' : whole
  })
  rest = rest.replace(UPPER, (whole, n, k, m) => (set(amount(n, k, m, whole), 'max') ? ' ' : whole))
  rest = rest.replace(LOWER, (whole, n, k, m) => (set(amount(n, k, m, whole), 'min') ? ' ' : whole))
  return { limits, rest }
}

/**
 * Reads "$27,900", "27900" or "31,200 mi" as a number; `null` for "Call for price".
 *
 * @example
 * ```ts
 * parseAmount('$27,900') // 27900
 * ```
 */
export function parseAmount(value: string | null): number | null {
  const digits = value?.match(/\d[\d,]*(?:\.\d+)?/)?.[0]
  return digits === undefined ? null : Number(digits.replaceAll(',', ''))
}

/**
 * Whether a vehicle's price and mileage fit the limits. A vehicle without a price (or mileage)
 * fails a price (or mileage) limit: we cannot claim it fits.
 *
 * @example
 * ```ts
 * withinLimits({ maxPrice: 30000 }, '$27,900', '31200') // true
 * ```
 */
export function withinLimits(
  limits: VehicleLimits,
  price: string | null,
  mileage: string | null,
): boolean {
  const priceValue = parseAmount(price)
  const mileageValue = parseAmount(mileage)
  const fits = (value: number | null, min: number | undefined, max: number | undefined) =>
    (min === undefined && max === undefined) ||
    (value !== null && (min === undefined || value >= min) && (max === undefined || value <= max))
  return (
    fits(priceValue, limits.minPrice, limits.maxPrice) &&
    fits(mileageValue, limits.minMileage, limits.maxMileage)
  )
}

/**
 * Whether the question set any limit.
 *
 * @example
 * ```ts
 * hasLimits(readVehicleLimits('SUVs under 30k').limits) // true
 * ```
 */
export function hasLimits(limits: VehicleLimits): boolean {
  return Object.keys(limits).length > 0
}
