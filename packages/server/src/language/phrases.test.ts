import { describe, expect, it } from 'vitest'
import { listMatcher, PhraseMatcher, phraseMatcher } from './phrases.ts'

const matcher = new PhraseMatcher([
  { phrase: 'oil', value: 'oil' },
  { phrase: 'oil change', value: 'oil change' },
  { phrase: 'Oil Change Package', value: 'package' },
])

describe('PhraseMatcher', () => {
  it('finds the longest phrase at a position', () => {
    expect(matcher.at(['an', 'oil', 'change', 'package'], 1)).toEqual({
      value: 'package',
      start: 1,
      length: 3,
    })
    expect(matcher.at(['oil', 'change', 'today'], 0)).toEqual({
      value: 'oil change',
      start: 0,
      length: 2,
    })
  })

  it('lets the last word of a phrase be plural, but not the others', () => {
    expect(matcher.at(['oil', 'changes'], 0)?.value).toBe('oil change')
    expect(matcher.at(['oils'], 0)).toBeUndefined()
  })

  it('finds every phrase, left to right, without overlaps', () => {
    expect(matcher.all(['oil', 'and', 'oil', 'change'])).toEqual([
      { value: 'oil', start: 0, length: 1 },
      { value: 'oil change', start: 2, length: 2 },
    ])
    expect(matcher.test(['no', 'match', 'here'])).toBe(false)
  })

  it('builds matchers from lists', () => {
    expect(phraseMatcher({ sat: ['saturday', 'sat'] }).at(['sat'], 0)?.value).toBe('sat')
    expect(listMatcher(['talk to someone']).test(['can', 'i', 'talk', 'to', 'someone'])).toBe(true)
  })
})
