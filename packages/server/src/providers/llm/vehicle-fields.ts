import type { Passage } from './index.ts'

/** A vehicle read from an inventory passage; every value is text copied from the passage. */
export interface Vehicle {
  name: string
  price: string | null
  mileage: string | null
  stockNumber: string | null
  vin: string | null
  status: string | null
}

const FIELD = /^\s*(?:[-*•]\s+)?([^:\n]{1,40}?):\s*(.+?)\s*$/
const SEPARATORS = /\r?\n|\s+\|\s+|;\s+/

// Feed column names vary by dealer-management system; these are the common spellings.
const ALIASES: Record<string, readonly string[]> = {
  year: ['year', 'modelyear'],
  make: ['make', 'manufacturer', 'brand'],
  model: ['model'],
  trim: ['trim', 'series', 'trimlevel'],
  price: ['price', 'saleprice', 'internetprice', 'askingprice', 'sellingprice', 'ourprice', 'msrp'],
  mileage: ['mileage', 'milage', 'miles', 'odometer', 'odo'],
  stockNumber: ['stock', 'stocknumber', 'stockno', 'stocknum', 'stockid'],
  vin: ['vin'],
  status: ['status', 'availability'],
  bodyStyle: ['body', 'bodystyle', 'bodytype', 'style', 'vehicletype'],
  condition: ['condition', 'newused', 'stocktype', 'type', 'inventorytype'],
}

/**
 * The "Field: value" lines of a passage, keyed by the field name lowercased with everything but
 * letters and digits removed ("Stock #" → "stock").
 *
 * @example
 * ```ts
 * readFields('Year: 2021\nMake: Toyota') // Map { 'year' => '2021', 'make' => 'Toyota' }
 * ```
 */
export function readFields(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const part of text.split(SEPARATORS)) {
    const match = FIELD.exec(part)
    if (match === null) continue
    const key = match[1]!.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
    if (key !== '' && !fields.has(key)) fields.set(key, match[2]!)
  }
  return fields
}

/**
 * The value of a vehicle field under any of its usual column names (see {@link readFields}):
 * `year`, `make`, `model`, `trim`, `price`, `mileage`, `stockNumber`, `vin`, `status`,
 * `bodyStyle`, `condition`.
 */
export function pick(fields: Map<string, string>, name: string): string | null {
  for (const alias of ALIASES[name] ?? []) {
    const value = fields.get(alias)
    if (value !== undefined && value !== '') return value
  }
  if (name !== 'price') return null
  // "Internet Special Price", "Dealer Price"…: any other column ending in "price".
  for (const [key, value] of fields) if (key.endsWith('price') && value !== '') return value
  return null
}

/**
 * Reads a passage as one inventory vehicle, or `null` when it is not one (a vehicle names at least
 * a make and a model, or sits under a heading that starts with a model year).
 *
 * @example
 * ```ts
 * readVehicle(passage)?.name // '2021 Toyota RAV4 XLE'
 * ```
 */
export function readVehicle(passage: Passage): Vehicle | null {
  const fields = readFields(passage.text)
  if (fields.size < 3) return null
  const year = pick(fields, 'year')
  const make = pick(fields, 'make')
  const model = pick(fields, 'model')
  const fromFields = [year, make, model, pick(fields, 'trim')].filter((part) => part !== null)
  const heading = passage.heading?.trim() ?? ''
  let name: string
  if (make !== null && model !== null) name = fromFields.join(' ')
  else if (/^(?:19|20)\d\d\s+\S/.test(heading)) name = heading
  else return null
  return {
    name,
    price: pick(fields, 'price'),
    mileage: pick(fields, 'mileage'),
    stockNumber: pick(fields, 'stockNumber'),
    vin: pick(fields, 'vin'),
    status: pick(fields, 'status'),
  }
}
