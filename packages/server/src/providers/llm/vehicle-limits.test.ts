import { describe, expect, it } from 'vitest'
import { readVehicleLimits, withinLimits } from './vehicle-limits.ts'

describe('readVehicleLimits', () => {
  it.each([
    ['Do you have any SUVs under $30,000?', { maxPrice: 30_000 }],
    ['trucks below 25k', { maxPrice: 25_000 }],
    ['anything less than $18,500.50', { maxPrice: 18_500.5 }],
    ['cars over $40,000', { minPrice: 40_000 }],
    ['between $15k and $25k', { minPrice: 15_000, maxPrice: 25_000 }],
    ['between 20 and 30k', { minPrice: 20_000, maxPrice: 30_000 }],
    ['sedans under 50,000 miles', { maxMileage: 50_000 }],
    ['under 60k miles and under $20k', { maxMileage: 60_000, maxPrice: 20_000 }],
  ])('reads the limits of "%s"', (question, limits) => {
    expect(readVehicleLimits(question).limits).toEqual(limits)
  })

  it('leaves small numbers that are not prices alone', () => {
    expect(readVehicleLimits('cars under 5 years old').limits).toEqual({})
  })

  it('removes the limit from the question so its amount is not matched as a word', () => {
    expect(readVehicleLimits('SUVs under $30,000?').rest).not.toContain('30')
  })
})

describe('withinLimits', () => {
  it('checks price and mileage however the feed writes them', () => {
    expect(withinLimits({ maxPrice: 30_000 }, '$27,900', '31,200 miles')).toBe(true)
    expect(withinLimits({ maxPrice: 30_000 }, '31995', null)).toBe(false)
    expect(withinLimits({ maxMileage: 30_000 }, '$27,900', '31,200 miles')).toBe(false)
  })

  it('does not claim a vehicle without a price fits a price limit', () => {
    expect(withinLimits({ maxPrice: 30_000 }, 'Call for price', null)).toBe(false)
    expect(withinLimits({}, null, null)).toBe(true)
  })
})
