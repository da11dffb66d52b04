import { z } from 'zod'
import type { Db } from '../db/index.ts'
import { defineTool } from '../providers/llm/define-tool.ts'
import type { AnswerTool } from '../providers/llm/index.ts'
import { searchInventory } from './inventory.ts'

// Models often send null for a filter they do not use.
const optional = <T extends z.ZodType>(schema: T) =>
  schema.nullish().transform((v) => v ?? undefined)

const SearchInventoryArgs = z.object({
  make: optional(z.string().trim().max(64)).describe('Manufacturer, such as "Toyota"'),
  model: optional(z.string().trim().max(64)).describe('Model, such as "RAV4"'),
  yearMin: optional(z.number().int().min(1900).max(2100)).describe('Oldest model year'),
  yearMax: optional(z.number().int().min(1900).max(2100)).describe('Newest model year'),
  priceMax: optional(z.number().positive().max(10_000_000)).describe('Highest price in dollars'),
  bodyStyle: optional(z.string().trim().max(40)).describe('Such as "SUV", "Sedan", "Truck"'),
  condition: optional(z.enum(['new', 'used', 'certified'])),
  text: optional(z.string().trim().max(200)).describe(
    'Words the listing must contain: colour, trim, feature',
  ),
  limit: optional(z.number().int().min(1).max(10)).describe('At most this many (default 5)'),
})

/**
 * `search_inventory`: the vehicles in stock at this dealership (its CSV inventory feeds) that
 * match the filters, cheapest first, each with a citation number for the answer. Bound to one
 * tenant when built: the model cannot name another.
 */
export function inventoryTool(db: Db, tenantId: string): AnswerTool {
  return defineTool({
    name: 'search_inventory',
    description:
      "Search the dealership's vehicles in stock. Use it when the visitor asks what is available, for a kind of vehicle, a price range or a specific car. Returns matching vehicles with a ref number: cite a vehicle's facts with its ref, like [7].",
    schema: SearchInventoryArgs,
    async run(args, { firstRef }) {
      const { limit = 5, ...filters } = args
      const found = await db.tenant(tenantId, (tx) => searchInventory(tx, tenantId, filters))
      const shown = found.slice(0, limit)
      const vehicles = shown.map((v, i) => ({
        ref: firstRef + i,
        name: v.name,
        year: v.year,
        make: v.make,
        model: v.model,
        trim: v.trim,
        price: v.price,
        mileage: v.mileage,
        bodyStyle: v.bodyStyle,
        condition: v.condition,
        stockNumber: v.stockNumber,
        vin: v.vin,
        chunkId: v.passage.chunkId,
      }))
      const result = {
        total: found.length,
        vehicles,
        ...(found.length === 0
          ? {
              note: 'No vehicle in stock matches. Say so, and offer close alternatives or to connect the visitor with the team.',
            }
          : {}),
      }
      return { content: JSON.stringify(result), passages: shown.map((v) => v.passage) }
    },
  })
}
