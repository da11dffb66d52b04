import type {
  BodyStyle,
  Drivetrain,
  FuelType,
  InventoryQuery,
  InventorySort,
  VehicleCondition,
} from '@avataradam/sdk/protocol'
import { BODY_STYLES } from '@avataradam/sdk/protocol'
import { FEATURE_CONCEPTS } from '../../inventory/features.ts'
import { readAmounts } from './amounts.ts'
import type { Message } from './message.ts'
import { type Consumed, findAll, hasAny } from './spans.ts'
import type { VehicleAsk, VehicleRequest } from './types.ts'
import type { NameMention, VehicleNames } from './vehicle-names.ts'

const CONDITIONS: readonly VehicleCondition[] = ['new', 'used', 'certified']
// Concepts of a vehicle's fields: "how many miles", "how many mpg" ask them, not for a count.
const FIELD_CONCEPTS = new Set(['mileage', 'mpg', 'year', 'price', 'engine', 'third row'])
const MANUAL = /^(?:manual|stick|estandar|standard)$/
const DRIVETRAINS: readonly Drivetrain[] = ['awd', '4wd', 'fwd', 'rwd']
const FUELS: Record<string, FuelType> = {
  hybrid: 'hybrid',
  electric: 'electric',
  'plug-in hybrid': 'plug-in hybrid',
  diesel: 'diesel',
}
const COLORS = new Set([
  'red',
  'blue',
  'black',
  'white',
  'silver',
  'gray',
  'green',
  'brown',
  'beige',
  'gold',
  'yellow',
  'orange',
  'purple',
])
// What a question may ask of a vehicle, by the concept that asks it.
const ASKS: Record<string, VehicleAsk> = {
  price: 'price',
  payment: 'price',
  mileage: 'mileage',
  mpg: 'mpg',
  color: 'color',
  engine: 'engine',
  transmission: 'transmission',
  vin: 'vin',
  trim: 'trim',
  year: 'year',
}
// Concepts about something other than a vehicle's listing: their questions go to passages.
const NOT_ABOUT_LISTING = new Set([
  'oil change',
  'tires',
  'brakes',
  'battery',
  'alignment',
  'inspection',
  'recall',
  'service',
  'parts',
  'finance',
  'loan term',
  'trade-in',
  'value',
  'warranty',
  'return',
  'lease',
  'insurance',
  'fee',
  'deposit',
  'delivery',
  'test drive',
  'specials',
  'down payment',
  'extended warranty',
  'paperwork',
  'sales tax',
  'paperwork',
  'appointment',
  'hours',
  'phone',
  'address',
  'email',
  'carfax',
  'gap',
  'detail',
  'roadside assistance',
  'pre-approval',
  'bad credit',
  'no credit',
  'first-time buyer',
])

/** What the reader knows of the conversation and the page when reading a message. */
export interface VehicleContext {
  names: VehicleNames
  /** The visitor's page shows a vehicle. */
  pageVehicle: boolean
  /** Vehicles the last answer listed (ids), and the one it was about. */
  listed: string[]
  focus: string[]
}

/**
 * What a message asks of the inventory: a search ("used SUVs under $30k with AWD", "how many
 * trucks", "cheapest hybrid", "any teslas"), or something about the vehicle on the page or
 * vehicles just listed ("is it AWD?", "how much is the blue one?", "anything similar but
 * cheaper?"). Null when the message is not about vehicles ("how much is an oil change?").
 *
 * @example
 * ```ts
 * readVehicleRequest(readMessage('used suvs under 30k', options), context, used)
 * // { kind: 'search', query: { condition: 'used', bodyStyle: 'suv', priceMax: 30000 }, … }
 * ```
 */
export function readVehicleRequest(
  message: Message,
  context: VehicleContext,
  used: Consumed,
): VehicleRequest | null {
  const { words, analysis, language } = message
  const concepts = analysis.concepts
  const local = new UsedSet()
  const markConcepts = (keep: (concept: string) => boolean) => {
    for (const term of analysis.terms)
      if (term.concept && keep(term.concept)) local.mark(term.start, term.length)
  }

  const names = context.names
    .find(words)
    .filter((n) => n.make || n.model || (n.trim && hasVehicleName(context, words)))
  const named = names.filter((n) => n.make || n.model)
  const trims = names.filter((n) => !n.make && !n.model && n.trim)
  // "this van", "esta camioneta": the vehicle on the page, not a kind asked for.
  const pointed = findAll(words, language, (l) => l.intents.thisVehicle).filter((m) => m.length > 1)
  const inPointer = (term: { start: number }) =>
    pointed.some((m) => term.start >= m.start && term.start < m.start + m.length)
  // "…comes with this truck": the truck is known; it is not what passages must be about.
  if (context.pageVehicle) for (const match of pointed) used.markMatch(match)
  const body = BODY_STYLES.find((style) =>
    analysis.terms.some((t) => t.concept === style && !inPointer(t)),
  ) as BodyStyle | undefined
  // "Certified pre owned": certified, though "pre owned" alone is used.
  // "2020 o más nuevos": a year, not new cars.
  const compares = findAll(words, language, (l) => l.compare)
  const conditionsSaid = new Set(
    analysis.terms
      .filter((t) => !compares.some((c) => t.start >= c.start && t.start < c.start + c.length))
      .flatMap((t) => (t.concept ? [t.concept] : [])),
  )
  const condition = conditionsSaid.has('certified')
    ? 'certified'
    : CONDITIONS.find((c) => conditionsSaid.has(c))
  const drivetrains = DRIVETRAINS.filter((d) => concepts.has(d))
  const drivetrain = drivetrains[0]
  const fuel = Object.entries(FUELS).find(([concept]) => concepts.has(concept))?.[1]
  const color = [...concepts].find((c) => COLORS.has(c))
  const features = [...concepts].filter((c) => FEATURE_CONCEPTS.has(c))
  const amounts = readAmounts(message)
  const sort = findAll(words, language, (l) => l.sort)[0]
  // "how many trucks (do you have)" counts vehicles; "how many miles" asks a field, and "how
  // many points is the inspection" is not about the lot at all.
  const count = findAll(words, language, (l) => l.intents.count).some((m) => {
    const next = analysis.terms.find((t) => t.start >= m.start + m.length)
    if (!next) return true
    if (FIELD_CONCEPTS.has(next.concept ?? '')) return false
    const concept = next.concept ?? ''
    const describesVehicles =
      concept === 'vehicle' ||
      (BODY_STYLES as readonly string[]).includes(concept) ||
      (CONDITIONS as readonly string[]).includes(concept) ||
      (DRIVETRAINS as readonly string[]).includes(concept) ||
      concept in FUELS ||
      COLORS.has(concept) ||
      FEATURE_CONCEPTS.has(concept) ||
      names.some((n) => n.start === next.start)
    return describesVehicles
  })
  const stockCue = hasAny(words, language, (l) => l.intents.stock)
  const vehicleNoun = concepts.has('vehicle')
  const asks = [...new Set([...concepts].flatMap((c) => (ASKS[c] ? [ASKS[c]] : [])))]
  const available = hasAny(words, language, (l) => l.intents.available)
  const similar = hasAny(words, language, (l) => l.intents.similar)
  const otherTopic = [...concepts].find((c) => NOT_ABOUT_LISTING.has(c))
  const thisVehicle = hasAny(words, language, (l) => l.intents.thisVehicle)

  // "Under 20k?" is a search; "I'm about 125 miles away" is not, without a vehicle named.
  const pricedOrDated = ['priceMin', 'priceMax', 'yearMin', 'yearMax', 'mpgMin'].some(
    (key) => (amounts.query as Record<string, unknown>)[key] !== undefined,
  )
  const manualAsked = concepts.has('transmission') && words.some((w) => MANUAL.test(w))
  const descriptors =
    named.length > 0 ||
    (manualAsked && (stockCue || vehicleNoun)) ||
    body !== undefined ||
    ((condition || drivetrain || fuel || color || features.length > 0) &&
      (vehicleNoun || stockCue || count || sort !== undefined)) ||
    (amounts.constraints > 0 &&
      !otherTopic &&
      (pricedOrDated ||
        vehicleNoun ||
        stockCue ||
        Boolean(condition || drivetrain || fuel || color)))
  const attributes = condition || drivetrain || fuel || color || features.length > 0

  // About the vehicles just listed: "the blue one", "the honda", "which one is the hybrid".
  if (
    context.listed.length > 0 &&
    named.length <= 1 &&
    !body &&
    !count &&
    !(stockCue && !thisVehicle)
  ) {
    const refersToList =
      hasAny(words, language, (l) => l.intents.oneOf) &&
      (color ||
        fuel ||
        drivetrain ||
        trims.length > 0 ||
        named.length === 1 ||
        isOther(words) ||
        sort ||
        asks.length > 0 ||
        features.length > 0)
    const pronounAsk =
      thisVehicle && (asks.length > 0 || features.length > 0 || available) && !otherTopic
    const bareAsk =
      !descriptors &&
      !otherTopic &&
      (asks.length > 0 || features.length > 0 || available) &&
      words.length <= 8
    if (refersToList || pronounAsk || bareAsk) {
      for (const n of names) local.mark(n.start, n.length)
      markConcepts(
        (c) =>
          ASKS[c] !== undefined ||
          COLORS.has(c) ||
          FEATURE_CONCEPTS.has(c) ||
          c in FUELS ||
          DRIVETRAINS.includes(c as Drivetrain) ||
          c === 'vehicle',
      )
      for (const match of findAll(words, language, (l) => l.intents.available))
        local.mark(match.start, match.length)
      local.commit(used)
      return {
        kind: 'about',
        target: 'listed',
        vehicleIds: context.listed,
        asks:
          asks.length > 0 || features.length > 0 || available
            ? withAvailability(asks, available)
            : ['price'],
        feature: features[0] ?? null,
        features,
        similar: null,
        select: {
          ...(color ? { color } : {}),
          ...(fuel ? { fuel } : {}),
          ...(drivetrain ? { drivetrain } : {}),
          ...(named[0]?.model
            ? { model: named[0].model }
            : named[0]?.make
              ? { make: named[0].make }
              : {}),
          ...(trims[0]?.trim ? { trim: trims[0].trim } : {}),
          ...(sort ? { sort: sort.value } : {}),
          ...(isOther(words) ? { other: true } : {}),
          ...(context.focus.length > 0 ? { focus: context.focus } : {}),
        },
      }
    }
  }

  // "Is this still 5995 like the ad said?": a price put to the vehicle on the page asks its price
  // (and the ad's offer is for passages to answer).
  const quoted =
    context.pageVehicle &&
    thisVehicle &&
    !asks.includes('price') &&
    message.numbers.some((n) => n.value >= 1000 && n.value <= 500_000)
  // About the vehicle on the page: "is it AWD?", "what's the mpg?", "still available?".
  if (
    context.pageVehicle &&
    named.length === 0 &&
    !body &&
    !count &&
    (!otherTopic || quoted) &&
    !(stockCue && !thisVehicle)
  ) {
    const asksSomething =
      asks.length > 0 ||
      features.length > 0 ||
      available ||
      similar ||
      drivetrain ||
      fuel ||
      color ||
      quoted
    if (asksSomething && (thisVehicle || !descriptors || similar)) {
      markConcepts(
        (c) =>
          ASKS[c] !== undefined ||
          FEATURE_CONCEPTS.has(c) ||
          COLORS.has(c) ||
          c in FUELS ||
          DRIVETRAINS.includes(c as Drivetrain) ||
          c === 'vehicle',
      )
      // "Is it still available?" is the listing's to answer, not the passages'.
      for (const match of findAll(words, language, (l) => l.intents.available))
        local.mark(match.start, match.length)
      local.commit(used)
      const cheaper =
        similar && (concepts.has('price') || amounts.cheaper || sort?.value === 'price_asc')
      return {
        kind: 'about',
        target: 'page',
        vehicleIds: [],
        asks: withAvailability(
          [
            ...asks,
            ...(quoted ? (['price'] as const) : []),
            ...(drivetrain ? (['drivetrain'] as const) : []),
            ...(fuel ? (['fuel'] as const) : []),
            ...(color && !asks.includes('color') ? (['color'] as const) : []),
          ],
          available,
        ),
        feature: features[0] ?? null,
        features,
        similar: similar ? (cheaper ? 'cheaper' : 'similar') : null,
      }
    }
  }

  // A search of the inventory.
  const wantsStock = stockCue && (attributes || vehicleNoun)
  if (
    !(
      descriptors ||
      wantsStock ||
      (count && (vehicleNoun || attributes)) ||
      (sort && (vehicleNoun || attributes))
    )
  ) {
    return null
  }
  const modelNamed = named.some((n) => n.model !== null)
  // "If I buy a used truck and change my mind…", "the longest loan on a new truck": a kind of
  // vehicle named beside another subject is context, not a search, unless the lot is asked about.
  // ("¿Qué garantía tienen los carros usados?": "tienen" asks what they have, not what is for sale.)
  // "The longest loan": an order of the other subject, not of vehicles.
  const sortsOther =
    sort !== undefined &&
    analysis.terms.some(
      (t) =>
        t.concept !== null &&
        NOT_ABOUT_LISTING.has(t.concept) &&
        t.start >= sort.start &&
        t.start <= sort.start + sort.length + 1,
    )
  if (otherTopic && !count && (!sort || sortsOther) && amounts.constraints === 0) return null
  // "Would you bring the truck to me?": a kind of vehicle alone, in a sentence about something
  // else, is not a search; "trucks?" or "red trucks under 40k" is.
  const contentWords = analysis.terms.length
  const bodyAlone =
    body && !modelNamed && named.length === 0 && !attributes && !stockCue && !count && !sort
  if (bodyAlone && amounts.constraints === 0 && contentWords > 3) return null
  // "Who do I talk to about a truck with a bale bed?": a person, not a listing.
  if (hasAny(words, language, (l) => l.intents.who) && !stockCue && !count) return null
  const manual = concepts.has('transmission') && words.some((w) => MANUAL.test(w))
  const query: InventoryQuery = {}
  const first = named[0]
  if (first?.make) query.make = first.make
  if (first?.model) query.model = first.model
  const trim = first?.trim ?? trims[0]?.trim
  if (trim) query.trim = trim
  if (body) query.bodyStyle = body
  if (condition) query.condition = condition
  if (drivetrains.length > 0)
    query.drivetrain = drivetrains.length === 1 ? drivetrains[0]! : drivetrains
  if (fuel) query.fuel = fuel
  if (color) query.color = color
  if (features.length > 0) query.features = features
  if (manual) query.text = 'manual'
  Object.assign(query, amounts.query)
  if (sort) query.sort = sort.value
  else if (asks.includes('mpg') && !query.mpgMin) query.sort = 'mpg_desc'
  for (const n of names) local.mark(n.start, n.length)
  for (const span of amounts.spans) local.mark(span.start, span.length)
  if (sort) local.mark(sort.start, sort.length)
  markConcepts(
    (c) =>
      BODY_STYLES.includes(c as BodyStyle) ||
      CONDITIONS.includes(c as VehicleCondition) ||
      DRIVETRAINS.includes(c as Drivetrain) ||
      c in FUELS ||
      COLORS.has(c) ||
      FEATURE_CONCEPTS.has(c) ||
      c === 'vehicle' ||
      ASKS[c] !== undefined ||
      c === 'gas',
  )
  for (const match of findAll(words, language, (l) => l.intents.count))
    local.mark(match.start, match.length)
  for (const match of findAll(words, language, (l) => l.intents.stock))
    local.mark(match.start, match.length)
  for (const match of findAll(words, language, (l) => l.intents.available))
    local.mark(match.start, match.length)
  local.commit(used)
  return {
    kind: 'search',
    query,
    count,
    described: true,
    asks: withAvailability(asks, available),
  }
}

function withAvailability(asks: VehicleAsk[], available: boolean): VehicleAsk[] {
  return available && !asks.includes('available') ? [...asks, 'available'] : asks
}

function hasVehicleName(context: VehicleContext, words: readonly string[]): boolean {
  return context.listed.length > 0 || context.names.find(words).some((n) => n.model !== null)
}

const OTHER = /^(?:other|otro|otra)$/

function isOther(words: readonly string[]): boolean {
  return words.some((w) => OTHER.test(w))
}

/** Token positions a reading used, kept until it commits (a reading that gives up marks none). */
class UsedSet {
  readonly #marks: [number, number][] = []
  mark(start: number, length: number): void {
    this.#marks.push([start, length])
  }
  commit(used: Consumed): void {
    for (const [start, length] of this.#marks) used.mark(start, length)
  }
}

export type { InventorySort, NameMention }
