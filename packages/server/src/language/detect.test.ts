import { describe, expect, it } from 'vitest'
import { detectLanguage } from './detect.ts'

describe('detectLanguage', () => {
  it('tells English from Spanish in whole questions', () => {
    expect(detectLanguage('do you have any trucks on the lot')).toBe('en')
    expect(detectLanguage('¿Tienen camionetas usadas?')).toBe('es')
  })

  it('reads Spanish typed without accents or question marks', () => {
    expect(detectLanguage('a que hora abren el sabado')).toBe('es')
    expect(detectLanguage('cuanto cuesta')).toBe('es')
  })

  it('decides short messages by the packs’ own words', () => {
    expect(detectLanguage('hola')).toBe('es')
    expect(detectLanguage('gracias')).toBe('es')
    expect(detectLanguage('yes')).toBe('en')
    expect(detectLanguage('hours?')).toBe('en')
  })

  it('reads Spanish with English dealership words mixed in', () => {
    expect(detectLanguage('el trade-in')).toBe('es')
    expect(detectLanguage('cuanto me dan por el trade-in')).toBe('es')
    expect(detectLanguage('precio del rav4')).toBe('es')
  })

  it('says nothing for messages that do not tell', () => {
    expect(detectLanguage('ok')).toBe(null)
    expect(detectLanguage('RAV4?')).toBe(null)
    expect(detectLanguage('2021')).toBe(null)
  })

  it('keeps to the candidates given', () => {
    expect(detectLanguage('¿Tienen camionetas usadas?', ['en'])).toBe('en')
    expect(detectLanguage('hola', [])).toBe(null)
  })
})
