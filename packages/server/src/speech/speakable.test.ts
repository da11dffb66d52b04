import { describe, expect, it } from 'vitest'
import { SpokenSentences, speakable } from './speakable.ts'

describe('SpokenSentences', () => {
  it('gives each sentence once, as soon as the answer completes it', () => {
    const sentences = new SpokenSentences()
    expect(sentences.push('We open at ')).toEqual([])
    expect(sentences.push('9 AM. On Sat')).toEqual(['We open at 9 AM.'])
    expect(sentences.push('urday too! And')).toEqual(['On Saturday too!'])
    expect(sentences.finish()).toEqual(['And'])
    expect(sentences.finish()).toEqual([])
  })

  it('breaks at line breaks, and skips pieces with nothing to say', () => {
    const sentences = new SpokenSentences()
    expect(sentences.push('**Hours**\n- Mon–Fri: 9–7\n[1]\n')).toEqual(['Hours', 'Mon–Fri: 9–7'])
  })
})

describe('speakable', () => {
  it('reads links as their text and drops citation marks and emphasis', () => {
    expect(speakable('See [our specials](https://dealer.example/specials) [2].')).toBe(
      'See our specials.',
    )
    expect(speakable('## Service\n1. Oil change: _$49_')).toBe('Service Oil change: $49')
  })
})
