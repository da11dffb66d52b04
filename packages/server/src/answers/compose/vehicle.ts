import type { InventoryVehicle } from '@avataradam/sdk/protocol'
import { analyze } from '../../language/analyze.ts'
import { LANGUAGE_CODES, type Language } from '../../language/language.ts'
import { sentencesOf } from '../../language/sentences.ts'
import type { Evidence } from '../evidence.ts'
import type { VehicleAsk, VehicleRequest } from '../understand/types.ts'
import type { Composed } from './composed.ts'
import { askValue, vehicleBullet, vehicleName } from './inventory.ts'
import { capitalize, listOf, reply } from './replies.ts'

const SUMMARY: readonly VehicleAsk[] = ['price', 'mileage', 'color', 'drivetrain', 'mpg']

/**
 * Answers about particular vehicles (the one on the visitor's page, or ones just listed): the
 * fields asked (price, mileage, MPG, colour, drivetrain, engine, VIN…), whether it has a
 * feature, whether it is still available, or similar vehicles (cheaper, when asked). Every value
 * comes from the vehicle's row.
 *
 * @example
 * ```ts
 * vehicleAnswer({ kind: 'about', target: 'page', asks: ['drivetrain'], … }, evidence, ENGLISH).lead
 * // ['The 2021 Toyota RAV4 XLE is AWD.']
 * ```
 */
export function vehicleAnswer(
  request: Extract<VehicleRequest, { kind: 'about' }>,
  evidence: Evidence,
  language: Language,
): Composed | null {
  const vehicles =
    request.target === 'page'
      ? evidence.pageVehicle
        ? [evidence.pageVehicle]
        : []
      : evidence.vehicles
  if (vehicles.length === 0) {
    if (request.target === 'page') return null
    return null
  }
  // The list stays the list: "and the other one?" picks from it again.
  const context = {
    topic: 'vehicle' as const,
    focus: vehicles.map((v) => v.id),
    listed: request.target === 'listed' ? request.vehicleIds : vehicles.map((v) => v.id),
  }
  const sources = [...new Set(vehicles.map((v) => v.documentId))]
  if (request.similar) return similarAnswer(request, vehicles[0]!, evidence, language, sources)
  if (vehicles.length > 1) {
    const asks: VehicleAsk[] = request.asks.length > 0 ? request.asks : ['price']
    return {
      lead: [],
      details: vehicles.slice(0, 5).map((v) => vehicleBullet(v, asks, language)),
      sources,
      context,
    }
  }
  const vehicle = vehicles[0]!
  const name = vehicleName(vehicle)
  const lead: string[] = []
  // "Leather? Heated seats?": what it has in one sentence, then what it lacks.
  const asked = request.features ?? (request.feature ? [request.feature] : [])
  const found = asked.map((feature) => ({ feature, named: featureNamed(vehicle, feature) }))
  const present = found.filter((f) => f.named !== null)
  if (present.length > 0) {
    lead.push(
      reply(language, 'vehicleHas', {
        vehicle: name,
        feature: listOf(
          language,
          present.map((f) => f.named!),
        ),
      }),
    )
  }
  for (const { feature } of found.filter((f) => f.named === null)) {
    lead.push(featureSentence(vehicle, feature, language))
  }
  const unknown: VehicleAsk[] = []
  for (const ask of request.asks) {
    if (ask === 'available') {
      lead.push(availability(vehicle, language))
      continue
    }
    const value = askValue(vehicle, ask, language)
    if (value === null) unknown.push(ask)
    else
      lead.push(
        reply(language, 'vehicleIs', { vehicle: name, fact: factPhrase(ask, value, language) }),
      )
  }
  // "Is it AWD, and what MPG?" where the feed has neither: said once, naming what is missing.
  if (unknown.length > 0) {
    const labels = language.pack.inventoryWords.labels
    const missing = listOf(
      language,
      unknown.map((ask) => labels[ask] ?? ask),
    )
    lead.push(
      `${reply(language, 'vehicleUnknown', { vehicle: name }).replace(/\.$/, '')}: ${missing}.`,
    )
  }
  if (lead.length === 0) {
    const facts = SUMMARY.flatMap((ask) => askValue(vehicle, ask, language) ?? [])
    lead.push(`${vehicleBullet(vehicle, SUMMARY, language).slice(2)}`)
    if (facts.length === 0) lead.push(availability(vehicle, language))
  }
  return { lead, details: vehicle.url ? [`[${name}](${vehicle.url})`] : [], sources, context }
}

/** "is $27,900", "has 31,200 miles"… in the pack's words: a label and a value read well in both. */
function factPhrase(ask: VehicleAsk, value: string, language: Language): string {
  const labels = language.pack.inventoryWords.labels
  if (language.code === 'en') {
    switch (ask) {
      case 'price':
        return `is ${value}`
      case 'mileage':
        return `has ${value}`
      case 'mpg':
        return `gets ${value}`
      case 'drivetrain':
      case 'fuel':
        return `is ${value}`
      case 'color':
        return `is ${value}`
      default:
        return `${labels[ask] ?? ask}: ${value}`
    }
  }
  // "27 ciudad / 35 carretera MPG" names its unit already.
  if (ask === 'mpg' || ask === 'mileage') return value
  return `${labels[ask] ?? ask}: ${value}`
}

/**
 * Said before any answer about the vehicle on the page when it cannot be bought as it stands
 * ("…has been sold", "…is listed as In Transit"); null when it is available.
 */
export function statusNote(vehicle: InventoryVehicle, language: Language): string | null {
  return vehicle.status === 'available' ? null : availability(vehicle, language)
}

// A remark that says when a vehicle on its way arrives: "ETA first week of January."
const ARRIVAL =
  /\b(?:eta|arriv\w*|expected|due (?:in|on|by)|inbound|estimated|llega\w*|estimad[oa]|esperad[oa])\b/i

/** When the feed's remarks say a vehicle not yet here arrives, as they say it. */
function arrivalNote(vehicle: InventoryVehicle): string | null {
  if (vehicle.status === 'available' || vehicle.status === 'sold' || !vehicle.notes) return null
  return (
    sentencesOf(vehicle.notes)
      .find((sentence) => ARRIVAL.test(sentence))
      ?.trim() ?? null
  )
}

function availability(vehicle: InventoryVehicle, language: Language): string {
  const name = vehicleName(vehicle)
  // The feed's own word ("On Hold") is what the dealership's staff will recognise.
  const status =
    vehicle.statusText ?? language.pack.inventoryWords.labels[vehicle.status] ?? vehicle.status
  switch (vehicle.status) {
    case 'available':
      return reply(language, 'vehicleAvailable', { vehicle: name })
    case 'sold':
      return reply(language, 'vehicleSold', { vehicle: name })
    case 'pending': {
      const text = reply(language, 'vehiclePending', { vehicle: name, status })
      // "has a sale pending (Sale Pending)" says it twice.
      const said = language.pack.inventoryWords.labels.pending
      return said && status.toLowerCase() === said.toLowerCase()
        ? text.replace(` (${status})`, '')
        : text
    }
    default: {
      const text = reply(language, 'vehicleStatus', { vehicle: name, status })
      const arrival = arrivalNote(vehicle)
      return arrival ? `${text} ${arrival}` : text
    }
  }
}

/** How the vehicle's features name one asked for ("Leather Seats" for `leather`), if it has it. */
function featureNamed(vehicle: InventoryVehicle, feature: string): string | null {
  const named = vehicle.features.find((f) =>
    LANGUAGE_CODES.some((code) => analyze(f, code).concepts.has(feature)),
  )
  return named ?? (vehicle.featureKeys.includes(feature) ? feature : null)
}

function featureSentence(vehicle: InventoryVehicle, feature: string, language: Language): string {
  const name = vehicleName(vehicle)
  const named = featureNamed(vehicle, feature)
  if (named !== null) return reply(language, 'vehicleHas', { vehicle: name, feature: named })
  if (vehicle.features.length === 0) return reply(language, 'vehicleUnknown', { vehicle: name })
  const said = language.pack.inventoryWords.features[feature] ?? feature
  return `${reply(language, 'vehicleHasNot', { vehicle: name, feature: said })} ${capitalize(language.pack.inventoryWords.labels.features ?? 'features')}: ${vehicle.features.slice(0, 6).join(', ')}.`
}

function similarAnswer(
  request: Extract<VehicleRequest, { kind: 'about' }>,
  vehicle: InventoryVehicle,
  evidence: Evidence,
  language: Language,
  sources: string[],
): Composed {
  const found = evidence.similar?.vehicles.filter((v) => v.id !== vehicle.id) ?? []
  const name = vehicleName(vehicle)
  if (found.length === 0) {
    return {
      lead: [reply(language, 'similarNone')],
      details: [],
      sources,
      context: { topic: 'vehicle', focus: [vehicle.id] },
      handoff: true,
    }
  }
  const shown = found.slice(0, 3)
  const what = vehicle.bodyStyle
    ? (language.pack.inventoryWords.bodyStyles[vehicle.bodyStyle]?.[1] ?? name)
    : language.pack.inventoryWords.vehicle[1]
  return {
    lead: [
      request.similar === 'cheaper'
        ? reply(language, 'similarCheaper', { what: capitalize(what) })
        : `${capitalize(what)}:`,
    ],
    details: shown.map((v) => vehicleBullet(v, request.asks, language)),
    sources: [...sources, ...new Set(shown.map((v) => v.documentId))],
    context: { topic: 'inventory', listed: shown.map((v) => v.id), focus: [] },
  }
}
