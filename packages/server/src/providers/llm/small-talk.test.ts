import { describe, expect, it } from 'vitest'
import { smallTalkKind } from './small-talk.ts'

describe('smallTalkKind', () => {
  it.each([
    ['hi', 'greeting'],
    ['Hello there!', 'greeting'],
    ['good morning', 'greeting'],
    ['thanks!', 'thanks'],
    ['Thank you so much', 'thanks'],
    ['ok', 'thanks'],
    ['bye', 'goodbye'],
    ['ok bye, see you later', 'goodbye'],
  ])('reads "%s" as %s', (message, kind) => {
    expect(smallTalkKind(message)).toBe(kind)
  })

  it.each(['hi, are you open Sunday?', 'thanks, and the oil change price?', 'SUVs', ''])(
    'does not take "%s" for small talk',
    (message) => {
      expect(smallTalkKind(message)).toBe(null)
    },
  )
})
