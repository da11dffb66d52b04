import type { InventoryQuery, InventoryVehicle } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { ENGLISH, languageOf } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import type { VehicleAsk } from '../understand/types.ts'
import {
  describe as describeSearch,
  inventoryAnswer,
  vehicleBullet,
  vehicleName,
} from './inventory.ts'

const SPANISH = languageOf('es')

const vehicle = (fields: Partial<InventoryVehicle>): InventoryVehicle => ({
  id: 'v',
  documentId: 'feed',
  stockNumber: null,
  vin: null,
  year: 2021,
  make: 'Toyota',
  model: 'RAV4',
  trim: 'XLE',
  bodyStyle: 'suv',
  condition: 'used',
  mileage: 31200,
  price: 27900,
  msrp: null,
  exteriorColor: 'Blueprint',
  colorFamily: 'blue',
  interiorColor: null,
  drivetrain: 'awd',
  fuel: 'gas',
  transmission: 'Automatic',
  engine: '2.5L I4',
  mpgCity: 27,
  mpgHighway: 35,
  features: [],
  featureKeys: [],
  status: 'available',
  statusText: null,
  url: null,
  photoUrl: null,
  ...fields,
})

const rav4 = vehicle({
  id: 'a',
  stockNumber: 'A101',
  price: 21900,
  url: 'https://example.com/used/a101',
})
const crv = vehicle({
  id: 'b',
  stockNumber: 'B202',
  make: 'Honda',
  model: 'CR-V',
  trim: 'EX',
  price: 24500,
})
const pilot = vehicle({
  id: 'c',
  stockNumber: 'C303',
  make: 'Honda',
  model: 'Pilot',
  trim: 'EX-L',
  price: 28900,
  mileage: 18400,
})
const highlander = vehicle({ id: 'd', model: 'Highlander', price: 29500 })

const usedSuvs: InventoryQuery = { condition: 'used', bodyStyle: 'suv', priceMax: 30000 }

const evidence = (search: Evidence['search']): Evidence => ({
  facts: { departments: [], address: null, website: null, staff: [], holidays: [] },
  timezone: null,
  titles: {},
  search,
  pageVehicle: null,
  vehicles: [],
  similar: null,
  now: new Date('2026-03-07T15:30:00Z'),
})

const request = (query: InventoryQuery, asks: VehicleAsk[] = []) => ({
  kind: 'search' as const,
  query,
  count: false,
  described: true,
  asks,
})

describe('describe', () => {
  it('says what was searched in the visitor’s terms', () => {
    expect(describeSearch(usedSuvs, 8, ENGLISH)).toBe('used SUVs under $30,000')
    expect(describeSearch({ make: 'Toyota', model: 'RAV4' }, 2, ENGLISH)).toBe('Toyota RAV4s')
    expect(
      describeSearch({ bodyStyle: 'truck', priceMin: 20000, priceMax: 25000 }, 1, ENGLISH),
    ).toBe('truck between $20,000 and $25,000')
    expect(describeSearch({ bodyStyle: 'suv', mileageMax: 40000, yearMin: 2020 }, 3, ENGLISH)).toBe(
      'SUVs with under 40,000 miles from 2020 or newer',
    )
  })

  it('puts adjectives after the noun in Spanish', () => {
    expect(describeSearch(usedSuvs, 8, SPANISH)).toBe('SUV usados de menos de $30,000')
    expect(describeSearch({ make: 'Toyota', model: 'RAV4' }, 2, SPANISH)).toBe(
      'vehículos Toyota RAV4',
    )
  })
})

describe('vehicleBullet', () => {
  it('links the vehicle to its page, with its price, mileage and stock number', () => {
    expect(vehicleName(pilot)).toBe('2021 Honda Pilot EX-L')
    expect(vehicleBullet(rav4, [], ENGLISH)).toBe(
      '- [2021 Toyota RAV4 XLE](https://example.com/used/a101) — $21,900, 31,200 miles (stock A101)',
    )
    expect(vehicleBullet(crv, ['mpg', 'color'], ENGLISH)).toBe(
      '- **2021 Honda CR-V EX** — $24,500, 31,200 miles, 27 city / 35 highway MPG, Blueprint (stock B202)',
    )
  })
})

describe('inventoryAnswer', () => {
  it('gives the total, then the best few, then offers to narrow it down', () => {
    const answer = inventoryAnswer(
      request(usedSuvs),
      evidence({
        query: usedSuvs,
        result: { total: 8, vehicles: [rav4, crv, pilot, highlander] },
        relaxed: null,
      }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual([
      'We have 8 used SUVs under $30,000 available.',
      'The 3 lowest priced:',
    ])
    expect(answer?.details).toEqual([
      '- [2021 Toyota RAV4 XLE](https://example.com/used/a101) — $21,900, 31,200 miles (stock A101)',
      '- **2021 Honda CR-V EX** — $24,500, 31,200 miles (stock B202)',
      '- **2021 Honda Pilot EX-L** — $28,900, 18,400 miles (stock C303)',
      '',
      'Want me to narrow it down by price, year, mileage or features?',
    ])
    expect(answer?.sources).toEqual(['feed'])
    expect(answer?.context).toMatchObject({
      topic: 'inventory',
      query: usedSuvs,
      listed: ['a', 'b', 'c', 'd'],
    })
  })

  it('names the order the best few are in', () => {
    const newest: InventoryQuery = { bodyStyle: 'suv', sort: 'year_desc' }
    const answer = inventoryAnswer(
      request(newest),
      evidence({
        query: newest,
        result: { total: 9, vehicles: [rav4, crv, pilot] },
        relaxed: null,
      }),
      ENGLISH,
    )
    expect(answer?.lead[1]).toBe('The 3 newest:')
  })

  it('lists a few matches whole', () => {
    const answer = inventoryAnswer(
      request(usedSuvs),
      evidence({ query: usedSuvs, result: { total: 2, vehicles: [rav4, crv] }, relaxed: null }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual(['We have 2 used SUVs under $30,000 available.'])
    expect(answer?.details).toHaveLength(2)
    const one = inventoryAnswer(
      request(usedSuvs),
      evidence({ query: usedSuvs, result: { total: 1, vehicles: [crv] }, relaxed: null }),
      ENGLISH,
    )
    expect(one?.lead).toEqual(['We have 1 used SUV under $30,000 available:'])
    expect(one?.context.focus).toEqual(['b'])
  })

  it('says when nothing matches, names what the lot has instead and offers a person', () => {
    const hybridTrucks: InventoryQuery = { bodyStyle: 'truck', fuel: 'hybrid' }
    const tacoma = vehicle({
      id: 't',
      bodyStyle: 'truck',
      model: 'Tacoma',
      trim: 'SR5',
      price: 33000,
    })
    const answer = inventoryAnswer(
      request(hybridTrucks),
      evidence({
        query: hybridTrucks,
        result: { total: 0, vehicles: [] },
        relaxed: { query: { bodyStyle: 'truck' }, result: { total: 3, vehicles: [tacoma] } },
      }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual([
      "We don't have any hybrid trucks in stock right now, though we do have 3 used trucks.",
    ])
    expect(answer?.details).toEqual(['- **2021 Toyota Tacoma SR5** — $33,000, 31,200 miles'])
    expect(answer?.handoff).toBe(true)
    expect(answer?.context).toMatchObject({ query: { bodyStyle: 'truck' }, listed: ['t'] })
  })

  it('says plainly when nothing of the kind is on the lot', () => {
    const vans: InventoryQuery = { bodyStyle: 'minivan' }
    const answer = inventoryAnswer(
      request(vans),
      evidence({ query: vans, result: { total: 0, vehicles: [] }, relaxed: null }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual(["We don't have any minivans in stock right now."])
    expect(answer?.handoff).toBe(true)
  })

  it('gives nothing without a search', () => {
    expect(inventoryAnswer(request(usedSuvs), evidence(null), ENGLISH)).toBe(null)
  })

  it('answers in Spanish, prices and names copied as written', () => {
    const answer = inventoryAnswer(
      request(usedSuvs),
      evidence({
        query: usedSuvs,
        result: { total: 8, vehicles: [rav4, crv, pilot, highlander] },
        relaxed: null,
      }),
      SPANISH,
    )
    expect(answer?.lead).toEqual([
      'Tenemos 8 SUV usados de menos de $30,000 disponibles.',
      'Los 3 de menor precio:',
    ])
    expect(answer?.details[0]).toBe(
      '- [2021 Toyota RAV4 XLE](https://example.com/used/a101) — $21,900, 31,200 millas (inventario A101)',
    )
    expect(answer?.details.at(-1)).toBe('¿Quiere que lo reduzca por precio, año, millaje o equipo?')
  })
})
