import { describe, expect, it } from 'vitest'
import { fold } from './fold.ts'
import { tokenize, tokensOf } from './tokenize.ts'

describe('fold', () => {
  it('lowercases and drops accents, so "Sábado" meets "sabado"', () => {
    expect(fold('¿A qué hora abren el Sábado?')).toBe('¿a que hora abren el sabado?')
    expect(fold('ÑANDÚ Crème')).toBe('nandu creme')
  })

  it('straightens curly apostrophes', () => {
    expect(fold('Don’t')).toBe("don't")
  })

  it('leaves plain ASCII as it is, lowercased', () => {
    expect(fold('RAV4 $27,900')).toBe('rav4 $27,900')
  })
})

describe('tokenize', () => {
  it('keeps prices, times, model names and compounds whole', () => {
    expect(tokenize('Is the $27,900 RAV4 trade-in ready at 9:00?')).toEqual([
      'is',
      'the',
      '$27,900',
      'rav4',
      'trade-in',
      'ready',
      'at',
      '9:00',
    ])
  })

  it('reads "&" as "and"', () => {
    expect(tokenize('Oil & filter')).toEqual(['oil', 'and', 'filter'])
  })

  it('drops possessives and apostrophes, and never keeps a trailing full stop', () => {
    expect(tokenize("Adam's CAFÉ don’t stop.")).toEqual(['adam', 'cafe', 'dont', 'stop'])
  })

  it('gives each token its offsets in the folded text', () => {
    const folded = fold('Call Service, ext. 201')
    const tokens = tokensOf(folded)
    expect(tokens.map((t) => t.text)).toEqual(['call', 'service', 'ext', '201'])
    for (const token of tokens) expect(folded.slice(token.start, token.end)).toBe(token.text)
  })
})
