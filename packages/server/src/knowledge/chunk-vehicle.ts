import type { ChunkDraft } from './parse/types.ts'
import { collapseWhitespace } from './parse/whitespace.ts'

type Role = 'year' | 'make' | 'model' | 'trim' | 'stock' | 'vin' | 'price' | 'mileage' | 'km'

// Column names as inventory exports spell them, compared lowercased without spaces or symbols.
const ROLES: Record<string, Role> = {}
const names: Record<Role, string[]> = {
  year: ['year', 'modelyear', 'yr', 'vehicleyear'],
  make: ['make', 'manufacturer', 'brand', 'vehiclemake'],
  model: ['model', 'modelname', 'vehiclemodel'],
  trim: ['trim', 'trimlevel', 'trimname', 'series'],
  stock: ['stock', 'stocknumber', 'stockno', 'stocknum', 'stockid', 'stocknbr'],
  vin: ['vin', 'vinnumber', 'vehicleidentificationnumber'],
  price: ['msrp'],
  mileage: ['mileage', 'milage', 'miles', 'odometer', 'odometerreading', 'odo'],
  km: ['km', 'kms', 'kilometers', 'kilometres'],
}
for (const [role, variants] of Object.entries(names)) {
  for (const variant of variants) ROLES[variant] = role as Role
}

const money = (fractionDigits: number) =>
  new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  })
const dollars = money(0)
const dollarsAndCents = money(2)
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/**
 * The one chunk of an inventory vehicle: headed by its name ("2021 Toyota RAV4 XLE (Stock
 * #T1234)"), holding a "Field: value" line for every non-empty field, prices as "$27,900" and
 * mileage as "31,200 miles". Null for a vehicle without any value.
 *
 * @example
 * vehicleChunk({ Year: '2021', Make: 'Toyota', Model: 'RAV4', Price: '27900' })
 */
export function vehicleChunk(fields: Record<string, string>): ChunkDraft | null {
  const byRole = new Map<Role, string>()
  const lines: string[] = []
  for (const [rawName, rawValue] of Object.entries(fields)) {
    const name = collapseWhitespace(rawName)
    const value = collapseWhitespace(rawValue)
    if (!value) continue
    const role = roleOf(name)
    if (role && !byRole.has(role)) byRole.set(role, value)
    const formatted = formatValue(role, value)
    if (formatted !== null) lines.push(name ? `${name}: ${formatted}` : formatted)
  }
  if (lines.length === 0) return null
  return { heading: vehicleName(byRole), content: lines.join('\n') }
}

function roleOf(name: string): Role | null {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '')
  return ROLES[key] ?? (key.endsWith('price') ? 'price' : null)
}

function formatValue(role: Role | null, value: string): string | null {
  if (role === 'price') {
    const amount = numberIn(value.replace(/^\$|^USD\s*|\s*USD$/i, ''))
    if (amount === null) return value
    // Feeds put 0 for "call for price"; quoting "$0" to a visitor would be wrong.
    if (amount === 0) return null
    return (Number.isInteger(amount) ? dollars : dollarsAndCents).format(amount)
  }
  if (role === 'mileage' || role === 'km') {
    const distance = numberIn(value.replace(/\s*(?:mi|miles|km|kms)\.?$/i, ''))
    if (distance === null) return value
    return `${wholeNumber.format(distance)} ${role === 'km' ? 'km' : 'miles'}`
  }
  return value
}

function numberIn(text: string): number | null {
  const digits = text.replace(/[,\s]/g, '')
  return /^\d+(?:\.\d+)?$/.test(digits) ? Number(digits) : null
}

function vehicleName(byRole: Map<Role, string>): string {
  const model = byRole.get('model')
  const trim = byRole.get('trim')
  // Some feeds repeat the trim in the model column ("RAV4 XLE" + "XLE").
  const trimShown = trim && !model?.toLowerCase().endsWith(trim.toLowerCase()) ? trim : undefined
  const name = [byRole.get('year'), byRole.get('make'), model, trimShown].filter(Boolean).join(' ')
  const stock = byRole.get('stock')?.replace(/^#\s*/, '')
  const vin = byRole.get('vin')
  if (name && stock) return `${name} (Stock #${stock})`
  if (name) return name
  if (stock) return `Stock #${stock}`
  return vin ? `VIN ${vin}` : 'Vehicle'
}
