import {
  BODY_STYLES,
  INVENTORY_SORTS,
  type InventoryQuery,
  type InventoryVehicle,
} from '@avataradam/sdk/protocol'
import { z } from 'zod'
import type { Db } from '../db/index.ts'
import { defineTool } from '../providers/llm/define-tool.ts'
import type { AnswerTool, Passage } from '../providers/llm/index.ts'
import { searchVehicles } from './vehicles-repo.ts'

// Models often send null for a filter they do not use.
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => v ?? undefined)
const amount = (max: number) => z.number().min(0).max(max)

const SearchInventoryArgs = z.object({
  make: optional(z.string().trim().max(64)).describe('Manufacturer, such as "Toyota"'),
  model: optional(z.string().trim().max(64)).describe(
    'Model, such as "RAV4" (matches "RAV4 Hybrid")',
  ),
  trim: optional(z.string().trim().max(64)).describe('Trim, such as "XLE"'),
  bodyStyle: optional(z.enum(BODY_STYLES)).describe('Body style'),
  condition: optional(z.enum(['new', 'used', 'certified'])).describe(
    '"used" includes certified pre-owned',
  ),
  yearMin: optional(z.number().int().min(1900).max(2100)).describe('Oldest model year'),
  yearMax: optional(z.number().int().min(1900).max(2100)).describe('Newest model year'),
  priceMin: optional(amount(10_000_000)).describe('Lowest price in dollars'),
  priceMax: optional(amount(10_000_000)).describe('Highest price in dollars'),
  mileageMin: optional(amount(2_000_000)).describe('Fewest miles'),
  mileageMax: optional(amount(2_000_000)).describe('Most miles'),
  drivetrain: optional(
    z.union([
      z.enum(['awd', '4wd', 'fwd', 'rwd']),
      z.array(z.enum(['awd', '4wd', 'fwd', 'rwd'])).max(4),
    ]),
  ).describe('One, or a list any of which will do: ["awd", "4wd"]'),
  fuel: optional(z.enum(['gas', 'hybrid', 'plug-in hybrid', 'electric', 'diesel'])),
  color: optional(z.string().trim().max(40)).describe('A colour, such as "blue"'),
  features: optional(z.array(z.string().trim().min(1).max(40)).max(8)).describe(
    'Features every match must have, such as "third row", "leather", "sunroof", "heated seats"',
  ),
  mpgMin: optional(z.number().min(0).max(200)).describe(
    'At least this MPG (city and highway average)',
  ),
  stockNumber: optional(z.string().trim().max(64)),
  vin: optional(z.string().trim().max(32)),
  text: optional(z.string().trim().max(200)).describe('Other words the listing must contain'),
  sort: optional(z.enum(INVENTORY_SORTS)).describe('Order; default cheapest first'),
  limit: optional(z.number().int().min(1).max(20)).describe('At most this many (default 8)'),
})

/** A vehicle as the model reads it: every field of its row, and a citation number. */
function forModel(vehicle: InventoryVehicle, ref: number) {
  const {
    id: _id,
    documentId: _document,
    featureKeys: _keys,
    colorFamily: _family,
    ...fields
  } = vehicle
  return { ref, ...fields }
}

/** A vehicle as a passage the answer can cite. */
export function vehiclePassage(vehicle: InventoryVehicle, title: string): Passage {
  const name = [vehicle.year, vehicle.make, vehicle.model, vehicle.trim].filter(Boolean).join(' ')
  const lines = Object.entries(forModel(vehicle, 0))
    .filter(
      ([key, value]) =>
        key !== 'ref' && value !== null && !(Array.isArray(value) && value.length === 0),
    )
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : value}`)
  return {
    chunkId: vehicle.id,
    documentId: vehicle.documentId,
    title,
    heading: name,
    text: lines.join('\n'),
    similarity: 1,
    textMatch: true,
  }
}

/**
 * `search_inventory`: the dealership's vehicles matching the filters, over its whole inventory
 * (the same query engine as the embedded answerer), with the total and the best few for the sort
 * asked, each with a citation number. Bound to one tenant when built: the model cannot name
 * another.
 */
export function inventoryTool(
  db: Db,
  tenantId: string,
  titles: () => Promise<Readonly<Record<string, string>>>,
): AnswerTool {
  return defineTool({
    name: 'search_inventory',
    description:
      "Search the dealership's vehicles in stock (its whole inventory, not only the passages you were given). Use it when the visitor asks what is available, how many, the cheapest/newest/lowest-mileage, a price or mileage range, a body style, features, or a specific car. Returns the total number of matches and the best few with a ref number: cite a vehicle's facts with its ref, like [7].",
    schema: SearchInventoryArgs,
    async run(args, { firstRef }) {
      const { limit = 8, ...filters } = args
      const query: InventoryQuery = { ...filters, limit }
      const [found, names] = await Promise.all([
        db.tenant(tenantId, (tx) => searchVehicles(tx, tenantId, query)),
        titles(),
      ])
      const vehicles = found.vehicles.map((v, i) => forModel(v, firstRef + i))
      const result = {
        total: found.total,
        shown: vehicles.length,
        vehicles,
        ...(found.total === 0
          ? {
              note: 'No vehicle in stock matches. Say so plainly, and offer close alternatives or to connect the visitor with the team.',
            }
          : {}),
      }
      return {
        content: JSON.stringify(result),
        passages: found.vehicles.map((v) => vehiclePassage(v, names[v.documentId] ?? 'Inventory')),
      }
    },
  })
}
