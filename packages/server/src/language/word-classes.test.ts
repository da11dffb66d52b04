import { describe, expect, it } from 'vitest'
import { isEverydayWord } from './everyday.ts'
import { wordClasses } from './word-classes.ts'

/** The class of the word at its first occurrence in the text. */
const classOf = (text: string, word: string) => wordClasses(text, 'en')?.get(text.indexOf(word))

describe('wordClasses', () => {
  it('tells what a visitor asks about (nouns) from how they ask (verbs)', () => {
    const text = 'do you do window tint'
    expect(classOf(text, 'window')).toBe('noun')
    expect(classOf(text, 'tint')).toBe('noun')
    expect(classOf('can i bring my dog', 'bring')).toBe('verb')
    expect(classOf('can i bring my dog', 'dog')).toBe('noun')
  })

  it('marks adjectives and adverbs as modifiers', () => {
    expect(classOf('is the regular service quick', 'regular')).toBe('modifier')
  })

  it('has no tagger for Spanish', () => {
    expect(wordClasses('tienen camionetas', 'es')).toBe(null)
  })
})

describe('isEverydayWord', () => {
  it('knows everyday words of either language', () => {
    for (const word of ['lease', 'closed', 'buy', 'the', 'sabado', 'financing']) {
      expect(isEverydayWord(word)).toBe(true)
    }
  })

  it('does not know names of people and models', () => {
    for (const word of ['camry', 'toyota', 'maria']) expect(isEverydayWord(word)).toBe(false)
  })
})
