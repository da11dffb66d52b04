import { describe, expect, it } from 'vitest'
import { isStopword } from './stopwords.ts'
import { analyzeTerms, analyzeWord, questionConcepts } from './terms.ts'

describe('analyzeWord', () => {
  it('drops function words and generic chat words', () => {
    for (const word of ['the', 'do', 'you', 'your', 'can', 'please', 'tell', 'sell', 'offer']) {
      expect(isStopword(word)).toBe(true)
      expect(analyzeWord(word)).toEqual([])
    }
  })

  it('stems words so inflections meet', () => {
    expect(analyzeWord('financing')).toEqual(analyzeWord('finance'))
    expect(analyzeWord('inspections')).toEqual(analyzeWord('inspection'))
  })

  it('adds the dealership concept a word stands for', () => {
    expect(analyzeWord('open')).toEqual(['open', 'hour'])
    expect(analyzeWord('cars')).toEqual(['car', 'vehicl'])
    expect(analyzeWord('credit')).toEqual(['credit', 'financ'])
    expect(analyzeWord('crossover')).toEqual(['crossov', 'suv'])
    expect(analyzeWord('weekend')).toEqual(['weekend', 'saturdai', 'sundai'])
  })

  it('treats spelling variants the stemmer leaves apart as one word', () => {
    expect(analyzeWord('deliver')).toEqual(analyzeWord('delivery'))
  })

  it('reads money as its amount and the price concept', () => {
    expect(analyzeWord('$27,900')).toEqual(['27900', 'price'])
    expect(analyzeWord('27,900')).toEqual(['27900'])
  })

  it('matches hyphenated words written either way', () => {
    expect(analyzeWord('trade-in')).toContain('trade')
    expect(analyzeWord('cx-5')).toContain(analyzeWord('cx5')[0])
  })
})

describe('analyzeTerms', () => {
  it('adds the concept of a two-word phrase', () => {
    expect(analyzeTerms('How much is an oil change?')).toEqual(['price', 'oil', 'servic', 'chang'])
  })

  it('counts phone numbers and email addresses as phone and email', () => {
    const terms = analyzeTerms('Sales: (555) 010-4200, sales@adamsauto.example.com')
    expect(terms).toContain('phone')
    expect(terms).toContain('email')
  })
})

describe('questionConcepts', () => {
  it('keeps one concept per asked-about word, with the concepts that also satisfy it', () => {
    expect(questionConcepts('Can I get financing with bad credit?')).toEqual([
      { term: 'financ', alternatives: [] },
      { term: 'bad', alternatives: [] },
      { term: 'credit', alternatives: ['financ'] },
    ])
  })

  it('finds no concept in small talk', () => {
    expect(questionConcepts('Hi, can you help me please?')).toEqual([])
  })
})
