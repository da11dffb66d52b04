import { describe, expect, it } from 'vitest'
import { sentencesOf } from './sentences.ts'

describe('sentencesOf', () => {
  it('splits a paragraph at the ends of its sentences', () => {
    expect(sentencesOf('We finance all credit types. Approval takes an hour! Ask us how.')).toEqual(
      ['We finance all credit types.', 'Approval takes an hour!', 'Ask us how.'],
    )
  })

  it('does not end a sentence after an extension or a street abbreviation', () => {
    expect(sentencesOf('Ask for Dana at ext. 204. She handles titles.')).toEqual([
      'Ask for Dana at ext. 204.',
      'She handles titles.',
    ])
    expect(sentencesOf('Our lot is at 77 Elm St. Westfield. Parking is free.')).toEqual([
      'Our lot is at 77 Elm St. Westfield.',
      'Parking is free.',
    ])
  })

  it('keeps "9 a.m. to 5" in one sentence', () => {
    expect(sentencesOf('Detailing runs 8 a.m. to 4 every weekday. Book ahead.')).toEqual([
      'Detailing runs 8 a.m. to 4 every weekday.',
      'Book ahead.',
    ])
  })

  it('does not cut before a lowercase word or a digit', () => {
    expect(sentencesOf('Fees: approx. $199. 2 keys are included.')).toEqual([
      'Fees: approx. $199. 2 keys are included.',
    ])
  })

  it('reads a bare "Yes." or "Sí." with the sentence after it', () => {
    expect(sentencesOf('Yes. We deliver within 50 miles. Call us.')).toEqual([
      'Yes. We deliver within 50 miles.',
      'Call us.',
    ])
    expect(sentencesOf('Sí. Entregamos a domicilio.')).toEqual(['Sí. Entregamos a domicilio.'])
  })

  it('gives nothing for blank text', () => {
    expect(sentencesOf('   ')).toEqual([])
  })
})
