import type { InventoryFeedSummary } from '@avataradam/sdk/protocol'
import { mapColumns } from './feed-columns.ts'
import { readVehicle, type VehicleDraft } from './read-vehicle.ts'

/** An inventory feed read: how its columns were read, and its vehicles. */
export interface InventoryFeed {
  summary: InventoryFeedSummary
  vehicles: VehicleDraft[]
}

// A feed must name vehicles: without any of these columns it is some other table.
const IDENTIFYING = new Set(['make', 'model', 'stockNumber', 'vin'])

/**
 * Reads a spreadsheet (CSV, XLSX) as an inventory feed, or `null` when its columns do not name
 * vehicles (a service price list, say), which is then read as a table instead.
 *
 * @example
 * ```ts
 * readInventory({ header: ['Stock #', 'Year', 'Make', 'Model'], rows })?.vehicles.length
 * ```
 */
export function readInventory(sheet: { header: string[]; rows: string[][] }): InventoryFeed | null {
  const columns = mapColumns(sheet.header, sheet.rows)
  const identifying = columns.filter((c) => c.field !== null && IDENTIFYING.has(c.field))
  if (identifying.length < 2) return null
  const vehicles: VehicleDraft[] = []
  for (const row of sheet.rows) {
    const fields: Record<string, string> = {}
    sheet.header.forEach((name, i) => {
      const value = row[i]
      if (value) fields[name] = value
    })
    const vehicle = readVehicle(fields, columns)
    if (vehicle) vehicles.push(vehicle)
  }
  return { summary: { vehicles: vehicles.length, columns }, vehicles }
}
