import { describe, expect, it } from 'vitest'
import { vehicleChunk } from './chunk-vehicle.ts'

describe('vehicleChunk', () => {
  it('names the vehicle and lists every field with price and mileage formatted', () => {
    const chunk = vehicleChunk({
      'Stock #': 'T1234',
      Year: '2021',
      Make: 'Toyota',
      Model: 'RAV4',
      Trim: 'XLE',
      'Exterior Color': 'Magnetic Gray',
      Mileage: '31200',
      Price: '27900',
      Notes: '',
    })
    expect(chunk).toEqual({
      heading: '2021 Toyota RAV4 XLE (Stock #T1234)',
      content:
        'Stock #: T1234\nYear: 2021\nMake: Toyota\nModel: RAV4\nTrim: XLE\n' +
        'Exterior Color: Magnetic Gray\nMileage: 31,200 miles\nPrice: $27,900',
    })
  })

  it('recognises common spellings of inventory columns, whatever their case', () => {
    const chunk = vehicleChunk({
      'MODEL YEAR': '2019',
      make: 'Ford',
      model: 'F-150',
      STOCKNUMBER: '#F77',
      Odometer: '48,020 mi',
      'Internet Price': '$31,499.50',
      MSRP: '35000',
    })
    expect(chunk?.heading).toBe('2019 Ford F-150 (Stock #F77)')
    expect(chunk?.content).toContain('Odometer: 48,020 miles')
    expect(chunk?.content).toContain('Internet Price: $31,499.50')
    expect(chunk?.content).toContain('MSRP: $35,000')
  })

  it('keeps values that are not numbers as written', () => {
    const chunk = vehicleChunk({ Model: 'Civic', Price: 'Call for price', Miles: 'TMU' })
    expect(chunk?.content).toBe('Model: Civic\nPrice: Call for price\nMiles: TMU')
  })

  it('leaves out a zero price, which feeds use for "call for price"', () => {
    expect(vehicleChunk({ Model: 'Civic', Price: '0' })?.content).toBe('Model: Civic')
  })

  it('does not repeat a trim the model already names', () => {
    expect(vehicleChunk({ Make: 'Toyota', Model: 'RAV4 XLE', Trim: 'XLE' })?.heading).toBe(
      'Toyota RAV4 XLE',
    )
  })

  it('falls back to the stock number or VIN when the vehicle has no name', () => {
    expect(vehicleChunk({ StockNumber: 'A1', Color: 'Red' })?.heading).toBe('Stock #A1')
    expect(vehicleChunk({ VIN: '1HGCV1F34LA012345' })?.heading).toBe('VIN 1HGCV1F34LA012345')
    expect(vehicleChunk({ Color: 'Red' })?.heading).toBe('Vehicle')
  })

  it('makes no chunk for a vehicle without values', () => {
    expect(vehicleChunk({ Year: '', Make: '  ' })).toBeNull()
  })
})
