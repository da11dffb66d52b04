import { describe, expect, it } from 'vitest'
import {
  findAddresses,
  findEmails,
  findExtensions,
  findPhones,
  findStreets,
  findUrls,
  stateOf,
} from './contacts.ts'

describe('findPhones', () => {
  it.each([
    ['(319) 555-0142', '(319) 555-0142'],
    ['319-555-0142', '319-555-0142'],
    ['319.555.0142', '319.555.0142'],
    ['+1 319 555 0142', '+1 319 555 0142'],
    ['1-800-555-0100', '1-800-555-0100'],
  ])('finds %s', (text, number) => {
    expect(findPhones(`Call us at ${text} today.`).map((p) => p.number)).toEqual([number])
  })

  it('keeps an extension apart, however it is written, and the sentence after it whole', () => {
    const phones = findPhones(
      'Finance: (319) 555-0142 ext. 201. Parts: 319-555-0160, x 4 · Body shop 319.555.0170 extension 12',
    )
    expect(phones.map((p) => [p.number, p.extension])).toEqual([
      ['(319) 555-0142', '201'],
      ['319-555-0160', '4'],
      ['319.555.0170', '12'],
    ])
  })

  it('says where each number sits, for reading its label', () => {
    const text = 'Sales: (319) 555-0142 · Service: (319) 555-0150'
    const [sales, service] = findPhones(text)
    expect(text.slice(sales!.start, sales!.end)).toBe('(319) 555-0142')
    expect(text.slice(0, sales!.start)).toBe('Sales: ')
    expect(text.slice(sales!.end, service!.start)).toBe(' · Service: ')
  })

  it('finds no phone in a VIN, a stock number, a ZIP code or a price', () => {
    expect(
      findPhones('VIN 1FTFW1E50MFA00002, stock U25987, Cedar Falls, IA 50613, $36,995'),
    ).toEqual([])
    expect(findPhones('Order number 12-555-0142-77')).toEqual([])
  })
})

describe('findExtensions', () => {
  it('finds extensions written on their own, not those of full numbers', () => {
    expect(findExtensions('Maria Lopez, Service Advisor, ext. 214.')).toEqual(['214'])
    expect(findExtensions('Brenda Coffey (x16)')).toEqual(['16'])
    expect(findExtensions('Extension #305')).toEqual(['305'])
    expect(findExtensions('Call (319) 555-0142 ext. 201')).toEqual([])
  })
})

describe('findEmails and findUrls', () => {
  it('finds addresses without the full stop ending the sentence', () => {
    expect(
      findEmails('Email sales@cedarvalleytoyota.example or j.ortega+parts@cvt.example.com.'),
    ).toEqual(['sales@cedarvalleytoyota.example', 'j.ortega+parts@cvt.example.com'])
  })

  it('finds web addresses, with or without a scheme', () => {
    expect(
      findUrls(
        'Visit www.cedarvalleytoyota.example, or book at https://cvt.example/service?ref=faq.',
      ),
    ).toEqual(['www.cedarvalleytoyota.example', 'https://cvt.example/service?ref=faq'])
  })
})

describe('findAddresses', () => {
  it.each([
    [
      'Visit us at 2200 Waterloo Road, Cedar Falls, IA 50613.',
      '2200 Waterloo Road, Cedar Falls, IA 50613',
    ],
    [
      '4120 Route 9 South, Larkspur Falls, OH 43999',
      '4120 Route 9 South, Larkspur Falls, OH 43999',
    ],
    [
      '88 N. Main St., Suite 200, Springfield, IL 62701-1234',
      '88 N. Main St., Suite 200, Springfield, IL 62701-1234',
    ],
    ['7800 NW 36th Street Miami, FL 33166', '7800 NW 36th Street Miami, FL 33166'],
  ])('finds the address in "%s"', (text, address) => {
    expect(findAddresses(text)).toEqual([address])
  })

  it('takes the number before a street as the street number, not a phone', () => {
    expect(findAddresses('(555) 302-1190 4418 Clinton Highway, Knoxville, TN 37912')).toEqual([
      '4418 Clinton Highway, Knoxville, TN 37912',
    ])
  })

  it('finds no address in a sentence with a number and a street word but no town', () => {
    expect(findAddresses('Drive 2 miles down the road and turn right.')).toEqual([])
  })
})

describe('findStreets', () => {
  it("finds a department's own street without its town", () => {
    expect(
      findStreets('Collision Center is in the building behind the showroom: 5310 Hudson Road.'),
    ).toEqual(['5310 Hudson Road'])
  })

  it('takes a street type only as a word of the street, never "in the building"', () => {
    expect(findStreets('Our 3 bays are in the building center of the lot')).toEqual([])
  })
})

describe('stateOf', () => {
  it("gives an address's state", () => {
    expect(stateOf('2200 Waterloo Road, Cedar Falls, IA 50613')).toBe('IA')
    expect(stateOf('5310 Hudson Road')).toBeNull()
  })
})
