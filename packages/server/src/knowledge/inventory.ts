import type { Queryable } from '../db/index.ts'
import type { Passage } from '../providers/llm/index.ts'
import { pick, readFields } from '../providers/llm/vehicle-fields.ts'
import { displayTitle } from './documents-repo.ts'

/** What a visitor may ask of the inventory; every filter is optional. */
export interface InventoryFilters {
  make?: string | undefined
  model?: string | undefined
  yearMin?: number | undefined
  yearMax?: number | undefined
  priceMax?: number | undefined
  bodyStyle?: string | undefined
  /** `new`, `used` or `certified`. */
  condition?: string | undefined
  /** Words that must all appear in the vehicle's listing (colour, feature, trim…). */
  text?: string | undefined
}

/** A vehicle of the inventory, read from its chunk (one chunk per CSV row, see chunk-vehicle.ts). */
export interface InventoryVehicle {
  name: string
  year: number | null
  make: string | null
  model: string | null
  trim: string | null
  price: number | null
  mileage: string | null
  bodyStyle: string | null
  condition: string | null
  stockNumber: string | null
  vin: string | null
  /** The vehicle's chunk, as a passage the answer can cite. */
  passage: Passage
}

// Enough for a dealership's whole lot; the scan reads rows of inventory documents only.
const MAX_ROWS = 10_000

const lower = (value: string | null) => value?.toLowerCase() ?? ''
const numberIn = (value: string | null) => {
  const digits = value?.replace(/[$,\s]|USD/gi, '') ?? ''
  return /^\d+(?:\.\d+)?$/.test(digits) ? Number(digits) : null
}

/**
 * The tenant's inventory vehicles (rows of its ready CSV documents) that match every filter,
 * cheapest first. Runs in a transaction scoped to the tenant: row-level security refuses any other
 * tenant's rows even if the query were wrong.
 */
export async function searchInventory(
  tx: Queryable,
  tenantId: string,
  filters: InventoryFilters,
): Promise<InventoryVehicle[]> {
  const rows = await tx.query<{
    id: string
    document_id: string
    heading: string | null
    content: string
    title: string | null
    filename: string | null
  }>(
    `select c.id, c.document_id, c.heading, c.content, d.title, d.filename
     from chunks c join documents d on d.id = c.document_id
     where c.tenant_id = $1 and d.tenant_id = $1 and d.kind = 'csv' and d.status = 'ready'
     order by d.created_at, c.ordinal
     limit ${MAX_ROWS}`,
    [tenantId],
  )
  const words = (filters.text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  const matches: InventoryVehicle[] = []
  for (const row of rows) {
    const fields = readFields(row.content)
    const make = pick(fields, 'make')
    const model = pick(fields, 'model')
    if (make === null && model === null) continue
    const vehicle: InventoryVehicle = {
      name: row.heading ?? [make, model].filter(Boolean).join(' '),
      year: numberIn(pick(fields, 'year')),
      make,
      model,
      trim: pick(fields, 'trim'),
      price: numberIn(pick(fields, 'price')),
      mileage: pick(fields, 'mileage'),
      bodyStyle: pick(fields, 'bodyStyle'),
      condition: pick(fields, 'condition'),
      stockNumber: pick(fields, 'stockNumber'),
      vin: pick(fields, 'vin'),
      passage: {
        chunkId: row.id,
        documentId: row.document_id,
        title: displayTitle(row.title, row.filename),
        heading: row.heading,
        text: row.content,
        similarity: 1,
        textMatch: true,
      },
    }
    if (matchesFilters(vehicle, filters, words)) matches.push(vehicle)
  }
  return matches.sort((a, b) => (a.price ?? Infinity) - (b.price ?? Infinity))
}

function matchesFilters(v: InventoryVehicle, f: InventoryFilters, words: string[]): boolean {
  if (f.make && lower(v.make) !== f.make.toLowerCase()) return false
  // "RAV4" finds "RAV4 Hybrid"; "F-150" finds "F150".
  if (f.model && !loose(lower(v.model)).includes(loose(f.model.toLowerCase()))) return false
  if (f.yearMin !== undefined && (v.year === null || v.year < f.yearMin)) return false
  if (f.yearMax !== undefined && (v.year === null || v.year > f.yearMax)) return false
  if (f.priceMax !== undefined && (v.price === null || v.price > f.priceMax)) return false
  if (f.bodyStyle && !lower(v.bodyStyle).includes(f.bodyStyle.toLowerCase())) return false
  if (f.condition) {
    const condition = lower(v.condition)
    const wanted = f.condition.toLowerCase()
    // Certified pre-owned cars are used cars too.
    const ok =
      wanted === 'used'
        ? /used|pre-?owned|certified|cpo/.test(condition)
        : wanted === 'certified'
          ? /certified|cpo/.test(condition)
          : condition.includes(wanted)
    if (!ok) return false
  }
  if (words.length > 0) {
    const listing = `${v.passage.heading ?? ''}\n${v.passage.text}`.toLowerCase()
    if (!words.every((word) => listing.includes(word))) return false
  }
  return true
}

const loose = (s: string) => s.replace(/[^a-z0-9]/g, '')
