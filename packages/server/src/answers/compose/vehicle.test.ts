import { describe, expect, it } from 'vitest'
import { ENGLISH, languageOf } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import type { VehicleRequest } from '../understand/types.ts'
import { testVehicle } from './test-vehicle.ts'
import { vehicleAnswer } from './vehicle.ts'

const SPANISH = languageOf('es')

const vehicle = testVehicle

const rav4 = vehicle({})

const evidence = (fields: Partial<Evidence>): Evidence => ({
  facts: { departments: [], address: null, website: null, staff: [], holidays: [] },
  timezone: null,
  titles: {},
  search: null,
  pageVehicle: null,
  vehicles: [],
  similar: null,
  now: new Date('2026-03-07T15:30:00Z'),
  ...fields,
})

type About = Extract<VehicleRequest, { kind: 'about' }>
const about = (fields: Partial<About>): About => ({
  kind: 'about',
  target: 'page',
  vehicleIds: [],
  asks: [],
  feature: null,
  similar: null,
  ...fields,
})

describe('vehicleAnswer', () => {
  it('answers the fields asked of the vehicle on the page, from its row', () => {
    const answer = vehicleAnswer(
      about({ asks: ['drivetrain', 'price', 'mpg'] }),
      evidence({ pageVehicle: rav4 }),
      ENGLISH,
    )
    expect(answer).toEqual({
      lead: [
        'The 2021 Toyota RAV4 XLE is AWD.',
        'The 2021 Toyota RAV4 XLE is $27,900.',
        'The 2021 Toyota RAV4 XLE gets 27 city / 35 highway MPG.',
      ],
      details: ['[2021 Toyota RAV4 XLE](https://example.com/used/a101)'],
      sources: ['feed'],
      context: { topic: 'vehicle', focus: ['rav4'], listed: ['rav4'] },
    })
  })

  it('says whether it has a feature, listing what it has when not', () => {
    const answer = vehicleAnswer(
      about({ feature: 'heated seats', features: ['heated seats', 'sunroof'] }),
      evidence({ pageVehicle: rav4 }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual([
      'Yes, the 2021 Toyota RAV4 XLE has Heated Front Seats.',
      "I don't see sunroof among the 2021 Toyota RAV4 XLE's listed features. Features: Heated Front Seats, Apple CarPlay.",
    ])
  })

  it('says whether it is still available, in the feed’s own words', () => {
    const available = vehicleAnswer(
      about({ asks: ['available'] }),
      evidence({ pageVehicle: rav4 }),
      ENGLISH,
    )
    expect(available?.lead).toEqual(['Yes, the 2021 Toyota RAV4 XLE is still available.'])
    const pending = vehicle({ status: 'pending', statusText: 'Deposit Taken' })
    expect(
      vehicleAnswer(about({ asks: ['available'] }), evidence({ pageVehicle: pending }), ENGLISH)
        ?.lead,
    ).toEqual(['The 2021 Toyota RAV4 XLE has a sale pending (Deposit Taken).'])
    // The feed's word said once, not twice.
    const plain = vehicle({ status: 'pending', statusText: 'Sale Pending' })
    expect(
      vehicleAnswer(about({ asks: ['available'] }), evidence({ pageVehicle: plain }), ENGLISH)
        ?.lead,
    ).toEqual(['The 2021 Toyota RAV4 XLE has a sale pending.'])
  })

  it('says once what the listing does not say', () => {
    expect(
      vehicleAnswer(about({ asks: ['vin'] }), evidence({ pageVehicle: rav4 }), ENGLISH)?.lead,
    ).toEqual(["The 2021 Toyota RAV4 XLE's listing doesn't say: VIN."])
    const both = { ...rav4, drivetrain: null, mpgCity: null, mpgHighway: null }
    expect(
      vehicleAnswer(
        about({ asks: ['drivetrain', 'mpg'] }),
        evidence({ pageVehicle: both }),
        ENGLISH,
      )?.lead,
    ).toEqual(["The 2021 Toyota RAV4 XLE's listing doesn't say: drivetrain and MPG."])
  })

  it('lists similar vehicles for less', () => {
    const cheaper = [
      vehicle({
        id: 'crv',
        make: 'Honda',
        model: 'CR-V',
        trim: 'EX',
        price: 24500,
        stockNumber: 'B202',
        url: null,
      }),
    ]
    const answer = vehicleAnswer(
      about({ similar: 'cheaper' }),
      evidence({ pageVehicle: rav4, similar: { total: 1, vehicles: cheaper } }),
      ENGLISH,
    )
    expect(answer?.lead).toEqual(['Similar SUVs for less:'])
    expect(answer?.details).toEqual([
      '- **2021 Honda CR-V EX** — $24,500, 31,200 miles (stock B202)',
    ])
    expect(answer?.context).toEqual({ topic: 'inventory', listed: ['crv'], focus: [] })
    const none = vehicleAnswer(
      about({ similar: 'cheaper' }),
      evidence({ pageVehicle: rav4, similar: { total: 0, vehicles: [] } }),
      ENGLISH,
    )
    expect(none?.lead).toEqual(["I don't see anything similar for less right now."])
    expect(none?.handoff).toBe(true)
  })

  it('gives nothing without the vehicle', () => {
    expect(vehicleAnswer(about({ asks: ['price'] }), evidence({}), ENGLISH)).toBe(null)
  })

  it('answers in Spanish, the feed’s words copied as written', () => {
    const answer = vehicleAnswer(
      about({ asks: ['price', 'available'], feature: 'heated seats' }),
      evidence({ pageVehicle: rav4 }),
      SPANISH,
    )
    expect(answer?.lead).toEqual([
      'Sí, el 2021 Toyota RAV4 XLE tiene Heated Front Seats.',
      '2021 Toyota RAV4 XLE: precio: $27,900.',
      'Sí, el 2021 Toyota RAV4 XLE sigue disponible.',
    ])
  })
})
