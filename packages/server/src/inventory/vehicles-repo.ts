import type {
  InventoryQuery,
  InventoryResult,
  InventorySort,
  InventoryVehicle,
} from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'
import { newId } from '../ids.ts'
import { FEATURE_CONCEPTS } from './features.ts'
import type { VehicleDraft } from './read-vehicle.ts'

const BATCH = 500

/**
 * A stock number as stored and looked up: "#A24101", " a24101" → "a24101". Compared with `=` so
 * the index serves it under row-level security, where `lower()` and LIKE are not leakproof.
 */
export const stockKey = (text: string): string => text.trim().replace(/^#\s*/, '').toLowerCase()
/** A VIN as stored and looked up: upper case, without spaces. */
export const vinKey = (text: string): string => text.replace(/\s+/g, '').toUpperCase()

/**
 * What a visitor's other words are looked for in: the vehicle's values and every column's value,
 * lowercased, never the column names (a header "Internet Price" made "price" match every
 * vehicle). Each whitespace-separated word once: a word asked (never with a space) is found in
 * it exactly when it is found in the values.
 *
 * @example
 * ```ts
 * searchText(draft) // '2021 toyota rav4 xle awd blueprint 2.5l 4-cyl …'
 * ```
 */
export function searchText(v: VehicleDraft): string {
  const values = [
    v.year,
    v.make,
    v.model,
    v.trim,
    v.exteriorColor,
    v.interiorColor,
    v.engine,
    v.transmission,
    ...v.features,
    ...Object.values(v.fields),
  ]
  const words = new Set<string>()
  for (const value of values) {
    if (value === null) continue
    for (const word of String(value).toLowerCase().split(/\s+/)) if (word) words.add(word)
  }
  return [...words].join(' ')
}

/** The feed's features as one lowercased text, for features no concept names ("skid plates"). */
export const featuresText = (v: VehicleDraft): string => v.features.join('|').toLowerCase()

/** Replaces a feed's vehicles, in the caller's transaction (with the rest of its content). */
export async function replaceVehicles(
  tx: Queryable,
  tenantId: string,
  documentId: string,
  vehicles: readonly VehicleDraft[],
): Promise<void> {
  await tx.query('delete from vehicles where document_id = $1', [documentId])
  for (let start = 0; start < vehicles.length; start += BATCH) {
    const rows = vehicles.slice(start, start + BATCH).map((v, i) => ({
      id: newId(),
      ordinal: start + i,
      stock_number: v.stockNumber,
      stock_key: v.stockNumber ? stockKey(v.stockNumber) || null : null,
      vin: v.vin,
      vin_key: v.vin ? vinKey(v.vin) || null : null,
      year: v.year,
      make: v.make,
      model: v.model,
      trim: v.trim,
      body_style: v.bodyStyle,
      condition: v.condition,
      mileage: v.mileage,
      price: v.price,
      msrp: v.msrp,
      exterior_color: v.exteriorColor,
      color_family: v.colorFamily,
      interior_color: v.interiorColor,
      drivetrain: v.drivetrain,
      fuel: v.fuel,
      transmission: v.transmission,
      engine: v.engine,
      mpg_city: v.mpgCity,
      mpg_highway: v.mpgHighway,
      features: v.features,
      feature_keys: v.featureKeys,
      status: v.status,
      status_text: v.statusText,
      url: v.url,
      photo_url: v.photoUrl,
      fields: v.fields,
      search_text: searchText(v),
      features_text: featuresText(v),
    }))
    await tx.query(
      `insert into vehicles (id, tenant_id, document_id, ordinal, stock_number, stock_key, vin,
         vin_key, year, make, model, trim, body_style, condition, mileage, price, msrp,
         exterior_color, color_family, interior_color, drivetrain, fuel, transmission, engine,
         mpg_city, mpg_highway, features, feature_keys, status, status_text, url, photo_url,
         fields, search_text, features_text)
       select v.id, $1, $2, v.ordinal, v.stock_number, v.stock_key, v.vin, v.vin_key, v.year,
         v.make, v.model, v.trim, v.body_style, v.condition, v.mileage, v.price, v.msrp,
         v.exterior_color, v.color_family, v.interior_color, v.drivetrain, v.fuel, v.transmission,
         v.engine, v.mpg_city, v.mpg_highway, coalesce(v.features, '{}'),
         coalesce(v.feature_keys, '{}'), v.status, v.status_text, v.url, v.photo_url, v.fields,
         v.search_text, v.features_text
       from jsonb_to_recordset($3::text::jsonb) as v (id uuid, ordinal int, stock_number text,
         stock_key text, vin text, vin_key text, year int, make text, model text, trim text,
         body_style text, condition text, mileage int, price numeric, msrp numeric,
         exterior_color text, color_family text, interior_color text, drivetrain text, fuel text,
         transmission text, engine text, mpg_city int, mpg_highway int, features text[],
         feature_keys text[], status text, status_text text, url text, photo_url text,
         fields jsonb, search_text text, features_text text)`,
      [tenantId, documentId, JSON.stringify(rows)],
    )
  }
}

interface VehicleRow extends Record<string, unknown> {
  id: string
  document_id: string
  stock_number: string | null
  vin: string | null
  year: number | null
  make: string | null
  model: string | null
  trim: string | null
  body_style: InventoryVehicle['bodyStyle']
  condition: InventoryVehicle['condition']
  mileage: number | null
  price: string | number | null
  msrp: string | number | null
  exterior_color: string | null
  color_family: string | null
  interior_color: string | null
  drivetrain: InventoryVehicle['drivetrain']
  fuel: InventoryVehicle['fuel']
  transmission: string | null
  engine: string | null
  mpg_city: number | null
  mpg_highway: number | null
  features: string[]
  feature_keys: string[]
  status: InventoryVehicle['status']
  status_text: string | null
  url: string | null
  photo_url: string | null
  fields?: Record<string, string>
  total?: string | number
}

// The columns of a feed a dealer writes remarks in: "Comments", "Dealer Notes", "Description".
const NOTES_COLUMN =
  /^(?:dealer\s*)?(?:comments?|notes?|remarks?|description|comentarios?|notas?|observaciones)$/i

/** What the feed says of a vehicle in its own words: its remark columns, joined. */
function notesOf(fields: Record<string, string>): string | null {
  const notes = Object.entries(fields)
    .filter(([column, value]) => NOTES_COLUMN.test(column.trim()) && value.trim())
    .map(([, value]) => value.trim())
  return notes.length > 0 ? notes.join(' ') : null
}

// biome-ignore format: a column list reads best packed
const COLUMN_LIST = ['id', 'document_id', 'stock_number', 'vin', 'year', 'make', 'model', 'trim',
  'body_style', 'condition', 'mileage', 'price', 'msrp', 'exterior_color', 'color_family',
  'interior_color', 'drivetrain', 'fuel', 'transmission', 'engine', 'mpg_city', 'mpg_highway',
  'features', 'feature_keys', 'status', 'status_text', 'url', 'photo_url']
const COLUMNS = COLUMN_LIST.join(', ')

const number = (value: string | number | null): number | null =>
  value === null ? null : Number(value)

function toVehicle(row: VehicleRow): InventoryVehicle {
  return {
    id: row.id,
    documentId: row.document_id,
    stockNumber: row.stock_number,
    vin: row.vin,
    year: row.year,
    make: row.make,
    model: row.model,
    trim: row.trim,
    bodyStyle: row.body_style,
    condition: row.condition,
    mileage: row.mileage,
    price: number(row.price),
    msrp: number(row.msrp),
    exteriorColor: row.exterior_color,
    colorFamily: row.color_family,
    interiorColor: row.interior_color,
    drivetrain: row.drivetrain,
    fuel: row.fuel,
    transmission: row.transmission,
    engine: row.engine,
    mpgCity: row.mpg_city,
    mpgHighway: row.mpg_highway,
    features: row.features,
    featureKeys: row.feature_keys,
    status: row.status,
    statusText: row.status_text,
    url: row.url,
    photoUrl: row.photo_url,
    ...(row.fields ? { notes: notesOf(row.fields) } : {}),
  }
}

// An MPG figure to compare vehicles by: the average of city and highway, else whichever is known;
// `t` is the table's alias with its dot, or nothing.
const mpg = (t = '') =>
  `coalesce((${t}mpg_city + ${t}mpg_highway) / 2.0, ${t}mpg_highway, ${t}mpg_city)`
const ORDER: Record<InventorySort, (t: string) => string> = {
  price_asc: (t) => `${t}price asc nulls last`,
  price_desc: (t) => `${t}price desc nulls last`,
  year_desc: (t) => `${t}year desc nulls last, ${t}price asc nulls last`,
  year_asc: (t) => `${t}year asc nulls last, ${t}price asc nulls last`,
  mileage_asc: (t) => `${t}mileage asc nulls last, ${t}price asc nulls last`,
  mpg_desc: (t) => `${mpg(t)} desc nulls last, ${t}price asc nulls last`,
}
/** What ORDER sorts by, for the narrow inner query. */
const SORT_KEYS = 'id, ordinal, price, year, mileage, mpg_city, mpg_highway'
const LOOSE = (column: string) =>
  `regexp_replace(lower(coalesce(${column}, '')), '[^a-z0-9]', '', 'g')`
const loose = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '')

/**
 * The tenant's vehicles that match every filter of the query, with how many match in all: one
 * statement over the whole inventory, never over a handful of retrieved passages. Runs in a
 * transaction scoped to the tenant, so row-level security backs up the tenant filter.
 *
 * @example
 * ```ts
 * await searchVehicles(tx, tenantId, { bodyStyle: 'suv', condition: 'used', priceMax: 30000 })
 * // { total: 8, vehicles: [...the 10 cheapest] }
 * ```
 */
export async function searchVehicles(
  tx: Queryable,
  tenantId: string,
  query: InventoryQuery,
): Promise<InventoryResult> {
  const params: unknown[] = [tenantId]
  const p = (value: unknown) => {
    params.push(value)
    return `$${params.length}`
  }
  const where = ['tenant_id = $1']
  if (!query.includeSold) where.push(`status <> 'sold'`)
  if (query.make) where.push(`lower(make) = lower(${p(query.make)})`)
  if (query.model) where.push(`${LOOSE('model')} like ${p(`${loose(query.model)}%`)}`)
  if (query.trim) where.push(`${LOOSE('trim')} like ${p(`%${loose(query.trim)}%`)}`)
  if (query.bodyStyle) where.push(`body_style = ${p(query.bodyStyle)}`)
  if (query.condition === 'used') where.push(`condition in ('used', 'certified')`)
  else if (query.condition) where.push(`condition = ${p(query.condition)}`)
  if (query.yearMin !== undefined) where.push(`year >= ${p(query.yearMin)}`)
  if (query.yearMax !== undefined) where.push(`year <= ${p(query.yearMax)}`)
  if (query.priceMin !== undefined) where.push(`price >= ${p(query.priceMin)}`)
  if (query.priceMax !== undefined) where.push(`price <= ${p(query.priceMax)}`)
  if (query.mileageMin !== undefined) where.push(`mileage >= ${p(query.mileageMin)}`)
  if (query.mileageMax !== undefined) where.push(`mileage <= ${p(query.mileageMax)}`)
  if (query.drivetrain) {
    const drivetrains = Array.isArray(query.drivetrain) ? query.drivetrain : [query.drivetrain]
    where.push(`drivetrain = any (${p(drivetrains)}::text[])`)
  }
  if (query.fuel === 'hybrid') where.push(`fuel in ('hybrid', 'plug-in hybrid')`)
  else if (query.fuel) where.push(`fuel = ${p(query.fuel)}`)
  if (query.color) {
    const color = query.color.toLowerCase()
    where.push(`(color_family = ${p(color)} or strpos(lower(exterior_color), ${p(color)}) > 0)`)
  }
  for (const feature of query.features ?? []) {
    const key = feature.toLowerCase().trim()
    // A concept ("third row") by the keys read at ingestion; other words in the feed's own
    // features, lowercased at ingestion (strpos: a plain substring, far cheaper than LIKE).
    where.push(
      FEATURE_CONCEPTS.has(key)
        ? `${p(key)} = any (feature_keys)`
        : `strpos(features_text, ${p(key)}) > 0`,
    )
  }
  if (query.mpgMin !== undefined) where.push(`${mpg()} >= ${p(query.mpgMin)}`)
  if (query.stockNumber) where.push(`stock_key = ${p(stockKey(query.stockNumber))}`)
  if (query.vin) where.push(`vin_key = ${p(vinKey(query.vin))}`)
  for (const word of (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    where.push(`strpos(search_text, ${p(word)}) > 0`)
  }
  const limit = Math.min(Math.max(query.limit ?? 10, 1), 50)
  const order = ORDER[query.sort ?? 'price_asc']
  // Counted over the sort keys only, then the few rows shown read whole: a window over the
  // full-width rows kept every match's ~30 columns until the limit (spilling to disk for "the
  // cheapest car"), and a second count(*) statement costs more than this.
  const rows = await tx.query<VehicleRow>(
    `select ${COLUMN_LIST.map((c) => `v.${c}`).join(', ')}, m.total
     from (
       select ${SORT_KEYS}, count(*) over () as total from vehicles
       where ${where.join(' and ')}
       order by ${order('')}, ordinal, id
       limit ${limit}
     ) m
     join vehicles v on v.id = m.id
     order by ${order('m.')}, m.ordinal, m.id`,
    params,
  )
  return { total: Number(rows[0]?.total ?? 0), vehicles: rows.map(toVehicle) }
}

/**
 * One vehicle by stock number or VIN, sold or not: the vehicle on a visitor's page.
 *
 * @example
 * ```ts
 * await findVehicle(tx, tenantId, { stockNumber: 'A24101' })
 * ```
 */
export async function findVehicle(
  tx: Queryable,
  tenantId: string,
  ids: { stockNumber?: string | undefined; vin?: string | undefined },
): Promise<InventoryVehicle | null> {
  const stock = ids.stockNumber ? stockKey(ids.stockNumber) : null
  const vin = ids.vin ? vinKey(ids.vin) : null
  if (!stock && !vin) return null
  const [row] = await tx.query<VehicleRow>(
    `select ${COLUMNS}, fields from vehicles
     where tenant_id = $1 and (stock_key = $2 or vin_key = $3)
     order by (stock_key = $2) desc nulls last, ordinal, id
     limit 1`,
    [tenantId, stock, vin],
  )
  return row ? toVehicle(row) : null
}

/** Vehicles by id, in the order given (the ones an earlier answer listed). */
export async function vehiclesById(
  tx: Queryable,
  tenantId: string,
  ids: readonly string[],
): Promise<InventoryVehicle[]> {
  if (ids.length === 0) return []
  const rows = await tx.query<VehicleRow>(
    `select ${COLUMNS}, fields from vehicles where tenant_id = $1 and id = any ($2::uuid[])`,
    [tenantId, ids],
  )
  const byId = new Map(rows.map((row) => [row.id, toVehicle(row)]))
  return ids.flatMap((id) => byId.get(id) ?? [])
}

/** What a dealership's inventory holds, for reading questions against it. */
export interface InventoryVocabulary {
  /** Makes with their models, as the feeds write them. */
  models: { make: string | null; model: string; bodyStyle: string | null }[]
  trims: string[]
  colors: string[]
  /** Vehicles that can be bought. */
  available: number
}

/** The makes, models, trims and colours of a tenant's inventory. */
export async function inventoryVocabulary(
  tx: Queryable,
  tenantId: string,
): Promise<InventoryVocabulary> {
  const rows = await tx.query<{
    make: string | null
    model: string | null
    body_style: string | null
    trims: string[]
    colors: string[]
    available: string | number
  }>(
    `select make, model, min(body_style) as body_style,
       array_agg(distinct trim) filter (where trim is not null) as trims,
       array_agg(distinct exterior_color) filter (where exterior_color is not null) as colors,
       count(*) filter (where status <> 'sold') as available
     from vehicles where tenant_id = $1
     group by make, model`,
    [tenantId],
  )
  return {
    models: rows
      .filter((row) => row.model !== null)
      .map((row) => ({ make: row.make, model: row.model!, bodyStyle: row.body_style })),
    trims: [...new Set(rows.flatMap((row) => row.trims ?? []))],
    colors: [...new Set(rows.flatMap((row) => row.colors ?? []))],
    available: rows.reduce((sum, row) => sum + Number(row.available), 0),
  }
}
