import { describe, expect, it } from 'vitest'
import { fold } from './fold.ts'
import { ENGLISH, languageOf } from './language.ts'
import { readNumbers } from './numbers.ts'

const SPANISH = languageOf('es')
const values = (text: string, language = ENGLISH) =>
  readNumbers(fold(text), language).map((n) => n.value)

describe('readNumbers', () => {
  it('reads digits with thousands separators, in English and Spanish alike', () => {
    expect(values('under $30,000')).toEqual([30000])
    expect(values('menos de $30,000', SPANISH)).toEqual([30000])
    expect(values('menos de 30.000 dólares', SPANISH)).toEqual([30000])
    expect(values('1.234.567', SPANISH)).toEqual([1234567])
  })

  it('reads decimals after either separator', () => {
    expect(values('priced at 19,995.50')).toEqual([19995.5])
    expect(values('a 2.5 liter engine')).toEqual([2.5])
    expect(values('motor de 2,5 litros', SPANISH)).toEqual([2.5])
  })

  it('reads numbers written in words', () => {
    expect(values('twenty five thousand')).toEqual([25000])
    expect(values('veinte mil', SPANISH)).toEqual([20000])
    expect(values('veinticinco mil dolares', SPANISH)).toEqual([25000])
  })

  it('multiplies by "k", "grand", "thousand" and "mil"', () => {
    expect(values('about 40k')).toEqual([40000])
    expect(values('15 grand')).toEqual([15000])
    expect(values('25 mil', SPANISH)).toEqual([25000])
  })

  it('gives the offsets of each number in the folded text', () => {
    const text = fold('under 25 thousand with less than 40k miles')
    const found = readNumbers(text, ENGLISH)
    expect(found).toEqual([
      { value: 25000, start: 6, end: 17 },
      { value: 40000, start: 33, end: 36 },
    ])
    expect(text.slice(found[1]!.start, found[1]!.end)).toBe('40k')
  })

  it('reads the groups of a phone number as separate numbers', () => {
    expect(values('call 555-010-4200')).toEqual([555, 10, 4200])
  })

  it('finds nothing where nothing is written', () => {
    expect(readNumbers('', ENGLISH)).toEqual([])
    expect(readNumbers('?!', ENGLISH)).toEqual([])
  })
})
