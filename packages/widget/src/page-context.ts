import type { PageContext, PageVehicle } from '@avataradam/sdk'

/**
 * Where the visitor is, sent with each new conversation: the URL, the title and the vehicle on
 * the page. Values are clipped to the server's limits, since one over-long title would otherwise
 * get the whole connection refused.
 */
export function pageContext(doc: Document = document): PageContext {
  const vehicle = findVehicle(doc)
  const title = clip(doc.title.trim(), 300)
  return {
    url: doc.location.href.slice(0, 2048),
    ...(title ? { title } : {}),
    ...(vehicle ? { vehicle } : {}),
  }
}

/**
 * The vehicle a page is about: a `data-avatar-adam-vehicle` JSON attribute on any element (the
 * dealer said so explicitly), else the first schema.org `Vehicle`/`Car` in the page's JSON-LD.
 */
export function findVehicle(root: ParentNode): PageVehicle | undefined {
  for (const element of root.querySelectorAll('[data-avatar-adam-vehicle]')) {
    const vehicle = vehicleFromData(parseJson(element.getAttribute('data-avatar-adam-vehicle')))
    if (vehicle) return vehicle
  }
  for (const script of root.querySelectorAll('script[type="application/ld+json"]')) {
    const vehicle = vehicleFromJsonLd(parseJson(script.textContent))
    if (vehicle) return vehicle
  }
  return undefined
}

/** A `data-avatar-adam-vehicle` value: the protocol's own field names. */
export function vehicleFromData(data: unknown): PageVehicle | undefined {
  if (!isObject(data)) return undefined
  return compact({
    vin: text(data.vin, 32),
    stockNumber: text(data.stockNumber, 64),
    year: year(data.year),
    make: text(data.make, 64),
    model: text(data.model, 64),
    trim: text(data.trim, 64),
    price: price(data.price),
    url: absoluteUrl(data.url),
  })
}

const VEHICLE_TYPES = new Set(['Vehicle', 'Car', 'Motorcycle', 'BusOrCoach', 'MotorizedBicycle'])

/** The first schema.org vehicle in a JSON-LD document (arrays, `@graph` and nesting included). */
export function vehicleFromJsonLd(data: unknown): PageVehicle | undefined {
  const node = findNode(data, 0)
  if (!node) return undefined
  const make = name(node.brand) ?? name(node.manufacturer)
  const fullName = text(node.name, 300)
  const modelYear = year(node.vehicleModelDate) ?? year(node.modelDate) ?? year(node.productionDate)
  return compact({
    vin: text(node.vehicleIdentificationNumber, 32),
    stockNumber: text(node.sku, 64),
    year: modelYear ?? year(fullName?.match(/\b(19|20)\d{2}\b/)?.[0]),
    make: make ? clip(make, 64) : undefined,
    model: clip(name(node.model) ?? modelFromName(fullName, make), 64),
    trim: text(node.vehicleConfiguration, 64),
    price: offerPrice(node.offers),
    url: absoluteUrl(node.url),
  })
}

function findNode(data: unknown, depth: number): Record<string, unknown> | undefined {
  if (depth > 8) return undefined
  if (Array.isArray(data)) {
    for (const item of data) {
      const found = findNode(item, depth + 1)
      if (found) return found
    }
    return undefined
  }
  if (!isObject(data)) return undefined
  const types = [data['@type']].flat().filter((t): t is string => typeof t === 'string')
  // `Car`, `schema:Car` and `https://schema.org/Car` all name the same type.
  if (types.some((t) => VEHICLE_TYPES.has(t.split(/[/:#]/).at(-1) ?? ''))) return data
  for (const value of Object.values(data)) {
    const found = findNode(value, depth + 1)
    if (found) return found
  }
  return undefined
}

/** "2021 Honda Civic EX" with make "Honda" → "Civic EX". */
function modelFromName(fullName: string | undefined, make: string | undefined): string | undefined {
  if (!fullName) return undefined
  let rest = fullName.replace(/^\s*(19|20)\d{2}\s+/, '')
  if (make && rest.toLowerCase().startsWith(`${make.toLowerCase()} `))
    rest = rest.slice(make.length)
  return rest.trim() || undefined
}

function offerPrice(offers: unknown): number | undefined {
  for (const offer of [offers].flat()) {
    if (!isObject(offer)) continue
    const spec = [offer.priceSpecification].flat()[0]
    const found =
      price(offer.price) ??
      price(offer.lowPrice) ??
      (isObject(spec) ? price(spec.price) : undefined)
    if (found !== undefined) return found
  }
  return undefined
}

/** A brand may be a string or a `{ "@type": "Brand", "name": … }` object. */
function name(value: unknown): string | undefined {
  if (isObject(value)) return text(value.name, 300)
  return text(value, 300)
}

function text(value: unknown, max: number): string | undefined {
  if (typeof value === 'number') value = String(value)
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed ? clip(trimmed, max) : undefined
}

/**
 * A vehicle's link as the server accepts it: absolute http(s). JSON-LD often gives a path
 * ("/inventory/A24101"), which is resolved against the page.
 */
function absoluteUrl(value: unknown): string | undefined {
  const raw = text(value, 2048)
  if (!raw) return undefined
  try {
    const url = new URL(raw, globalThis.document?.baseURI)
    return /^https?:$/.test(url.protocol) && url.href.length <= 2048 ? url.href : undefined
  } catch {
    return undefined
  }
}

function year(value: unknown): number | undefined {
  const match = String(value ?? '').match(/^\s*(\d{4})/)
  const n = match ? Number(match[1]) : Number.NaN
  return n >= 1900 && n <= 2100 ? n : undefined
}

/** 24995, "24995.00", "$24,995" → 24995. */
function price(value: unknown): number | undefined {
  const n =
    typeof value === 'number' ? value : Number(String(value ?? '').replace(/[^0-9.]/g, '') || NaN)
  return Number.isFinite(n) && n > 0 && n <= 100_000_000 ? n : undefined
}

function clip<T extends string | undefined>(value: T, max: number): T {
  return (value === undefined ? value : value.slice(0, max)) as T
}

function compact(vehicle: PageVehicle): PageVehicle | undefined {
  const entries = Object.entries(vehicle).filter(([, v]) => v !== undefined)
  return entries.length > 0 ? (Object.fromEntries(entries) as PageVehicle) : undefined
}

function parseJson(source: string | null): unknown {
  try {
    return JSON.parse(source ?? '')
  } catch {
    return undefined
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
