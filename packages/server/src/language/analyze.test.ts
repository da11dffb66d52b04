import { describe, expect, it } from 'vitest'
import { analyze, cognate, conceptKey, termKeys } from './analyze.ts'
import { ENGLISH, languageOf } from './language.ts'

const keys = (text: string, language?: string) => analyze(text, language).terms.map((t) => t.key)

describe('analyze', () => {
  it('maps English synonyms and Spanish words to the same concept', () => {
    expect(keys('any crossovers?', 'en')).toEqual(['#suv'])
    expect(keys('do you have an SUV', 'en')).toEqual(['#suv'])
    expect(keys('tienen camionetas', 'es')).toEqual(['#suv'])
    expect(keys('pre-owned', 'en')).toEqual(['#used'])
    expect(keys('usados', 'es')).toEqual(['#used'])
  })

  it('keeps the words of a concept as its alternatives', () => {
    const [term] = analyze('crossovers', 'en').terms
    expect(term).toMatchObject({ key: '#suv', concept: 'suv', start: 0, length: 1 })
    expect(term!.alternatives).toContain('crossov')
  })

  it('matches a phrase whose last word is plural', () => {
    expect(keys('oil changes', 'en')).toEqual(['#oil_change'])
    expect(keys('down payments', 'en')).toEqual(['#down_payment'])
  })

  it('reads a price as a price', () => {
    const analysis = analyze('is it $69.95', 'en')
    expect(analysis.concepts.has('price')).toBe(true)
    expect(termKeys(analysis)).toEqual(['69.95', '#price'])
  })

  it('reads "the weekend" as Saturday or Sunday, in both languages', () => {
    for (const [text, code] of [
      ['open on the weekend', 'en'],
      ['abren el fin de semana', 'es'],
    ] as const) {
      const weekend = analyze(text, code).terms.find((t) => t.concept === 'weekend')
      expect(weekend?.alternatives).toEqual([conceptKey('saturday'), conceptKey('sunday')])
    }
  })

  it('reads day names as concepts shared across languages', () => {
    expect(keys('sábado', 'es')).toEqual(['#saturday'])
    expect(keys('Saturday hours', 'en')).toEqual(['#saturday', '#hours'])
  })

  it('reads English dealership words inside Spanish', () => {
    const analysis = analyze('¿Cuánto me dan por el trade-in?', 'es')
    expect(analysis.language.code).toBe('es')
    expect(analysis.concepts.has('trade-in')).toBe(true)
  })

  it('leaves stopwords out and detects the language when none is given', () => {
    const analysis = analyze('¿Cuánto cuesta el cambio de aceite?')
    expect(analysis.language).toBe(languageOf('es'))
    expect(analysis.terms.map((t) => t.key)).toEqual(['#price', '#oil_change'])
    expect(analyze('what is the warranty', ENGLISH).terms.map((t) => t.key)).toEqual(['#warranty'])
  })

  it('gives cognates a shared key, so a Spanish word meets its English one', () => {
    expect(cognate('synthetic')).toBe(cognate('sintetico'))
    expect(cognate('documentation')).toBe(cognate('documentacion'))
    expect(cognate('synthetic')).not.toBe(cognate('documentation'))
    const english = new Set(termKeys(analyze('synthetic oil', 'en')))
    const spanish = termKeys(analyze('aceite sintetico', 'es'))
    expect(spanish.filter((key) => english.has(key))).toEqual(['~sinte'])
  })

  it('splits compounds into the joined word and its parts', () => {
    expect(termKeys(analyze('cx-5', 'en'))).toEqual(['cx5', '5'])
  })
})
