import type { Vehicle } from './vehicle-fields.ts'
import { parseAmount } from './vehicle-limits.ts'

const formatNumber = (value: number): string => value.toLocaleString('en-US')

function formatPrice(price: string): string {
  const value = parseAmount(price)
  // Only a bare number is reformatted; "$27,900" or "Call for price" are shown as written.
  return value !== null && /^\s*[\d,.]+\s*$/.test(price) ? `$${formatNumber(value)}` : price
}

function formatMileage(mileage: string): string {
  const value = parseAmount(mileage)
  return value !== null && /^\s*[\d,]+\s*$/.test(mileage) ? `${formatNumber(value)} miles` : mileage
}

/**
 * One Markdown bullet for a vehicle, built only from its fields.
 *
 * @example
 * ```ts
 * vehicleBullet({ name: '2021 Toyota RAV4 XLE', price: '27900', mileage: '31200',
 *   stockNumber: 'A24101', vin: null, status: 'Available' })
 * // '- **2021 Toyota RAV4 XLE** — $27,900, 31,200 miles, Available (Stock A24101)'
 * ```
 */
export function vehicleBullet(vehicle: Vehicle): string {
  const details: string[] = []
  if (vehicle.price !== null) details.push(formatPrice(vehicle.price))
  if (vehicle.mileage !== null) details.push(formatMileage(vehicle.mileage))
  if (vehicle.status !== null) details.push(vehicle.status)
  let bullet = `- **${vehicle.name}**`
  if (details.length > 0) bullet += ` — ${details.join(', ')}`
  if (vehicle.stockNumber !== null) bullet += ` (Stock ${vehicle.stockNumber})`
  return bullet
}
