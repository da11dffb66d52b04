import { describe, expect, it } from 'vitest'
import { mapColumns } from './feed-columns.ts'
import { amountIn, readVehicle, type VehicleDraft } from './read-vehicle.ts'

/** One row of a feed, read with the columns its own header maps to. */
function read(row: Record<string, string>): VehicleDraft | null {
  const header = Object.keys(row)
  return readVehicle(row, mapColumns(header, [Object.values(row)]))
}

/** A vehicle the reader must find. */
function vehicle(row: Record<string, string>): VehicleDraft {
  const found = read(row)
  if (!found) throw new Error(`no vehicle read from ${JSON.stringify(row)}`)
  return found
}

const RAV4 = {
  'Stock #': '#T1234',
  VIN: '2t3p1rfv5mc123456',
  'New/Used': 'Used',
  Year: '2021',
  Make: 'toyota',
  Model: 'RAV4 Hybrid',
  Trim: 'XLE AWD',
  'Body Style': 'Sport Utility',
  'Ext Color': 'Blueprint',
  'Int Color': 'Black SofTex',
  Odometer: '31,200 mi',
  'Internet Price': '$27,900',
  MSRP: '$33,450.00',
  Trans: 'CVT',
  Engine: '2.5L 4-Cyl Hybrid',
  'City MPG': '41',
  'Hwy MPG': '38',
  Options: 'Heated Seats | Power Moonroof | Apple CarPlay | Blind Spot Monitor',
  Status: 'In Stock',
  'VDP URL': 'https://www.dealer.example/used/2021-toyota-rav4-T1234',
  Photo: 'https://img.dealer.example/T1234/1.jpg https://img.dealer.example/T1234/2.jpg',
  'Lot Location': 'Back row',
}

describe('readVehicle', () => {
  it('reads a used-car row into a typed vehicle, keeping every column as written', () => {
    const rav4 = vehicle(RAV4)
    expect(rav4).toEqual({
      stockNumber: 'T1234',
      vin: '2T3P1RFV5MC123456',
      year: 2021,
      make: 'Toyota',
      model: 'RAV4 Hybrid',
      trim: 'XLE AWD',
      bodyStyle: 'suv',
      condition: 'used',
      mileage: 31_200,
      price: 27_900,
      msrp: 33_450,
      exteriorColor: 'Blueprint',
      colorFamily: 'blue',
      interiorColor: 'Black SofTex',
      drivetrain: 'awd',
      fuel: 'hybrid',
      transmission: 'CVT',
      engine: '2.5L 4-Cyl Hybrid',
      mpgCity: 41,
      mpgHighway: 38,
      features: ['Heated Seats', 'Power Moonroof', 'Apple CarPlay', 'Blind Spot Monitor'],
      featureKeys: ['heated seats', 'sunroof', 'apple carplay', 'blind spot'],
      status: 'available',
      statusText: 'In Stock',
      url: 'https://www.dealer.example/used/2021-toyota-rav4-T1234',
      photoUrl: 'https://img.dealer.example/T1234/1.jpg',
      fields: RAV4,
    })
  })

  it('names no vehicle for a row without make, model, stock number or VIN', () => {
    expect(read({ Year: '2021', Price: '$18,500', Color: 'Red' })).toBeNull()
  })

  describe('numbers as feeds write them', () => {
    it.each([
      ['$27,900', 27_900],
      ['27900', 27_900],
      ['27900.00', 27_900],
      ['USD 27,900', 27_900],
      ['$ 27,900 ', 27_900],
      ['$27.900', 27_900],
      ['27.900,00', 27_900],
      ['$1.250.000', 1_250_000],
      ['$41,995.50', 41_995.5],
    ])('reads the amount "%s" as %d', (text, amount) => {
      expect(amountIn(text)).toBe(amount)
    })

    it.each(['Call for price', '$0', '0', '', 'TBD'])('quotes no price for "%s"', (text) => {
      expect(amountIn(text)).toBeNull()
    })

    it.each([
      ['31,200 mi', 31_200],
      ['31200', 31_200],
      ['31,200 miles', 31_200],
      ['31.200 km', 31_200],
      ['45K', 45_000],
      ['31.2k miles', 31_200],
      ['12', 12],
    ])('reads the mileage "%s" as %d', (text, miles) => {
      expect(vehicle({ Make: 'Honda', Model: 'Civic', Mileage: text }).mileage).toBe(miles)
    })

    it('reads no mileage or year from words', () => {
      const civic = vehicle({ Make: 'Honda', Model: 'Civic', Year: 'N/A', Mileage: 'TBD' })
      expect([civic.year, civic.mileage]).toEqual([null, null])
    })

    it('reads city and highway MPG from one combined column', () => {
      const [slash, words, one] = ['22/29', '28 City, 34 Highway', '30'].map((mpg) =>
        vehicle({ Make: 'Kia', Model: 'Forte', MPG: mpg }),
      )
      expect([slash?.mpgCity, slash?.mpgHighway]).toEqual([22, 29])
      expect([words?.mpgCity, words?.mpgHighway]).toEqual([28, 34])
      expect([one?.mpgCity, one?.mpgHighway]).toEqual([30, 30])
    })
  })

  describe('condition', () => {
    it.each([
      ['New', 'new'],
      ['Used', 'used'],
      ['Pre-Owned', 'used'],
      ['Certified Pre-Owned', 'certified'],
      ['CPO', 'certified'],
      ['Usado', 'used'],
      ['Nuevo', 'new'],
    ] as const)('reads "%s" as %s', (text, condition) => {
      expect(vehicle({ Make: 'Ford', Model: 'Escape', 'New/Used': text }).condition).toBe(condition)
    })

    it('makes a used vehicle certified when a certified column says so, but never a new one', () => {
      const used = vehicle({ Make: 'Ford', Model: 'Escape', 'New/Used': 'Used', Certified: 'Yes' })
      const fresh = vehicle({ Make: 'Ford', Model: 'Escape', 'New/Used': 'New', Certified: 'Y' })
      const notCertified = vehicle({ Make: 'Ford', Model: 'Escape', 'New/Used': 'Used', CPO: 'No' })
      expect([used.condition, fresh.condition, notCertified.condition]).toEqual([
        'certified',
        'new',
        'used',
      ])
    })

    it("takes a vehicle with miles on it as used in a feed without a condition (a used lot's)", () => {
      expect(vehicle({ Make: 'Ford', Model: 'Escape', Miles: '48,100' }).condition).toBe('used')
      expect(vehicle({ Make: 'Ford', Model: 'Escape', Miles: '12' }).condition).toBeNull()
    })

    it('does not guess a condition the feed wrote and no word of it names', () => {
      const demo = vehicle({ Make: 'Ford', Model: 'Escape', 'New/Used': 'Demo', Miles: '4,800' })
      expect(demo.condition).toBeNull()
    })
  })

  describe('status', () => {
    it.each([
      ['In Stock', 'available'],
      ['Available', 'available'],
      ['Sale Pending', 'pending'],
      ['On Hold', 'pending'],
      ['Deposit Taken', 'pending'],
      ['In Transit', 'in transit'],
      ['Coming Soon', 'in transit'],
      ['Sold', 'sold'],
      ['Not Available', 'sold'],
      ['Vendido', 'sold'],
    ] as const)('reads "%s" as %s, quoting the words as written', (text, status) => {
      const read = vehicle({ Make: 'Jeep', Model: 'Wrangler', Status: text })
      expect([read.status, read.statusText]).toEqual([status, text])
    })

    it('takes a vehicle as available when the feed says nothing of its status', () => {
      const read = vehicle({ Make: 'Jeep', Model: 'Wrangler' })
      expect([read.status, read.statusText]).toEqual(['available', null])
    })
  })

  describe('colours', () => {
    it.each([
      ['Blueprint', 'blue'],
      ['Deep Crystal Blue Mica', 'blue'],
      ['Supersonic Red', 'red'],
      ['Soul Red Crystal', 'red'],
      ['Ruby Flare Pearl', 'red'],
      ['Oxford White', 'white'],
      ['Wind Chill Pearl', 'white'],
      ['Ice Cap', 'white'],
      ['Crystal Black Pearl', 'black'],
      ['Midnight Black Metallic', 'black'],
      ['Magnetic Gray Metallic', 'gray'],
      ['Lunar Rock', 'gray'],
      ['Celestial Silver Metallic', 'silver'],
      ['Army Green', 'green'],
      ['Mojave Sand', 'beige'],
      ['Copper Orange', 'orange'],
      ['Gris Oscuro', 'gray'],
    ])('places "%s" in the %s family', (paint, family) => {
      expect(vehicle({ Make: 'Kia', Model: 'Soul', 'Exterior Colour': paint }).colorFamily).toBe(
        family,
      )
    })

    it('leaves a paint name that names no colour without a family', () => {
      const read = vehicle({ Make: 'Kia', Model: 'Soul', 'Ext Color': 'Sandstone Metallic' })
      expect([read.exteriorColor, read.colorFamily]).toEqual(['Sandstone Metallic', null])
    })
  })

  describe('drivetrain', () => {
    it.each([
      ['AWD', 'awd'],
      ['All-Wheel Drive', 'awd'],
      ['4x4', '4wd'],
      ['4WD', '4wd'],
      ['Four Wheel Drive', '4wd'],
      ['FWD', 'fwd'],
      ['Front-Wheel Drive', 'fwd'],
      ['RWD', 'rwd'],
      ['4x2', 'rwd'],
    ] as const)('reads a "%s" drive type as %s', (text, drivetrain) => {
      expect(vehicle({ Make: 'Ford', Model: 'F-150', 'Drive Type': text }).drivetrain).toBe(
        drivetrain,
      )
    })

    it('reads the drivetrain from the trim or model when no column gives it', () => {
      const silverado = vehicle({
        Make: 'Chevrolet',
        Model: 'Silverado 1500',
        Trim: 'LT Crew Cab 4x4',
      })
      const a4 = vehicle({ Make: 'Audi', Model: 'A4', Trim: 'Premium Plus quattro' })
      const civic = vehicle({ Make: 'Honda', Model: 'Civic', Trim: 'EX' })
      expect([silverado.drivetrain, a4.drivetrain, civic.drivetrain]).toEqual(['4wd', 'awd', null])
    })

    it('prefers the drivetrain column to words of the trim', () => {
      const read = vehicle({ Make: 'Toyota', Model: 'Tacoma', Trim: 'TRD 4x4', Drivetrain: 'RWD' })
      expect(read.drivetrain).toBe('rwd')
    })
  })

  describe('fuel', () => {
    it.each([
      ['Gasoline', 'gas'],
      ['Flex Fuel', 'gas'],
      ['Hybrid', 'hybrid'],
      ['Gas/Electric Hybrid', 'hybrid'],
      ['Plug-In Hybrid', 'plug-in hybrid'],
      ['PHEV', 'plug-in hybrid'],
      ['Electric', 'electric'],
      ['Diesel', 'diesel'],
    ] as const)('reads a "%s" fuel column as %s', (text, fuel) => {
      expect(vehicle({ Make: 'Ford', Model: 'Escape', Fuel: text }).fuel).toBe(fuel)
    })

    it('reads a hybrid, plug-in or electric from the model or trim', () => {
      const models = [
        ['Toyota', 'RAV4 Hybrid', 'XLE'],
        ['Toyota', 'RAV4 Prime', 'XSE'],
        ['Chevrolet', 'Bolt EV', '2LT'],
      ].map(([make, model, trim]) => vehicle({ Make: make!, Model: model!, Trim: trim! }).fuel)
      expect(models).toEqual(['hybrid', 'plug-in hybrid', 'electric'])
    })

    it('does not take "Premium" or "Regular Cab" in a trim for the fuel', () => {
      const etron = vehicle({ Make: 'Audi', Model: 'e-tron', Trim: 'Premium Plus' })
      const silverado = vehicle({
        Make: 'Chevrolet',
        Model: 'Silverado 1500',
        Trim: 'WT Regular Cab',
      })
      expect([etron.fuel, silverado.fuel]).toEqual([null, null])
    })
  })

  describe('body style', () => {
    it.each([
      ['Sport Utility', 'suv'],
      ['Crew Cab Pickup', 'truck'],
      ['SuperCrew', 'truck'],
      ['4dr Sedan', 'sedan'],
      ['Minivan', 'minivan'],
      ['Cargo Van', 'van'],
      ['Hatchback', 'hatchback'],
      ['Convertible', 'convertible'],
      ['Wagon', 'wagon'],
      ['2dr Coupe', 'coupe'],
    ] as const)('reads a "%s" body as %s', (text, body) => {
      expect(vehicle({ Make: 'Ford', Model: 'Thing', Body: text }).bodyStyle).toBe(body)
    })

    it('knows the body style of a known model when the feed has no body column', () => {
      const styles = [
        ['Toyota', 'Tacoma'],
        ['Honda', 'Odyssey'],
        ['Chevy', 'Equinox'],
        ['Subaru', 'Outback'],
        ['Tesla', 'Model 3'],
      ].map(([make, model]) => vehicle({ Make: make!, Model: model! }).bodyStyle)
      expect(styles).toEqual(['truck', 'minivan', 'suv', 'wagon', 'sedan'])
    })

    it("writes a make by its usual name, keeping the feed's model", () => {
      const chevy = vehicle({ Make: 'Chevy', Model: 'Silverado 1500' })
      const unknown = vehicle({ Make: 'Zeekr', Model: '001' })
      expect([chevy.make, chevy.model, unknown.make]).toEqual([
        'Chevrolet',
        'Silverado 1500',
        'Zeekr',
      ])
    })
  })

  describe('features', () => {
    it('splits a list column on pipes, semicolons, commas, bullets and slashes', () => {
      const lists = [
        'Leather Seats|Navigation System|Remote Start',
        'Leather Seats; Navigation System; Remote Start',
        'Leather Seats, Navigation System, Remote Start',
        'Leather Seats • Navigation System • Remote Start',
        'Leather Seats / Navigation System / Remote Start',
      ].map((options) => vehicle({ Make: 'Honda', Model: 'Pilot', Options: options }).features)
      for (const list of lists) {
        expect(list).toEqual(['Leather Seats', 'Navigation System', 'Remote Start'])
      }
    })

    it('names the concepts of the features, the trim and the description, in English or Spanish', () => {
      const pilot = vehicle({
        Make: 'Honda',
        Model: 'Pilot',
        Trim: 'EX-L 8-Passenger',
        Features: '3rd Row Seat | Moonroof | Trailer Hitch | Rearview Camera',
        Comments: 'Heated front seats and Apple CarPlay.',
      })
      expect(pilot.featureKeys.sort()).toEqual(
        [
          'apple carplay',
          'backup camera',
          'heated seats',
          'sunroof',
          'third row',
          'tow package',
        ].sort(),
      )
      const spanish = vehicle({
        Marca: 'Nissan',
        Modelo: 'Rogue',
        Equipamiento: 'Asientos con calefacción, Cámara de reversa',
      })
      expect(spanish.featureKeys.sort()).toEqual(['backup camera', 'heated seats'])
    })
  })

  it("keeps only web addresses as the vehicle's page and photo", () => {
    const read = vehicle({
      Make: 'Kia',
      Model: 'Soul',
      'VDP URL': 'javascript:alert(1)',
      Photo: 'not a url',
    })
    expect([read.url, read.photoUrl]).toEqual([null, null])
  })
})
