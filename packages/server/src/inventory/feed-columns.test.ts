import type { VehicleField } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { COLUMN_NAMES } from './column-names.ts'
import { columnKey, mapColumns } from './feed-columns.ts'

/** The field each header is read as, header by header. */
const fieldsOf = (header: string[], rows: string[][] = []) =>
  Object.fromEntries(mapColumns(header, rows).map((c) => [c.name, c.field]))

describe('columnKey', () => {
  it('compares headers without case, accents, spaces or punctuation', () => {
    expect(columnKey('Stock #')).toBe('stock')
    expect(columnKey('Ext. Color')).toBe('extcolor')
    expect(columnKey('Año')).toBe('ano')
    expect(columnKey(' VDP URL ')).toBe('vdpurl')
  })
})

describe('COLUMN_NAMES', () => {
  it('lists names as columnKey writes them, so every listed name can match', () => {
    for (const names of Object.values(COLUMN_NAMES)) {
      for (const name of names) expect(columnKey(name)).toBe(name)
    }
  })
})

describe('mapColumns', () => {
  it.each<[string, VehicleField]>([
    ['Stock #', 'stockNumber'],
    ['StockNo', 'stockNumber'],
    ['Stock Number', 'stockNumber'],
    ['Stk #', 'stockNumber'],
    ['VIN', 'vin'],
    ['VIN Number', 'vin'],
    ['Odometer', 'mileage'],
    ['Miles', 'mileage'],
    ['Mileage', 'mileage'],
    ['Internet Price', 'price'],
    ['Sale Price', 'price'],
    ['Internet Special Price', 'price'],
    ['MSRP', 'msrp'],
    ['Ext Color', 'exteriorColor'],
    ['Exterior Colour', 'exteriorColor'],
    ['Int Color', 'interiorColor'],
    ['Drive Type', 'drivetrain'],
    ['Drivetrain', 'drivetrain'],
    ['Fuel', 'fuel'],
    ['Trans', 'transmission'],
    ['Engine', 'engine'],
    ['City MPG', 'mpgCity'],
    ['Hwy MPG', 'mpgHighway'],
    ['MPG City/Hwy', 'mpg'],
    ['Options', 'features'],
    ['Features', 'features'],
    ['Status', 'status'],
    ['VDP URL', 'url'],
    ['Photo', 'photoUrl'],
    ['Body Style', 'bodyStyle'],
    ['Model Year', 'year'],
    ['New/Used', 'condition'],
    ['Precio', 'price'],
    ['Kilometraje', 'mileage'],
  ])('reads a "%s" column as %s', (header, field) => {
    expect(fieldsOf([header])[header]).toBe(field)
  })

  it('reads a whole dealer-management export, leaving columns it has no field for unmapped', () => {
    const header = [
      'Stock #',
      'VIN',
      'Year',
      'Make',
      'Model',
      'Trim',
      'Miles',
      'Internet Price',
      'MSRP',
      'Ext Color',
      'Int Color',
      'Drive Type',
      'Fuel',
      'Trans',
      'Engine',
      'City MPG',
      'Hwy MPG',
      'Options',
      'Status',
      'VDP URL',
      'Photo',
      'Lot Location',
      'Days In Stock',
    ]
    expect(fieldsOf(header)).toEqual({
      'Stock #': 'stockNumber',
      VIN: 'vin',
      Year: 'year',
      Make: 'make',
      Model: 'model',
      Trim: 'trim',
      Miles: 'mileage',
      'Internet Price': 'price',
      MSRP: 'msrp',
      'Ext Color': 'exteriorColor',
      'Int Color': 'interiorColor',
      'Drive Type': 'drivetrain',
      Fuel: 'fuel',
      Trans: 'transmission',
      Engine: 'engine',
      'City MPG': 'mpgCity',
      'Hwy MPG': 'mpgHighway',
      Options: 'features',
      Status: 'status',
      'VDP URL': 'url',
      Photo: 'photoUrl',
      'Lot Location': null,
      'Days In Stock': null,
    })
  })

  it('gives a field to the first column claiming it only: the others stay unmapped', () => {
    expect(fieldsOf(['Stock #', 'Stock Number', 'Odometer', 'Mileage'])).toEqual({
      'Stock #': 'stockNumber',
      'Stock Number': null,
      Odometer: 'mileage',
      Mileage: null,
    })
  })

  it('prefers the internet price to the sale price and keeps MSRP apart, wherever they stand', () => {
    expect(fieldsOf(['Sale Price', 'MSRP', 'Internet Price'])).toEqual({
      'Sale Price': null,
      MSRP: 'msrp',
      'Internet Price': 'price',
    })
    expect(fieldsOf(['Retail Price', 'Sale Price'])).toEqual({
      'Retail Price': 'msrp',
      'Sale Price': 'price',
    })
  })

  it('reads a "Type" column of new/used values as the condition', () => {
    const rows = [['Used'], ['New'], ['Certified Pre-Owned'], ['Used']]
    expect(fieldsOf(['Type'], rows)).toEqual({ Type: 'condition' })
  })

  it('reads a "Type" column of body styles as the body style', () => {
    const rows = [['SUV'], ['Crew Cab Pickup'], ['Sedan'], ['Minivan']]
    expect(fieldsOf(['Type'], rows)).toEqual({ Type: 'bodyStyle' })
  })

  it('tells a "Category" of body styles from a "Type" of new/used in the same feed', () => {
    const rows = [
      ['New', 'SUV'],
      ['Used', 'Sedan'],
      ['Used', 'Pickup'],
    ]
    expect(fieldsOf(['Type', 'Category'], rows)).toEqual({
      Type: 'condition',
      Category: 'bodyStyle',
    })
  })

  it('leaves a two-way header unmapped when its values decide neither way', () => {
    expect(fieldsOf(['Type'], [['Gas'], ['Diesel'], ['Gas']])).toEqual({ Type: null })
    expect(fieldsOf(['Type'], [])).toEqual({ Type: null })
  })
})
