import type { InventoryQuery, InventoryResult, InventoryVehicle } from '@avataradam/sdk/protocol'
import type { Language } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import type { VehicleAsk, VehicleRequest } from '../understand/types.ts'
import type { Composed } from './composed.ts'
import { count, listOf, money, reply } from './replies.ts'

const SHOWN = 3
const SHOWN_WHEN_FEW = 5

/**
 * What an inventory search found, in words: "8 used SUVs under $30,000", "2 Toyota RAV4s",
 * "3 vehículos SUV usados de menos de $30,000".
 *
 * @example
 * ```ts
 * describe({ condition: 'used', bodyStyle: 'suv', priceMax: 30000 }, 8, ENGLISH) // 'used SUVs under $30,000'
 * ```
 */
export function describe(query: InventoryQuery, total: number, language: Language): string {
  const w = language.pack.inventoryWords
  const plural = total !== 1
  const adjectives: string[] = []
  const form = (word: string | [string, string] | undefined, fallback: string) =>
    word === undefined ? fallback : typeof word === 'string' ? word : word[plural ? 1 : 0]
  if (query.condition) adjectives.push(form(w.conditions[query.condition], query.condition))
  if (query.color) adjectives.push(w.colors[query.color] ?? query.color)
  if (query.fuel) adjectives.push(form(w.fuels[query.fuel], query.fuel))
  const name = [query.make, query.model, query.trim].filter(Boolean).join(' ')
  const bodyWords = query.bodyStyle ? w.bodyStyles[query.bodyStyle] : undefined
  let noun: string
  if (name) {
    noun =
      plural && !language.pack.inventoryWords.adjectivesAfterNoun && !/s$/i.test(name)
        ? `${name}s`
        : name
    if (bodyWords && !query.model) noun = `${name} ${bodyWords[plural ? 1 : 0]}`
  } else if (bodyWords) noun = bodyWords[plural ? 1 : 0]
  else noun = w.vehicle[plural ? 1 : 0]
  if (language.pack.inventoryWords.adjectivesAfterNoun && name)
    noun = `${w.vehicle[plural ? 1 : 0]} ${noun}`
  const phrases: string[] = []
  if (query.drivetrain) {
    const drivetrains = Array.isArray(query.drivetrain) ? query.drivetrain : [query.drivetrain]
    phrases.push(
      listOf(
        language,
        drivetrains.map((d) => w.drivetrains[d] ?? d),
      ).replace(` ${language.pack.replies.and} `, ' / '),
    )
  }
  if (query.priceMin !== undefined && query.priceMax !== undefined) {
    phrases.push(
      fill(w.phrases.between, { min: money(query.priceMin), max: money(query.priceMax) }),
    )
  } else if (query.priceMax !== undefined)
    phrases.push(fill(w.phrases.under, { amount: money(query.priceMax) }))
  else if (query.priceMin !== undefined)
    phrases.push(fill(w.phrases.over, { amount: money(query.priceMin) }))
  if (query.mileageMax !== undefined)
    phrases.push(fill(w.phrases.milesUnder, { amount: count(query.mileageMax) }))
  if (query.mileageMin !== undefined)
    phrases.push(fill(w.phrases.milesOver, { amount: count(query.mileageMin) }))
  if (query.yearMin !== undefined && query.yearMax === query.yearMin)
    phrases.push(fill(w.phrases.year, { year: String(query.yearMin) }))
  else {
    if (query.yearMin !== undefined)
      phrases.push(fill(w.phrases.yearFrom, { year: String(query.yearMin) }))
    if (query.yearMax !== undefined)
      phrases.push(fill(w.phrases.yearTo, { year: String(query.yearMax) }))
  }
  if (query.features?.length) {
    const named = query.features.map((f) => w.features[f] ?? f)
    phrases.push(fill(w.phrases.withFeatures, { list: listOf(language, named) }))
  }
  if (query.mpgMin !== undefined)
    phrases.push(fill(w.phrases.mpgAtLeast, { amount: String(query.mpgMin) }))
  const head = w.adjectivesAfterNoun ? [noun, ...adjectives] : [...adjectives, noun]
  return [...head, ...phrases].join(' ')
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole)
}

/** "2021 Toyota RAV4 XLE". */
export function vehicleName(vehicle: InventoryVehicle): string {
  const model = vehicle.model ?? ''
  const trim =
    vehicle.trim && !model.toLowerCase().endsWith(vehicle.trim.toLowerCase()) ? vehicle.trim : null
  return [vehicle.year, vehicle.make, model, trim]
    .filter((part) => part !== null && part !== '')
    .join(' ')
}

/**
 * One vehicle as a Markdown bullet: its name (linked to its page), price, mileage, and what the
 * question asked of it (MPG, colour, drivetrain…), all from its row.
 *
 * @example
 * ```ts
 * vehicleBullet(vehicle, ['mpg'], ENGLISH)
 * // '- [2021 Toyota RAV4 XLE](https://…) — $27,900, 31,200 miles, 27/35 MPG (stock A24101)'
 * ```
 */
export function vehicleBullet(
  vehicle: InventoryVehicle,
  asks: readonly VehicleAsk[],
  language: Language,
): string {
  const labels = language.pack.inventoryWords.labels
  const name = vehicle.url
    ? `[${vehicleName(vehicle)}](${vehicle.url})`
    : `**${vehicleName(vehicle)}**`
  const details: string[] = []
  if (vehicle.price !== null) details.push(money(vehicle.price))
  if (vehicle.mileage !== null && (vehicle.condition !== 'new' || vehicle.mileage > 500)) {
    details.push(`${count(vehicle.mileage)} ${labels.miles}`)
  }
  for (const ask of asks) {
    const value = askValue(vehicle, ask, language)
    if (value && !details.includes(value)) details.push(value)
  }
  if (vehicle.status !== 'available')
    details.push(vehicle.statusText ?? labels[vehicle.status] ?? vehicle.status)
  const stock = vehicle.stockNumber ? ` (${labels.stock} ${vehicle.stockNumber})` : ''
  return `- ${name}${details.length > 0 ? ` — ${details.join(', ')}` : ''}${stock}`
}

/** A field of a vehicle in words, for a bullet or a sentence; null when the row lacks it. */
export function askValue(
  vehicle: InventoryVehicle,
  ask: VehicleAsk,
  language: Language,
): string | null {
  const labels = language.pack.inventoryWords.labels
  const w = language.pack.inventoryWords
  switch (ask) {
    case 'price':
      return vehicle.price === null ? null : money(vehicle.price)
    case 'mileage':
      return vehicle.mileage === null ? null : `${count(vehicle.mileage)} ${labels.miles}`
    case 'mpg':
      if (vehicle.mpgCity === null && vehicle.mpgHighway === null) return null
      if (
        vehicle.mpgCity !== null &&
        vehicle.mpgHighway !== null &&
        vehicle.mpgCity !== vehicle.mpgHighway
      ) {
        return `${vehicle.mpgCity} ${labels.city} / ${vehicle.mpgHighway} ${labels.highway} ${labels.mpg}`
      }
      return `${vehicle.mpgCity ?? vehicle.mpgHighway} ${labels.mpg}`
    case 'color':
      if (!vehicle.exteriorColor) return null
      return vehicle.interiorColor
        ? `${vehicle.exteriorColor} (${labels.exterior}), ${vehicle.interiorColor} (${labels.interior})`
        : vehicle.exteriorColor
    case 'drivetrain':
      return vehicle.drivetrain === null
        ? null
        : (w.drivetrains[vehicle.drivetrain] ?? vehicle.drivetrain).replace(/^con /, '')
    case 'fuel':
      if (vehicle.fuel === null) return null
      {
        const word = w.fuels[vehicle.fuel] ?? vehicle.fuel
        return typeof word === 'string' ? word : word[0]
      }
    case 'engine':
      return vehicle.engine
    case 'transmission':
      return vehicle.transmission
    case 'vin':
      return vehicle.vin ? `${labels.vin} ${vehicle.vin}` : null
    case 'trim':
      return vehicle.trim
    case 'year':
      return vehicle.year === null ? null : String(vehicle.year)
    case 'stock':
      return vehicle.stockNumber ? `${labels.stock} ${vehicle.stockNumber}` : null
    case 'available':
      return labels[vehicle.status] ?? vehicle.status
    case 'features':
      return vehicle.features.length > 0 ? vehicle.features.slice(0, 8).join(', ') : null
  }
}

/**
 * Answers an inventory search: how many vehicles match in all, then the best few for the order
 * asked (cheapest first unless asked otherwise), each linked to its page. When none match, says
 * so, names what the lot does have of the kind, and offers a person.
 *
 * @example
 * ```ts
 * inventoryAnswer(request, evidence, ENGLISH).lead
 * // ['We have 8 used SUVs under $30,000 available.', 'The 3 lowest priced:']
 * ```
 */
export function inventoryAnswer(
  request: Extract<VehicleRequest, { kind: 'search' }>,
  evidence: Evidence,
  language: Language,
): Composed | null {
  const search = evidence.search
  if (!search) return null
  const { query, result } = search
  const what = describe(query, result.total, language)
  const sources = [...new Set(result.vehicles.map((v) => v.documentId))]
  const context = { topic: 'inventory' as const, query, listed: result.vehicles.map((v) => v.id) }
  if (result.total === 0) {
    const lead = [reply(language, 'inventoryNone', { what: describe(query, 2, language) })]
    const relaxed = search.relaxed
    if (relaxed && relaxed.result.total > 0) {
      const { result: found, query: broader } = relaxed
      // Without a condition asked for, say which the lot has ("used" where no new ones are).
      const conditions = [...new Set(found.vehicles.map((v) => v.condition))]
      const described =
        !broader.condition && conditions.length === 1
          ? { ...broader, condition: conditions[0]! }
          : broader
      return {
        lead: [
          reply(language, 'inventoryNoneOf', {
            what: describe(query, 2, language),
            count: found.total,
            other: describe(described, found.total, language),
          }),
        ],
        details: found.vehicles
          .slice(0, SHOWN)
          .map((v) => vehicleBullet(v, request.asks, language)),
        sources: [...new Set(found.vehicles.map((v) => v.documentId))],
        context: { ...context, listed: found.vehicles.map((v) => v.id), query: broader },
        handoff: true,
      }
    }
    return { lead, details: [], sources: [], context, handoff: true }
  }
  const shown =
    result.total <= SHOWN_WHEN_FEW
      ? result.vehicles.slice(0, SHOWN_WHEN_FEW)
      : result.vehicles.slice(0, SHOWN)
  const lead =
    result.total === 1
      ? [reply(language, 'inventoryCountOne', { what })]
      : [reply(language, 'inventoryCount', { count: result.total, what })]
  if (result.total > 1 && shown.length < result.total) {
    const sort = language.pack.inventoryWords.sorts[query.sort ?? 'price_asc'] ?? ''
    lead.push(reply(language, 'inventoryBest', { n: shown.length, sort }))
  }
  const details = shown.map((v) => vehicleBullet(v, request.asks, language))
  if (shown.length < result.total) details.push('', reply(language, 'inventoryMore'))
  return {
    lead,
    details,
    sources,
    context: { ...context, focus: shown.length === 1 ? [shown[0]!.id] : [] },
  }
}

export type { InventoryResult }
