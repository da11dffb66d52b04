import { describe, expect, it } from 'vitest'
import { createSpeller } from './spelling.ts'

const speller = createSpeller([
  'warranty',
  'warranties',
  'financing',
  'finance',
  'change',
  'inspection',
  'detailing',
])

describe('createSpeller', () => {
  it('corrects common misspellings to the dealership’s words', () => {
    expect(speller.correct('warrenty')).toBe('warranty')
    expect(speller.correct('finacing')).toBe('financing')
    expect(speller.correct('inspecton')).toBe('inspection')
  })

  it('counts two swapped letters as one edit', () => {
    expect(speller.correct('chnage')).toBe('change')
  })

  it('leaves known words, short words, numbers and strangers alone', () => {
    expect(speller.correct('warranty')).toBe(null)
    expect(speller.correct('warr')).toBe(null)
    expect(speller.correct('rav4s')).toBe(null)
    expect(speller.correct('xyzzyq')).toBe(null)
  })

  it('knows the words it was given', () => {
    expect(speller.has('financing')).toBe(true)
    expect(speller.has('finacing')).toBe(false)
  })
})
