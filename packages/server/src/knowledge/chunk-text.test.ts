import { describe, expect, it } from 'vitest'
import { splitText } from './chunk-text.ts'

describe('splitText', () => {
  it('returns text that fits as it is', () => {
    expect(splitText('Open daily.', 100)).toEqual(['Open daily.'])
  })

  it('does not split after abbreviations or inside numbers', () => {
    const text = 'Save approx. 5% on the 2.5 L engine. Offer ends soon.'
    expect(splitText(text, 40)).toEqual([
      'Save approx. 5% on the 2.5 L engine.',
      'Offer ends soon.',
    ])
  })

  it('splits after closing quotes and brackets', () => {
    expect(splitText('He said "Deal!" Then (really.) We shook hands.', 20)).toEqual([
      'He said "Deal!"',
      'Then (really.)',
      'We shook hands.',
    ])
  })

  it('cuts only a single word longer than the limit', () => {
    const url = `https://example.com/${'x'.repeat(30)}`
    expect(splitText(`See ${url} now`, 20)).toEqual([
      'See',
      url.slice(0, 20),
      url.slice(20, 40),
      `${url.slice(40)} now`,
    ])
  })
})
