import { describe, expect, it } from 'vitest'
import { tokenize } from './tokenize.ts'

describe('tokenize', () => {
  it('keeps prices, years, times and model names whole', () => {
    expect(tokenize('The 2021 RAV4 is $27,900, open 9:00 to 6:00.')).toEqual([
      'the',
      '2021',
      'rav4',
      'is',
      '$27,900',
      'open',
      '9:00',
      'to',
      '6:00',
    ])
  })

  it('lowercases, folds accents and drops possessives and apostrophes', () => {
    expect(tokenize("Adam's CAFÉ don’t")).toEqual(['adam', 'cafe', 'dont'])
  })

  it('keeps hyphenated words together and leaves punctuation out', () => {
    expect(tokenize('Trade-in? CX-5! (Stock #A24101)')).toEqual([
      'trade-in',
      'cx-5',
      'stock',
      'a24101',
    ])
  })

  it('reads letters of any script', () => {
    expect(tokenize('Señor Müller fährt 2 Autos')).toEqual([
      'senor',
      'muller',
      'fahrt',
      '2',
      'autos',
    ])
  })

  it('returns nothing for punctuation only', () => {
    expect(tokenize(' ?! — ')).toEqual([])
  })
})
