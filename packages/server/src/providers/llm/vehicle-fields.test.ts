import { describe, expect, it } from 'vitest'
import type { Passage } from './index.ts'
import { vehicleBullet } from './vehicle-bullet.ts'
import { readVehicle } from './vehicle-fields.ts'

const passage = (text: string, heading: string | null = null): Passage => ({
  chunkId: 'c1',
  documentId: 'd1',
  title: 'Inventory',
  heading,
  text,
  similarity: 0.5,
  textMatch: true,
})

describe('readVehicle', () => {
  it('reads a vehicle from "Field: value" lines', () => {
    const vehicle = readVehicle(
      passage(
        'Stock #: A24101\nVIN: 2T3P1RFV5MK588062\nYear: 2021\nMake: Toyota\nModel: RAV4\n' +
          'Trim: XLE\nMileage: 31,200 miles\nPrice: $27,900\nStatus: Available',
      ),
    )
    expect(vehicle).toEqual({
      name: '2021 Toyota RAV4 XLE',
      price: '$27,900',
      mileage: '31,200 miles',
      stockNumber: 'A24101',
      vin: '2T3P1RFV5MK588062',
      status: 'Available',
    })
  })

  it('reads fields written on one line and other spellings of their names', () => {
    const vehicle = readVehicle(
      passage(
        'Model Year: 2020 | Brand: Honda | Model: CR-V | Internet Price: 24500 | Odometer: 42850',
      ),
    )
    expect(vehicle).toMatchObject({ name: '2020 Honda CR-V', price: '24500', mileage: '42850' })
  })

  it('names a vehicle by its heading when the fields lack make and model', () => {
    const vehicle = readVehicle(
      passage('Price: $9,900\nMileage: 99,000\nColor: Red', '2012 Ford Focus'),
    )
    expect(vehicle?.name).toBe('2012 Ford Focus')
  })

  it('does not take ordinary text for a vehicle', () => {
    expect(readVehicle(passage('Saturday: 9:00 AM – 6:00 PM\nSunday: Closed', 'Sales hours'))).toBe(
      null,
    )
  })
})

describe('vehicleBullet', () => {
  it('formats bare numbers and keeps every other value as the feed wrote it', () => {
    const base = { name: '2021 Toyota RAV4 XLE', vin: null, stockNumber: 'A24101' }
    expect(vehicleBullet({ ...base, price: '27900', mileage: '31200', status: 'Available' })).toBe(
      '- **2021 Toyota RAV4 XLE** — $27,900, 31,200 miles, Available (Stock A24101)',
    )
    expect(
      vehicleBullet({ ...base, price: '$27,900', mileage: '31,200 miles', status: 'Sale Pending' }),
    ).toBe('- **2021 Toyota RAV4 XLE** — $27,900, 31,200 miles, Sale Pending (Stock A24101)')
  })
})
