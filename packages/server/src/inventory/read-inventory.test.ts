import { describe, expect, it } from 'vitest'
import { parseCsv } from '../knowledge/parse/csv.ts'
import { buildXlsx } from '../knowledge/parse/fixtures/build-xlsx.ts'
import { parseXlsx } from '../knowledge/parse/xlsx.ts'
import { readInventory } from './read-inventory.ts'

const csv = async (text: string) => (await parseCsv(new TextEncoder().encode(text))).sheet!

const FEED = `Stock #,VIN,New/Used,Year,Make,Model,Trim,Body Style,Ext. Color,Odometer,Internet Price,Drive Type,Options,Status,Lot Location
N26001,5YJ3E1EA7PF000001,New,2026,Toyota,Highlander,XLE AWD,SUV,Wind Chill Pearl,12,"$46,220",AWD,"Third Row Seating|Heated Front Seats|Power Moonroof",In Stock,Front line
U25987,1FTFW1E50MFA00002,Used,2021,Ford,F-150,XLT SuperCrew,Crew Cab Pickup,Agate Black,"41,850","$36,995",4x4,"Tow Package|Backup Camera",Sale Pending,Back lot
,,,,,,,,,,,,,,
U25990,,Certified Pre-Owned,2022,Honda,CR-V,EX-L,SUV,Sonic Gray Pearl,"22,410","$29,450",AWD,Leather Seats; Apple CarPlay,Sold,
`

describe('readInventory', () => {
  it('reads a CSV feed into its vehicles, with how each column was read', async () => {
    const feed = readInventory(await csv(FEED))
    expect(feed?.summary.vehicles).toBe(3)
    expect(feed?.summary.columns).toEqual([
      { name: 'Stock #', field: 'stockNumber' },
      { name: 'VIN', field: 'vin' },
      { name: 'New/Used', field: 'condition' },
      { name: 'Year', field: 'year' },
      { name: 'Make', field: 'make' },
      { name: 'Model', field: 'model' },
      { name: 'Trim', field: 'trim' },
      { name: 'Body Style', field: 'bodyStyle' },
      { name: 'Ext. Color', field: 'exteriorColor' },
      { name: 'Odometer', field: 'mileage' },
      { name: 'Internet Price', field: 'price' },
      { name: 'Drive Type', field: 'drivetrain' },
      { name: 'Options', field: 'features' },
      { name: 'Status', field: 'status' },
      // Reported, so the portal shows what the feed holds that no field reads.
      { name: 'Lot Location', field: null },
    ])
    expect(
      feed?.vehicles.map((v) => [v.stockNumber, v.year, v.model, v.condition, v.price, v.status]),
    ).toEqual([
      ['N26001', 2026, 'Highlander', 'new', 46_220, 'available'],
      ['U25987', 2021, 'F-150', 'used', 36_995, 'pending'],
      ['U25990', 2022, 'CR-V', 'certified', 29_450, 'sold'],
    ])
    const f150 = feed!.vehicles[1]!
    expect(f150).toMatchObject({ bodyStyle: 'truck', drivetrain: '4wd', mileage: 41_850 })
    expect(f150.featureKeys.sort()).toEqual(['backup camera', 'tow package'])
    // Every column as written, the unmapped one included; empty cells left out.
    expect(f150.fields['Lot Location']).toBe('Back lot')
    expect(feed!.vehicles[2]!.fields).not.toHaveProperty('Lot Location')
  })

  it('reads the first sheet of an XLSX export, numbers stored as numbers', async () => {
    const bytes = buildXlsx([
      [
        'StockNo',
        'Year',
        'Make',
        'Model',
        'Trim',
        'Mileage',
        'Sale Price',
        'MSRP',
        'Exterior Colour',
      ],
      ['T1234', 2021, 'Toyota', 'RAV4', 'XLE', 31_200, 27_900, null, 'Blueprint'],
      ['T1240', 2024, 'Toyota', 'Camry', 'SE', 6, 29_850, 31_245, 'Supersonic Red'],
    ])
    const sheet = (await parseXlsx(bytes)).sheet!
    const feed = readInventory(sheet)
    expect(feed?.summary.vehicles).toBe(2)
    expect(
      feed?.vehicles.map((v) => [v.stockNumber, v.year, v.mileage, v.price, v.msrp, v.colorFamily]),
    ).toEqual([
      ['T1234', 2021, 31_200, 27_900, null, 'blue'],
      ['T1240', 2024, 6, 29_850, 31_245, 'red'],
    ])
    expect(feed?.vehicles.map((v) => v.bodyStyle)).toEqual(['suv', 'sedan'])
  })

  it('skips rows that name no vehicle and keeps the rest', async () => {
    const feed = readInventory(
      await csv('Stock #,Make,Model,Price\nA1,Kia,Soul,"$18,400"\n,,,"$18,400"\nA2,Kia,Seltos,\n'),
    )
    expect(feed?.summary.vehicles).toBe(2)
    expect(feed?.vehicles.map((v) => [v.stockNumber, v.price])).toEqual([
      ['A1', 18_400],
      ['A2', null],
    ])
  })

  it('is not an inventory when its columns name no vehicles: a service price list', async () => {
    const sheet = await csv(
      'Service,Price,Duration\nOil change,$59.95,30 min\nTire rotation,$24.95,20 min\n',
    )
    expect(readInventory(sheet)).toBeNull()
  })

  it('needs two identifying columns: a "Model" column alone is some other table', async () => {
    const sheet = await csv('Model,Towing capacity\nF-150,"13,500 lbs"\nRanger,"7,500 lbs"\n')
    expect(readInventory(sheet)).toBeNull()
  })
})
