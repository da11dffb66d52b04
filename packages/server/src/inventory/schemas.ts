import {
  BODY_STYLES,
  INVENTORY_SORTS,
  type InventoryQuery,
  type InventoryResult,
  type InventoryVehicle,
} from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'

const number = (max: number) => z.coerce.number().min(0).max(max)
const text = (max: number) => z.string().trim().min(1).max(max)

/** `GET /v1/inventory` query: every filter optional; `features` comma-separated. */
export const InventoryQuerySchema = z
  .object({
    make: text(64).optional(),
    model: text(64).optional(),
    trim: text(64).optional(),
    bodyStyle: z.enum(BODY_STYLES).optional(),
    condition: z.enum(['new', 'used', 'certified']).optional(),
    yearMin: z.coerce.number().int().min(1900).max(2100).optional(),
    yearMax: z.coerce.number().int().min(1900).max(2100).optional(),
    priceMin: number(10_000_000).optional(),
    priceMax: number(10_000_000).optional(),
    mileageMin: number(2_000_000).optional(),
    mileageMax: number(2_000_000).optional(),
    drivetrain: z
      .string()
      .transform((value) => value.split(',').map((d) => d.trim()))
      .pipe(
        z
          .array(z.enum(['awd', '4wd', 'fwd', 'rwd']))
          .min(1)
          .max(4),
      )
      .optional()
      .openapi({ type: 'string', description: 'One or more, comma-separated: awd,4wd' }),
    fuel: z.enum(['gas', 'hybrid', 'plug-in hybrid', 'electric', 'diesel']).optional(),
    color: text(40).optional(),
    features: z
      .string()
      .max(400)
      .transform((value) =>
        value
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean),
      )
      .optional()
      .openapi({ type: 'string', description: 'Comma-separated: third row,leather' }),
    mpgMin: number(200).optional(),
    stockNumber: text(64).optional(),
    vin: text(32).optional(),
    text: text(200).optional(),
    includeSold: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    sort: z.enum(INVENTORY_SORTS).optional(),
    limit: z.coerce.number().int().min(1).max(50).optional(),
  })
  .openapi('InventoryQuery') satisfies z.ZodType<InventoryQuery, unknown>

const VehicleSchema = z
  .object({
    id: z.uuid(),
    documentId: z.uuid(),
    stockNumber: z.string().nullable(),
    vin: z.string().nullable(),
    year: z.number().int().nullable(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    trim: z.string().nullable(),
    bodyStyle: z.enum(BODY_STYLES).nullable(),
    condition: z.enum(['new', 'used', 'certified']).nullable(),
    mileage: z.number().nullable(),
    price: z.number().nullable(),
    msrp: z.number().nullable(),
    exteriorColor: z.string().nullable(),
    colorFamily: z.string().nullable(),
    interiorColor: z.string().nullable(),
    drivetrain: z.enum(['awd', '4wd', 'fwd', 'rwd']).nullable(),
    fuel: z.enum(['gas', 'hybrid', 'plug-in hybrid', 'electric', 'diesel']).nullable(),
    transmission: z.string().nullable(),
    engine: z.string().nullable(),
    mpgCity: z.number().nullable(),
    mpgHighway: z.number().nullable(),
    features: z.array(z.string()),
    featureKeys: z.array(z.string()),
    status: z.enum(['available', 'pending', 'sold', 'in transit']),
    statusText: z.string().nullable(),
    url: z.string().nullable(),
    photoUrl: z.string().nullable(),
  })
  .openapi('InventoryVehicle') satisfies z.ZodType<InventoryVehicle, unknown>

export const InventoryResultSchema = z
  .object({ total: z.number().int(), vehicles: z.array(VehicleSchema) })
  .openapi('InventoryResult') satisfies z.ZodType<InventoryResult, unknown>
