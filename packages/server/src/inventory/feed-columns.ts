import type { VehicleField } from '@avataradam/sdk/protocol'
import { fold } from '../language/fold.ts'
import { COLUMN_NAMES } from './column-names.ts'
import { BODY_STYLE_WORDS } from './vehicle-words.ts'

/** A feed's column and the field it is read as (`null`: not used). */
export interface FeedColumn {
  name: string
  field: VehicleField | null
}

const byName = new Map<string, VehicleField[]>()
for (const [field, names] of Object.entries(COLUMN_NAMES) as [VehicleField, string[]][]) {
  for (const name of names) {
    const fields = byName.get(name) ?? []
    fields.push(field)
    byName.set(name, fields)
  }
}

/** A column name compared as the lists write them: "Ext. Color" → "extcolor". */
export const columnKey = (name: string): string => fold(name).replace(/[^a-z0-9]/g, '')

const CONDITION_VALUE =
  /^(?:new|used|certified|cpo|pre-?owned|certified pre-?owned|nuevo|usado|seminuevo|certificado)\b/i
const PRICE_PRIORITY: readonly string[] = [
  'internetprice',
  'saleprice',
  'sellingprice',
  'specialprice',
  'ourprice',
  'webprice',
  'onlineprice',
  'internetspecial',
  'price',
]

/**
 * Which field each column of a feed is read as, by its header and, where a header could mean
 * two things ("Type": new/used or body style), by its values. A field is taken by one column at
 * most, the first that claims it; prices prefer the selling price to MSRP.
 *
 * @example
 * ```ts
 * mapColumns(['Stock #', 'Yr', 'Make'], rows).map((c) => c.field) // ['stockNumber', 'year', 'make']
 * ```
 */
export function mapColumns(header: readonly string[], rows: readonly string[][]): FeedColumn[] {
  const taken = new Set<VehicleField>()
  const columns: FeedColumn[] = header.map((name) => ({ name, field: null }))
  // Pass 1: names that mean one field. Pass 2: names whose values decide.
  const candidates = header.map((name) => candidateFields(name))
  const order = header
    .map((_, i) => i)
    .sort((a, b) => priceRank(header[a]!) - priceRank(header[b]!))
  for (const pass of [1, 2]) {
    for (const i of order) {
      if (columns[i]!.field !== null) continue
      const fields = candidates[i]!.filter((f) => !taken.has(f))
      if (fields.length === 0) continue
      if (pass === 1 && candidates[i]!.length > 1) continue
      const field = fields.length === 1 ? fields[0]! : decideByValues(fields, valuesOf(rows, i))
      if (field === null) continue
      columns[i]!.field = field
      taken.add(field)
    }
  }
  return columns
}

function candidateFields(name: string): VehicleField[] {
  const key = columnKey(name)
  const exact = byName.get(key)
  if (exact) return exact
  // "Internet Special Price", "Dealer Price"…: any other column ending in "price".
  if (key.endsWith('price') || key.startsWith('precio')) return ['price']
  if (key.includes('mpg')) return ['mpg']
  if (key.startsWith('vin')) return ['vin']
  if (key.startsWith('stock')) return ['stockNumber']
  return []
}

function priceRank(name: string): number {
  const rank = PRICE_PRIORITY.indexOf(columnKey(name))
  return rank === -1 ? PRICE_PRIORITY.length : rank
}

function valuesOf(rows: readonly string[][], i: number): string[] {
  const values: string[] = []
  for (const row of rows) {
    const value = row[i]?.trim()
    if (value) values.push(value)
    if (values.length >= 50) break
  }
  return values
}

function decideByValues(fields: VehicleField[], values: string[]): VehicleField | null {
  if (values.length === 0) return null
  const share = (test: (v: string) => boolean) => values.filter(test).length / values.length
  if (fields.includes('condition') && share((v) => CONDITION_VALUE.test(v)) >= 0.6) {
    return 'condition'
  }
  if (fields.includes('bodyStyle') && share(isBodyStyle) >= 0.6) return 'bodyStyle'
  return null
}

function isBodyStyle(value: string): boolean {
  const folded = ` ${fold(value).replace(/[^a-z0-9]+/g, ' ')} `
  return BODY_STYLE_WORDS.some(([, words]) => words.some((w) => folded.includes(` ${w} `)))
}
