import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from '../../server/test/support/server.ts'
import { AvatarAdamError, createServerClient } from '../src/index.ts'

let server: TestServer
let tenant: TestTenant

const FEED = `Stock #,Year,Make,Model,Body,Type,Odometer,Internet Price,Drive Type,Options
U100,2021,Toyota,RAV4,SUV,Used,31200,"$27,900",AWD,Leather Seats|Sunroof
U101,2019,Honda,CR-V,SUV,Used,48100,"$21,500",FWD,Backup Camera
U102,2022,Ford,F-150,Truck,Used,22000,"$38,400",4WD,Tow Package
N200,2026,Toyota,Camry,Sedan,New,8,"$29,990",FWD,Apple CarPlay
`

const CONTACT = `# Contact us

Sales: (555) 010-2000

## Sales hours

- Monday–Friday: 9:00 AM – 7:00 PM
- Saturday: 9:00 AM – 5:00 PM
- Sunday: Closed
`

beforeAll(async () => {
  server = await startTestServer()
  tenant = await createTenant(server)
  const admin = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
  for (const [filename, content] of [
    ['inventory.csv', FEED],
    ['contact.md', CONTACT],
  ] as const) {
    const { id } = await admin.documents.upload(content, { filename })
    await admin.documents.waitUntilReady(id)
  }
})
afterAll(() => server.stop())

describe('the inventory and the dealership facts through the SDK', () => {
  it('searches the inventory with ranges, lists and a sort', async () => {
    const admin = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
    const suvs = await admin.inventory.search({
      condition: 'used',
      bodyStyle: 'suv',
      priceMax: 30_000,
    })
    expect(suvs.total).toBe(2)
    expect(suvs.vehicles.map((v) => v.stockNumber)).toEqual(['U101', 'U100'])
    const driven = await admin.inventory.search({
      drivetrain: ['awd', '4wd'],
      sort: 'price_desc',
      limit: 1,
    })
    expect({ total: driven.total, first: driven.vehicles[0]?.stockNumber }).toEqual({
      total: 2,
      first: 'U102',
    })
    const leather = await admin.inventory.search({ features: ['leather', 'sunroof'] })
    expect(leather.vehicles.map((v) => v.stockNumber)).toEqual(['U100'])
  })

  it('reads the facts, saves a correction and the time zone, and refuses a bad one', async () => {
    const admin = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
    const read = await admin.facts.get()
    const sales = read.facts.departments.find((d) => d.department === 'sales')
    expect(sales?.hours.sat?.intervals).toEqual([{ open: '09:00', close: '17:00' }])
    const corrected = structuredClone(read.facts)
    corrected.departments.find((d) => d.department === 'sales')!.hours.sat = {
      intervals: [{ open: '10:00', close: '16:00' }],
    }
    const saved = await admin.facts.update({ facts: corrected, timezone: 'America/Denver' })
    expect(saved.timezone).toBe('America/Denver')
    expect(
      saved.facts.departments.find((d) => d.department === 'sales')?.hours.sat?.intervals,
    ).toEqual([{ open: '10:00', close: '16:00' }])
    const refused = await admin.facts.update({ timezone: 'Mars/Olympus' }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(AvatarAdamError)
    expect((refused as AvatarAdamError).code).toBe('invalid_request')
    expect((await admin.facts.get()).timezone).toBe('America/Denver')
  })
})
