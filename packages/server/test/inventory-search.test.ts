import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { InventoryQuery } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { type Db, openDb } from '../src/db/index.ts'
import { newId } from '../src/ids.ts'
import { readInventory } from '../src/inventory/read-inventory.ts'
import {
  findVehicle,
  inventoryVocabulary,
  replaceVehicles,
  searchVehicles,
  vehiclesById,
} from '../src/inventory/vehicles-repo.ts'
import { parseCsv } from '../src/knowledge/parse/csv.ts'
import { insertTenant } from '../src/tenants/tenants-repo.ts'

// A dealer-management export as dealers upload it: a new and used lot, a few pending, in
// transit or sold, one "Call for Price", one with only a highway MPG.
const HEADER =
  'Stock #,VIN,New/Used,Year,Make,Model,Trim,Body Style,Ext. Color,Odometer,Internet Price,Drive Type,Fuel Type,City MPG,Hwy MPG,Options,Status'
// biome-ignore format: a feed reads best one vehicle a line
const LOT = [
  'N1001,2T3B6RFV1TW000101,New,2026,Toyota,RAV4 Hybrid,XLE Premium,SUV,Blueprint,8,"$36,450",AWD,Hybrid,41,38,Power Moonroof|Heated Front Seats|Blind Spot Monitor,In Stock',
  'N1002,5TDKDRAH4TS000102,New,2026,Toyota,Highlander,Limited,SUV,Wind Chill Pearl,5,"$49,870",AWD,Gasoline,22,29,Third Row Seating|Leather Seats|Panoramic Sunroof|Navigation System,In Stock',
  'U2001,2HKRW2H85KH000201,Used,2019,Honda,CR-V,EX-L,SUV,Modern Steel Metallic,"58,200","$21,995",AWD,Gasoline,27,33,Leather Seats|Power Moonroof|Apple CarPlay,In Stock',
  'U2002,7FARW1H50NE000202,Certified Pre-Owned,2022,Honda,CRV,EX,SUV,Radiant Red,"24,500","$27,400",FWD,Gasoline,28,34,Apple CarPlay|Backup Camera,In Stock',
  'U2003,1FTEW1EP5JF000203,Used,2018,Ford,F-150,XLT SuperCrew,Crew Cab Pickup,Agate Black,"72,400","$26,900",4WD,Gasoline,18,23,Tow Package|Skid Plates|Backup Camera,In Stock',
  'U2004,1FTFW1E82MF000204,Used,2021,Ford,F-150,Lariat,Crew Cab Pickup,Velocity Blue,"38,900","$39,500",4WD,Gasoline,19,24,Tow Package|Leather Seats|Heated Front Seats|Remote Start,Sale Pending',
  'U2005,3GCPYFED1LG000205,Used,2020,Chevrolet,Silverado 1500,LT Trail Boss,Crew Cab Pickup,Summit White,"45,300","$34,250",4WD,Gasoline,16,21,Tow Package|Skid Plates,Sold',
  'N1003,2C4RC1S73SR000103,New,2025,Chrysler,Pacifica Hybrid,Pinnacle,Minivan,Bright White,11,"$52,340",FWD,Plug-In Hybrid,30,30,Third Row Seating|Leather Seats|Navigation System,In Transit',
  'U2006,19XFC2F59HE000206,Used,2017,Honda,Civic,LX,Sedan,Crystal Black Pearl,"88,100","$13,995",FWD,Gasoline,30,39,Backup Camera|Bluetooth,In Stock',
  'U2007,5YJ3E1EB5PF000207,Used,2023,Tesla,Model 3,Long Range,Sedan,Deep Blue Metallic,"19,800","$31,500",AWD,Electric,,,Navigation System|Heated Front Seats|Premium Audio,In Stock',
  'N1004,4T1G11AK6TU000104,New,2026,Toyota,Camry,SE,Sedan,Supersonic Red,4,"$31,245",FWD,Gasoline,28,39,Apple CarPlay|Wireless Charging,In Stock',
  'U2008,4T1BF1FK0GU000208,Used,2016,Toyota,Camry,LE,Sedan,Celestial Silver Metallic,"96,000",Call for Price,FWD,Gasoline,,35,Bluetooth,In Stock',
  'U2009,3TYCZ5AN1MT000209,Certified,2021,Toyota,Tacoma,TRD Off-Road,Crew Cab Pickup,Army Green,"33,700","$36,800",4WD,Gasoline,18,22,Skid Plates|Tow Package,In Stock',
  'U2010,1C4HJXEG3LW000210,Used,2020,Jeep,Wrangler,Unlimited Sahara,SUV,Sting Gray,"41,000","$33,900",4x4,Gasoline,17,25,Navigation System|Remote Start|Heated Front Seats,In Stock',
]
// Another dealership, with a stock number the first also uses.
const OTHER_LOT = [
  'N1001,JTMRWRFV0TD000901,New,2026,Toyota,RAV4,LE,SUV,Blueprint,3,"$29,800",FWD,Gasoline,27,35,Backup Camera,In Stock',
  'B7002,1FMCU9G60NU000902,Used,2022,Ford,Escape,SE,SUV,Rapid Red Metallic,"28,000","$22,500",AWD,Gasoline,26,31,Heated Front Seats,In Stock',
]
const AVAILABLE = LOT.filter((line) => !line.endsWith(',Sold')).length

let db: Db
let dir: string | undefined
let dealer: string
let other: string
const vinOf = (stock: string) =>
  LOT.concat(OTHER_LOT)
    .find((line) => line.startsWith(`${stock},`))!
    .split(',')[1]!

async function ingest(tenantId: string, lines: readonly string[]): Promise<string> {
  const documentId = newId()
  await db.query(
    `insert into documents (id, tenant_id, filename, kind, sha256, size_bytes, status)
     values ($1, $2, 'inventory.csv', 'csv', $3, 1, 'ready')`,
    [documentId, tenantId, new TextEncoder().encode(documentId)],
  )
  await load(tenantId, documentId, lines)
  return documentId
}

async function load(tenantId: string, documentId: string, lines: readonly string[]) {
  const { sheet } = await parseCsv(new TextEncoder().encode([HEADER, ...lines].join('\n')))
  const feed = readInventory(sheet!)!
  await db.tenant(tenantId, (tx) => replaceVehicles(tx, tenantId, documentId, feed.vehicles))
}

/** The stock numbers a query finds, in order, and how many match in all. */
async function search(query: InventoryQuery, tenantId = dealer) {
  const result = await db.tenant(tenantId, (tx) => searchVehicles(tx, tenantId, query))
  return { total: result.total, stock: result.vehicles.map((v) => v.stockNumber) }
}

/** The stock numbers a query finds, in any order, checking the total agrees. */
async function found(query: InventoryQuery): Promise<string[]> {
  const { total, stock } = await search({ limit: 50, ...query })
  expect(total).toBe(stock.length)
  return stock.map(String).sort()
}

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    db = await openDb({ kind: 'postgres', url: process.env.DATABASE_URL, poolMax: 2 })
  } else {
    dir = await mkdtemp(path.join(tmpdir(), 'avataradam-inventory-'))
    await cp(inject('pgliteTemplate'), path.join(dir, 'data'), { recursive: true })
    db = await openDb({ kind: 'pglite', dataDir: path.join(dir, 'data') })
  }
  dealer = (await insertTenant(db, 'Larkspur Toyota Honda')).id
  other = (await insertTenant(db, 'Cedar Falls Ford')).id
  await ingest(dealer, LOT)
  await ingest(other, OTHER_LOT)
})
afterAll(async () => {
  await db?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

describe('searchVehicles filters', () => {
  it('finds a make whatever its case', async () => {
    expect(await found({ make: 'toyota' })).toEqual(['N1001', 'N1002', 'N1004', 'U2008', 'U2009'])
    expect(await found({ make: 'TOYOTA' })).toEqual(await found({ make: 'Toyota' }))
  })

  it('finds a model however it is spaced or hyphenated, and the models it starts', async () => {
    // The feed writes both "CR-V" and "CRV".
    for (const model of ['CR-V', 'crv', 'Cr V']) {
      expect(await found({ model })).toEqual(['U2001', 'U2002'])
    }
    expect(await found({ model: 'F150' })).toEqual(['U2003', 'U2004'])
    expect(await found({ model: 'RAV4' })).toEqual(['N1001'])
    expect(await found({ make: 'Toyota', model: 'Camry' })).toEqual(['N1004', 'U2008'])
  })

  it('finds a trim within the trim name, loosely spelled', async () => {
    expect(await found({ trim: 'xlt' })).toEqual(['U2003'])
    expect(await found({ trim: 'EXL' })).toEqual(['U2001'])
    expect(await found({ model: 'camry', trim: 'se' })).toEqual(['N1004'])
  })

  it('finds a body style', async () => {
    expect(await found({ bodyStyle: 'truck' })).toEqual(['U2003', 'U2004', 'U2009'])
    expect(await found({ bodyStyle: 'minivan' })).toEqual(['N1003'])
    expect(await found({ bodyStyle: 'coupe' })).toEqual([])
  })

  it('counts certified pre-owned as used, and finds certified or new alone', async () => {
    expect(await found({ condition: 'used' })).toHaveLength(9)
    expect(await found({ condition: 'certified' })).toEqual(['U2002', 'U2009'])
    expect(await found({ condition: 'new' })).toEqual(['N1001', 'N1002', 'N1003', 'N1004'])
  })

  it('takes year, price and mileage ranges inclusive at both ends', async () => {
    expect(await found({ yearMin: 2021, yearMax: 2023 })).toEqual([
      'U2002',
      'U2004',
      'U2007',
      'U2009',
    ])
    expect(await found({ priceMin: 27_400, priceMax: 33_900 })).toEqual([
      'N1004',
      'U2002',
      'U2007',
      'U2010',
    ])
    expect(await found({ mileageMin: 24_500, mileageMax: 41_000 })).toEqual([
      'U2002',
      'U2004',
      'U2009',
      'U2010',
    ])
    expect(await found({ mileageMax: 20_000 })).toEqual([
      'N1001',
      'N1002',
      'N1003',
      'N1004',
      'U2007',
    ])
  })

  it('leaves a vehicle without a price out of any price range', async () => {
    const cheap = await found({ priceMax: 20_000 })
    expect(cheap).toEqual(['U2006'])
    expect(cheap).not.toContain('U2008')
  })

  it('finds one drivetrain, or any of several', async () => {
    expect(await found({ drivetrain: 'awd' })).toEqual(['N1001', 'N1002', 'U2001', 'U2007'])
    expect(await found({ drivetrain: ['awd', '4wd'] })).toEqual([
      'N1001',
      'N1002',
      'U2001',
      'U2003',
      'U2004',
      'U2007',
      'U2009',
      'U2010',
    ])
  })

  it('counts plug-in hybrids as hybrids, and finds each fuel alone', async () => {
    expect(await found({ fuel: 'hybrid' })).toEqual(['N1001', 'N1003'])
    expect(await found({ fuel: 'plug-in hybrid' })).toEqual(['N1003'])
    expect(await found({ fuel: 'electric' })).toEqual(['U2007'])
  })

  it("finds a colour by its family, or by the paint's own name", async () => {
    expect(await found({ color: 'blue' })).toEqual(['N1001', 'U2004', 'U2007'])
    expect(await found({ color: 'Gray' })).toEqual(['U2001', 'U2010'])
    expect(await found({ color: 'wind chill' })).toEqual(['N1002'])
    expect(await found({ color: 'Supersonic' })).toEqual(['N1004'])
  })

  it('finds features by the concept they name, every one asked', async () => {
    expect(await found({ features: ['third row'] })).toEqual(['N1002', 'N1003'])
    // "Power Moonroof" and "Panoramic Sunroof" are both a sunroof.
    expect(await found({ features: ['sunroof'] })).toEqual(['N1001', 'N1002', 'U2001'])
    expect(await found({ features: ['leather', 'sunroof'] })).toEqual(['N1002', 'U2001'])
  })

  it("finds a feature no concept names by the feed's own words, taken literally", async () => {
    expect(await found({ features: ['skid plates'] })).toEqual(['U2003', 'U2009'])
    expect(await found({ features: ['Wireless Charging'] })).toEqual(['N1004'])
    expect(await found({ features: ['%'] })).toEqual([])
    expect(await found({ features: ['_'] })).toEqual([])
  })

  it('finds an MPG from the average of city and highway, else the one the feed gives', async () => {
    // U2008 has only a highway figure (35); U2007, electric, has none.
    expect(await found({ mpgMin: 33 })).toEqual(['N1001', 'N1004', 'U2006', 'U2008'])
  })

  it('finds the vehicle of a stock number or VIN however it is written', async () => {
    for (const stockNumber of ['U2003', 'u2003', '#U2003', ' U2003 ']) {
      expect(await search({ stockNumber })).toEqual({ total: 1, stock: ['U2003'] })
    }
    const vin = vinOf('U2004')
    for (const written of [vin, vin.toLowerCase(), ` ${vin} `]) {
      expect(await search({ vin: written })).toEqual({ total: 1, stock: ['U2004'] })
    }
    expect(await search({ stockNumber: 'U20' })).toEqual({ total: 0, stock: [] })
  })

  it("finds other words among the vehicle's values, every word asked", async () => {
    expect(await found({ text: 'sahara' })).toEqual(['U2010'])
    expect(await found({ text: 'Premium' })).toEqual(['N1001', 'U2007'])
    expect(await found({ text: 'navigation heated' })).toEqual(['U2007', 'U2010'])
    expect(await found({ text: 'off-road' })).toEqual(['U2009'])
  })

  it('never finds a word by the column names: every vehicle has an "Internet Price"', async () => {
    // Only the vehicle whose price reads "Call for Price".
    expect(await found({ text: 'price' })).toEqual(['U2008'])
    expect(await found({ text: 'odometer' })).toEqual([])
    expect(await found({ text: '%' })).toEqual([])
  })

  it('combines filters: used AWD or 4WD SUVs and trucks under $35k with under 60k miles', async () => {
    const suvs = await found({
      condition: 'used',
      bodyStyle: 'suv',
      drivetrain: ['awd', '4wd'],
      priceMax: 35_000,
      mileageMax: 60_000,
    })
    expect(suvs).toEqual(['U2001', 'U2010'])
  })
})

describe('searchVehicles order, totals and sold vehicles', () => {
  it('lists the cheapest first by default, a vehicle without a price last', async () => {
    const { stock } = await search({ limit: 50 })
    expect(stock).toEqual([
      'U2006',
      'U2001',
      'U2003',
      'U2002',
      'N1004',
      'U2007',
      'U2010',
      'N1001',
      'U2009',
      'U2004',
      'N1002',
      'N1003',
      'U2008',
    ])
  })

  it('lists the dearest first, a vehicle without a price still last', async () => {
    const { stock } = await search({ sort: 'price_desc', limit: 3 })
    expect(stock).toEqual(['N1003', 'N1002', 'U2004'])
    expect((await search({ sort: 'price_desc', limit: 50 })).stock.at(-1)).toBe('U2008')
  })

  it('lists the newest first, the cheapest first within a year', async () => {
    expect((await search({ condition: 'new', sort: 'year_desc' })).stock).toEqual([
      'N1004',
      'N1001',
      'N1002',
      'N1003',
    ])
    expect((await search({ condition: 'used', sort: 'year_asc' })).stock).toEqual([
      'U2008',
      'U2006',
      'U2003',
      'U2001',
      'U2010',
      'U2009',
      'U2004',
      'U2002',
      'U2007',
    ])
  })

  it('lists the lowest miles first', async () => {
    expect((await search({ bodyStyle: 'truck', sort: 'mileage_asc' })).stock).toEqual([
      'U2009',
      'U2004',
      'U2003',
    ])
  })

  it('lists the best MPG first, a tie by price, a vehicle without MPG last', async () => {
    const { stock } = await search({ sort: 'mpg_desc', limit: 50 })
    expect(stock).toEqual([
      'N1001',
      'U2008',
      'U2006',
      'N1004',
      'U2002',
      'U2001',
      'N1003',
      'N1002',
      'U2004',
      'U2010',
      'U2003',
      'U2009',
      'U2007',
    ])
  })

  it('counts every match beyond the few it returns', async () => {
    expect(await search({ limit: 3 })).toEqual({
      total: AVAILABLE,
      stock: ['U2006', 'U2001', 'U2003'],
    })
    expect(await search({ bodyStyle: 'suv', limit: 1 })).toEqual({ total: 5, stock: ['U2001'] })
    expect(await search({ make: 'Subaru' })).toEqual({ total: 0, stock: [] })
  })

  it('returns ten by default, at least one and at most fifty', async () => {
    expect((await search({})).stock).toHaveLength(10)
    expect((await search({ limit: 0 })).stock).toHaveLength(1)
    expect((await search({ limit: 500, includeSold: true })).stock).toHaveLength(LOT.length)
  })

  it('leaves sold vehicles out unless asked, keeping pending and in-transit ones', async () => {
    const { stock } = await search({ bodyStyle: 'truck', limit: 50 })
    expect(stock).not.toContain('U2005')
    expect(stock).toContain('U2004') // Sale Pending
    expect(await found({ condition: 'new' })).toContain('N1003') // In Transit
    const withSold = await search({ bodyStyle: 'truck', includeSold: true, limit: 50 })
    expect(withSold.total).toBe(4)
    expect(withSold.stock).toContain('U2005')
    expect(await search({ text: 'trail' })).toEqual({ total: 0, stock: [] })
    expect(await search({ text: 'trail', includeSold: true })).toEqual({
      total: 1,
      stock: ['U2005'],
    })
  })

  it('returns whole vehicles, typed', async () => {
    const [rav4] = (await db.tenant(dealer, (tx) => searchVehicles(tx, dealer, { model: 'rav4' })))
      .vehicles
    expect(rav4).toMatchObject({
      stockNumber: 'N1001',
      vin: vinOf('N1001'),
      year: 2026,
      make: 'Toyota',
      model: 'RAV4 Hybrid',
      trim: 'XLE Premium',
      bodyStyle: 'suv',
      condition: 'new',
      mileage: 8,
      price: 36_450,
      msrp: null,
      exteriorColor: 'Blueprint',
      colorFamily: 'blue',
      drivetrain: 'awd',
      fuel: 'hybrid',
      mpgCity: 41,
      mpgHighway: 38,
      features: ['Power Moonroof', 'Heated Front Seats', 'Blind Spot Monitor'],
      status: 'available',
      statusText: 'In Stock',
    })
  })
})

describe('one dealership never sees another’s vehicles', () => {
  it("searches only the tenant's own inventory", async () => {
    expect(await search({ limit: 50 }, other)).toEqual({ total: 2, stock: ['B7002', 'N1001'] })
    expect((await search({ make: 'Ford' }, dealer)).stock).not.toContain('B7002')
    const own = await db.tenant(other, (tx) => searchVehicles(tx, other, { stockNumber: 'N1001' }))
    expect(own.vehicles.map((v) => v.model)).toEqual(['RAV4'])
  })

  it('finds nothing of another tenant even when the query names it (row-level security)', async () => {
    const result = await db.tenant(other, (tx) => searchVehicles(tx, dealer, { limit: 50 }))
    expect(result).toEqual({ total: 0, vehicles: [] })
    const page = await db.tenant(other, (tx) => findVehicle(tx, dealer, { stockNumber: 'U2001' }))
    expect(page).toBeNull()
  })

  it("does not find another tenant's vehicle by its VIN", async () => {
    expect(await search({ vin: vinOf('B7002') }, dealer)).toEqual({ total: 0, stock: [] })
    const page = await db.tenant(dealer, (tx) => findVehicle(tx, dealer, { vin: vinOf('B7002') }))
    expect(page).toBeNull()
  })
})

describe('findVehicle and vehiclesById', () => {
  const find = (ids: { stockNumber?: string; vin?: string }) =>
    db.tenant(dealer, (tx) => findVehicle(tx, dealer, ids)).then((v) => v?.stockNumber ?? null)

  it("finds the visitor's page's vehicle by stock number or VIN, sold or not", async () => {
    expect(await find({ stockNumber: 'n1002' })).toBe('N1002')
    expect(await find({ stockNumber: '#N1002' })).toBe('N1002')
    expect(await find({ vin: vinOf('U2004').toLowerCase() })).toBe('U2004')
    expect(await find({ stockNumber: 'U2005' })).toBe('U2005')
    expect(await find({ stockNumber: 'X9999' })).toBeNull()
    expect(await find({})).toBeNull()
  })

  it('prefers the stock number when stock number and VIN name different vehicles', async () => {
    expect(await find({ stockNumber: 'U2001', vin: vinOf('U2004') })).toBe('U2001')
    expect(await find({ stockNumber: 'X9999', vin: vinOf('U2004') })).toBe('U2004')
  })

  it('returns vehicles by id in the order asked, skipping unknown ones', async () => {
    const all = await db.tenant(dealer, (tx) => searchVehicles(tx, dealer, { limit: 3 }))
    const ids = all.vehicles.map((v) => v.id).reverse()
    const listed = await db.tenant(dealer, (tx) =>
      vehiclesById(tx, dealer, [ids[0]!, newId(), ...ids.slice(1)]),
    )
    expect(listed.map((v) => v.stockNumber)).toEqual(['U2003', 'U2001', 'U2006'])
  })
})

describe('replaceVehicles', () => {
  it("replaces a feed's vehicles when it is uploaded again, and its words with them", async () => {
    const tenant = (await insertTenant(db, 'Replace Motors')).id
    const documentId = await ingest(tenant, LOT.slice(0, 3))
    expect((await search({ limit: 50 }, tenant)).total).toBe(3)
    await load(tenant, documentId, [LOT[5]!.replace('Lariat', 'Platinum')])
    expect(await search({ limit: 50 }, tenant)).toEqual({ total: 1, stock: ['U2004'] })
    expect((await search({ text: 'platinum' }, tenant)).stock).toEqual(['U2004'])
    expect((await search({ text: 'lariat' }, tenant)).total).toBe(0)
    expect((await search({ stockNumber: 'N1001' }, tenant)).total).toBe(0)
  })

  it('stores thousands of vehicles in batches', async () => {
    const tenant = (await insertTenant(db, 'Big Lot Motors')).id
    const lines = Array.from({ length: 1_203 }, (_, i) =>
      LOT[i % LOT.length]!.replace(/^[NU]\d{4}/, `S${String(i).padStart(5, '0')}`),
    )
    await ingest(tenant, lines)
    const result = await search({ includeSold: true, limit: 1, sort: 'year_asc' }, tenant)
    expect(result.total).toBe(1_203)
    expect((await search({ stockNumber: 's01202' }, tenant)).stock).toEqual(['S01202'])
  })
})

describe('inventoryVocabulary', () => {
  it('lists the makes, models, trims and colours, and how many vehicles can be bought', async () => {
    const vocabulary = await db.tenant(dealer, (tx) => inventoryVocabulary(tx, dealer))
    expect(vocabulary.available).toBe(AVAILABLE)
    expect(vocabulary.models).toContainEqual({ make: 'Honda', model: 'CRV', bodyStyle: 'suv' })
    expect(vocabulary.trims).toContain('Unlimited Sahara')
    expect(vocabulary.colors).toContain('Wind Chill Pearl')
    expect(vocabulary.models.map((m) => m.model)).not.toContain('Escape')
  })
})
