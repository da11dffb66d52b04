import type { InventoryResult, InventoryVehicle } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildXlsx, type XlsxCell } from '../src/knowledge/parse/fixtures/build-xlsx.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from './support/server.ts'

/*
 * GET /v1/inventory over feeds as dealer-management systems export them: their own column names
 * ("Stock #", "Odometer", "Internet Price", "Ext Color", "Drive Type", "Options"), their own
 * values ("$29,995", "24,150", "All-Wheel Drive", "Sale Pending"), as CSV and as XLSX.
 */

const HEADER = [
  'Stock #',
  'VIN',
  'Year',
  'Make',
  'Model',
  'Trim',
  'Body Style',
  'New/Used',
  'Odometer',
  'Internet Price',
  'MSRP',
  'Ext Color',
  'Drive Type',
  'Fuel Type',
  'Options',
  'Status',
]

interface Row {
  stock: string
  vin: string
  year: number
  make: string
  model: string
  trim: string
  body: string
  condition: string
  miles: number
  /** null: "Call for price". */
  price: number | null
  msrp: number | null
  color: string
  drive: string
  fuel: string
  options: string
  status: string
}

// biome-ignore format: one vehicle a line reads like the feed
const ROWS: Row[] = [
  { stock: 'A100', vin: '2T3P1RFV5NC100100', year: 2022, make: 'Toyota', model: 'RAV4', trim: 'XLE', body: 'Sport Utility', condition: 'Used', miles: 24_150, price: 29_995, msrp: null, color: 'Blueprint', drive: 'AWD', fuel: 'Gasoline', options: 'Heated Seats | Sunroof | Apple CarPlay', status: 'In Stock' },
  { stock: 'A101', vin: '5TDDZRBH1MS100101', year: 2021, make: 'Toyota', model: 'Highlander', trim: 'Limited', body: 'SUV', condition: 'Certified Pre-Owned', miles: 31_020, price: 38_400, msrp: null, color: 'Midnight Black Metallic', drive: 'All-Wheel Drive', fuel: 'Gasoline', options: 'Third Row Seating | Leather Seats | Heated Seats', status: 'In Stock' },
  { stock: 'A102', vin: '4T1G11AK8RU100102', year: 2024, make: 'Toyota', model: 'Camry', trim: 'SE', body: '4dr Sedan', condition: 'New', miles: 12, price: 28_750, msrp: 29_900, color: 'Celestial Silver', drive: 'FWD', fuel: 'Gasoline', options: 'Apple CarPlay | Blind Spot Monitor', status: 'In Stock' },
  { stock: 'A103', vin: '2HKRW2H54KH100103', year: 2019, make: 'Honda', model: 'CR-V', trim: 'EX', body: 'SUV', condition: 'Used', miles: 58_900, price: 21_500, msrp: null, color: 'Lunar Silver Metallic', drive: 'FWD', fuel: 'Gasoline', options: 'Sunroof | Heated Seats', status: 'In Stock' },
  { stock: 'A104', vin: '1FTEW1EP5LF100104', year: 2020, make: 'Ford', model: 'F-150', trim: 'XLT', body: 'Crew Cab Pickup', condition: 'Used', miles: 41_300, price: 33_900, msrp: null, color: 'Oxford White', drive: '4x4', fuel: 'Gasoline', options: 'Tow Package | Bed Liner', status: 'In Stock' },
  { stock: 'A105', vin: 'JTMEWRFV1PD100105', year: 2023, make: 'Toyota', model: 'RAV4 Hybrid', trim: 'XSE', body: 'SUV', condition: 'Used', miles: 9_800, price: 36_200, msrp: null, color: 'Blueprint', drive: 'AWD', fuel: 'Hybrid', options: 'Leather Seats | Sunroof | Heated Seats', status: 'Sold' },
  { stock: 'A106', vin: '19XFC2F59JE100106', year: 2018, make: 'Honda', model: 'Civic', trim: 'LX', body: 'Sedan', condition: 'Used', miles: 72_400, price: 15_900, msrp: null, color: 'Crystal Black Pearl', drive: 'FWD', fuel: 'Gasoline', options: 'Bluetooth', status: 'Sale Pending' },
  { stock: 'A107', vin: '3TYCZ5AN2RT100107', year: 2024, make: 'Toyota', model: 'Tacoma', trim: 'TRD Off-Road', body: 'Double Cab Pickup', condition: 'New', miles: 5, price: null, msrp: 46_500, color: 'Ice Cap', drive: '4WD', fuel: 'Gasoline', options: 'Tow Package | Navigation', status: 'In Transit' },
]

/** As a DMS writes a CSV: quoted thousands, dollar signs, "Call for price". */
function feedCsv(rows: readonly Row[]): string {
  const quote = (cell: string) => (/[",]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)
  const money = (n: number | null, none: string) =>
    n === null ? none : `$${n.toLocaleString('en-US')}`
  const lines = rows.map((r) =>
    [
      r.stock,
      r.vin,
      String(r.year),
      r.make,
      r.model,
      r.trim,
      r.body,
      r.condition,
      r.miles.toLocaleString('en-US'),
      money(r.price, 'Call for price'),
      money(r.msrp, ''),
      r.color,
      r.drive,
      r.fuel,
      r.options,
      r.status,
    ]
      .map(quote)
      .join(','),
  )
  return [HEADER.join(','), ...lines].join('\r\n')
}

/** As Excel stores the same sheet: numbers as numbers, empty cells empty. */
function feedXlsx(rows: readonly Row[]): Uint8Array {
  const cells = rows.map((r): XlsxCell[] => [
    r.stock,
    r.vin,
    r.year,
    r.make,
    r.model,
    r.trim,
    r.body,
    r.condition,
    r.miles,
    r.price ?? 'Call for price',
    r.msrp,
    r.color,
    r.drive,
    r.fuel,
    r.options,
    r.status,
  ])
  return buildXlsx([HEADER, ...cells])
}

let server: TestServer
let a: TestTenant
let b: TestTenant
let feedId: string

beforeAll(async () => {
  server = await startTestServer()
  a = await createTenant(server, 'Alpha Autos')
  b = await createTenant(server, 'Bravo Motors')
  const feed = await uploadAndWait(server, a.secret.key, 'inventory.csv', feedCsv(ROWS))
  expect(feed.status).toBe('ready')
  feedId = feed.id
  // Bravo's cheap RAV4 matches most of the filters below: it must never show up for Alpha.
  const bravo = await uploadAndWait(
    server,
    b.secret.key,
    'bravo.csv',
    'Stock #,Year,Make,Model,Body Style,Price,Ext Color\nB1,2021,Toyota,RAV4,SUV,19000,Blue\n',
  )
  expect(bravo.status).toBe('ready')
}, 60_000)
afterAll(() => server.stop())

async function inventory(tenant: TestTenant, query = ''): Promise<InventoryResult> {
  const res = await api(server, tenant.secret.key, 'GET', `/v1/inventory${query}`)
  expect(res.status, `GET /v1/inventory${query}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body
}

const stocks = (result: InventoryResult) => result.vehicles.map((v) => v.stockNumber)

describe('GET /v1/inventory', () => {
  it("reads a dealer feed's own column names and values into typed vehicles", async () => {
    const doc = (await api(server, a.secret.key, 'GET', `/v1/documents/${feedId}`)).body
    expect(doc).toMatchObject({ kind: 'csv', chunkCount: 0 })
    expect(doc.inventory).toEqual({
      vehicles: 8,
      columns: [
        { name: 'Stock #', field: 'stockNumber' },
        { name: 'VIN', field: 'vin' },
        { name: 'Year', field: 'year' },
        { name: 'Make', field: 'make' },
        { name: 'Model', field: 'model' },
        { name: 'Trim', field: 'trim' },
        { name: 'Body Style', field: 'bodyStyle' },
        { name: 'New/Used', field: 'condition' },
        { name: 'Odometer', field: 'mileage' },
        { name: 'Internet Price', field: 'price' },
        { name: 'MSRP', field: 'msrp' },
        { name: 'Ext Color', field: 'exteriorColor' },
        { name: 'Drive Type', field: 'drivetrain' },
        { name: 'Fuel Type', field: 'fuel' },
        { name: 'Options', field: 'features' },
        { name: 'Status', field: 'status' },
      ],
    })
    const { total, vehicles } = await inventory(a, '?stockNumber=A101')
    expect(total).toBe(1)
    expect(vehicles[0]).toEqual({
      id: expect.any(String),
      documentId: feedId,
      stockNumber: 'A101',
      vin: '5TDDZRBH1MS100101',
      year: 2021,
      make: 'Toyota',
      model: 'Highlander',
      trim: 'Limited',
      bodyStyle: 'suv',
      condition: 'certified',
      mileage: 31_020,
      price: 38_400,
      msrp: null,
      exteriorColor: 'Midnight Black Metallic',
      colorFamily: 'black',
      interiorColor: null,
      drivetrain: 'awd',
      fuel: 'gas',
      transmission: null,
      engine: null,
      mpgCity: null,
      mpgHighway: null,
      features: ['Third Row Seating', 'Leather Seats', 'Heated Seats'],
      featureKeys: expect.arrayContaining(['third row', 'leather', 'heated seats']),
      status: 'available',
      statusText: 'In Stock',
      url: null,
      photoUrl: null,
    })
    const [tacoma] = (await inventory(a, '?stockNumber=a107')).vehicles
    // "Call for price" is no price; the sticker is still known.
    expect(tacoma).toMatchObject({
      price: null,
      msrp: 46_500,
      bodyStyle: 'truck',
      drivetrain: '4wd',
    })
    expect(tacoma).toMatchObject({ status: 'in transit', statusText: 'In Transit' })
  })

  it('lists every vehicle that can be bought, cheapest first, with the total beside the page', async () => {
    const all = await inventory(a)
    expect(all.total).toBe(7)
    // A priceless vehicle ("Call for price") comes last.
    expect(stocks(all)).toEqual(['A106', 'A103', 'A102', 'A100', 'A104', 'A101', 'A107'])
    const page = await inventory(a, '?limit=2')
    expect(page.total).toBe(7)
    expect(stocks(page)).toEqual(['A106', 'A103'])
  })

  it('filters by condition, body style, price, mileage, year, make, model, drivetrain, features and colour', async () => {
    const cases: [string, string[]][] = [
      ['?condition=new', ['A102', 'A107']],
      // Used includes certified pre-owned.
      ['?condition=used', ['A106', 'A103', 'A100', 'A104', 'A101']],
      ['?condition=certified', ['A101']],
      ['?bodyStyle=suv', ['A103', 'A100', 'A101']],
      ['?bodyStyle=suv&priceMax=30000', ['A103', 'A100']],
      ['?bodyStyle=truck', ['A104', 'A107']],
      ['?condition=used&bodyStyle=suv&priceMax=30000&mileageMax=30000', ['A100']],
      ['?mileageMax=30000', ['A102', 'A100', 'A107']],
      ['?yearMin=2022', ['A102', 'A100', 'A107']],
      ['?priceMin=30000&priceMax=40000', ['A104', 'A101']],
      ['?make=toyota&model=rav4', ['A100']],
      ['?make=Honda', ['A106', 'A103']],
      ['?drivetrain=awd', ['A100', 'A101']],
      ['?drivetrain=awd,4wd', ['A100', 'A104', 'A101', 'A107']],
      ['?features=heated seats,sunroof', ['A103', 'A100']],
      ['?features=third row', ['A101']],
      // A feature no concept names: the feed's own words.
      ['?features=bed liner', ['A104']],
      ['?color=blue', ['A100']],
      ['?color=black', ['A106', 'A101']],
      ['?color=Oxford', ['A104']],
      ['?fuel=hybrid', []],
      ['?sort=mileage_asc&limit=3', ['A107', 'A102', 'A100']],
      ['?sort=price_desc&bodyStyle=sedan', ['A102', 'A106']],
      ['?sort=year_desc&make=Toyota&limit=2', ['A102', 'A107']],
    ]
    for (const [query, expected] of cases) {
      const result = await inventory(a, encodeURI(query))
      expect([query, stocks(result)]).toEqual([query, expected])
      if (!query.includes('limit')) expect([query, result.total]).toEqual([query, expected.length])
    }
    // A limit shortens the page, never the total.
    const cheapest = await inventory(a, '?condition=used&limit=1')
    expect([cheapest.total, stocks(cheapest)]).toEqual([5, ['A106']])
  })

  it('shows sold vehicles only with includeSold=true', async () => {
    expect(stocks(await inventory(a, '?make=toyota&model=rav4'))).toEqual(['A100'])
    expect(stocks(await inventory(a, '?make=toyota&model=rav4&includeSold=false'))).toEqual([
      'A100',
    ])
    const withSold = await inventory(a, '?make=toyota&model=rav4&includeSold=true')
    expect(stocks(withSold)).toEqual(['A100', 'A105'])
    expect(withSold.vehicles[1]).toMatchObject({ status: 'sold', statusText: 'Sold' })
    expect(stocks(await inventory(a, '?fuel=hybrid&includeSold=true'))).toEqual(['A105'])
    expect((await inventory(a, '?includeSold=true')).total).toBe(8)
    // A vehicle on hold can still be bought: it is listed, with its status.
    const [civic] = (await inventory(a, '?stockNumber=A106')).vehicles
    expect(civic).toMatchObject({ status: 'pending', statusText: 'Sale Pending' })
  })

  it('refuses bad query values with 400 naming the field, and changes nothing', async () => {
    const before = await inventory(a, '?includeSold=true&limit=50')
    const bad: [string, string][] = [
      ['?priceMax=cheap', 'priceMax'],
      ['?priceMin=-1', 'priceMin'],
      ['?mileageMax=lots', 'mileageMax'],
      ['?yearMin=1800', 'yearMin'],
      ['?yearMax=2024.5', 'yearMax'],
      ['?condition=broken', 'condition'],
      ['?bodyStyle=spaceship', 'bodyStyle'],
      ['?drivetrain=awd,hover', 'drivetrain'],
      ['?fuel=coal', 'fuel'],
      ['?sort=random', 'sort'],
      ['?limit=0', 'limit'],
      ['?limit=51', 'limit'],
      ['?includeSold=yes', 'includeSold'],
      [`?make=${'x'.repeat(65)}`, 'make'],
    ]
    for (const [query, field] of bad) {
      const res = await api(server, a.secret.key, 'GET', `/v1/inventory${query}`)
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'invalid_request'])
      expect(res.body.error.message).toMatch(new RegExp(`^Invalid request: ${field}(\\.\\d+)?: `))
      expect(
        res.body.error.details.issues.map((i: { path: string }) => i.path.split('.')[0]),
      ).toEqual([field])
    }
    expect(await inventory(a, '?includeSold=true&limit=50')).toEqual(before)
    expect(before.total).toBe(8)
  })

  it("never shows one dealership's vehicles to another", async () => {
    const bravo = await inventory(b, '?includeSold=true&limit=50')
    expect(stocks(bravo)).toEqual(['B1'])
    expect(bravo.vehicles[0]!.documentId).not.toBe(feedId)
    // Asked for exactly Alpha's vehicles, Bravo finds none.
    for (const query of ['?stockNumber=A100', '?vin=2T3P1RFV5NC100100', '?make=Honda']) {
      expect([query, await inventory(b, query)]).toEqual([query, { total: 0, vehicles: [] }])
    }
    // And Alpha never sees Bravo's cheaper blue RAV4.
    expect(stocks(await inventory(a, '?make=toyota&model=rav4&color=blue'))).toEqual(['A100'])
    expect(stocks(await inventory(a, '?includeSold=true&limit=50'))).not.toContain('B1')
    // Row-level security backs the tenant filter: Bravo's transaction sees only its own rows.
    const tenants = await server.db.tenant(b.tenantId, (tx) =>
      tx.query<{ tenant_id: string }>('select distinct tenant_id from vehicles'),
    )
    expect(tenants.map((r) => r.tenant_id)).toEqual([b.tenantId])
  })

  it('needs knowledge:read: a key without it is refused', async () => {
    const leadsOnly = await server.keys.create(a.tenantId, { type: 'secret', scopes: ['leads'] })
    const res = await api(server, leadsOnly.key, 'GET', '/v1/inventory')
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden'])
    const reader = await server.keys.create(a.tenantId, {
      type: 'secret',
      scopes: ['knowledge:read'],
    })
    expect((await api(server, reader.key, 'GET', '/v1/inventory')).body.total).toBe(7)
  })

  it('reads an XLSX feed the same as the CSV', async () => {
    const tenant = await createTenant(server, 'Excel Motors')
    const doc = await uploadAndWait(server, tenant.secret.key, 'inventory.xlsx', feedXlsx(ROWS))
    expect(doc).toMatchObject({ kind: 'xlsx', status: 'ready', chunkCount: 0 })
    const csvDoc = (await api(server, a.secret.key, 'GET', `/v1/documents/${feedId}`)).body
    expect(doc.inventory).toEqual(csvDoc.inventory)
    const withoutIds = ({ id: _id, documentId: _doc, ...rest }: InventoryVehicle) => rest
    const fromXlsx = await inventory(tenant, '?includeSold=true&limit=50')
    const fromCsv = await inventory(a, '?includeSold=true&limit=50')
    expect(fromXlsx.vehicles.map(withoutIds)).toEqual(fromCsv.vehicles.map(withoutIds))
    expect(fromXlsx.vehicles.every((v) => v.documentId === doc.id)).toBe(true)
    // The same filters, the same answers.
    const suvs = await inventory(tenant, '?condition=used&bodyStyle=suv&priceMax=30000')
    expect(stocks(suvs)).toEqual(['A103', 'A100'])
  })

  it('takes a feed’s vehicles away with the feed', async () => {
    const tenant = await createTenant(server, 'Short Lived Motors')
    const doc = await uploadAndWait(server, tenant.secret.key, 'inventory.csv', feedCsv(ROWS))
    expect((await inventory(tenant)).total).toBe(7)
    const deleted = await api(server, tenant.secret.key, 'DELETE', `/v1/documents/${doc.id}`)
    expect(deleted.status).toBe(204)
    expect(await inventory(tenant, '?includeSold=true')).toEqual({ total: 0, vehicles: [] })
  })
})
