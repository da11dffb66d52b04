import type {
  DealershipFacts,
  InventoryQuery,
  InventoryResult,
  InventoryVehicle,
} from '@avataradam/sdk/protocol'
import type { Term } from '../language/analyze.ts'

/** What a turn found to answer from, besides passages. */
export interface Evidence {
  facts: DealershipFacts
  /** The dealership's time zone (IANA), `null` when unknown. */
  timezone: string | null
  /** Titles of the dealership's documents by id, to cite facts and vehicles by. */
  titles: Readonly<Record<string, string>>
  /**
   * An inventory search and its results; for one that found nothing, `relaxed` is the broader
   * search tried instead (without its price, mileage and other limits, or without its condition).
   */
  search: {
    query: InventoryQuery
    result: InventoryResult
    relaxed: { query: InventoryQuery; result: InventoryResult } | null
  } | null
  /** The vehicle on the visitor's page, when its stock number or VIN is in the inventory. */
  pageVehicle: InventoryVehicle | null
  /** Vehicles an earlier answer listed that the message picks out ("the blue one"). */
  vehicles: InventoryVehicle[]
  /** Vehicles like the one asked about (cheaper, when asked). */
  similar: InventoryResult | null
  /** When the question was asked. */
  now: Date
  /** Whether any of the dealership's documents uses a term (see PassageOptions). */
  mentionedAnywhere?: ((term: Term) => boolean) | undefined
}
