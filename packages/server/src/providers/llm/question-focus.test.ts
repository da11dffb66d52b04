import { describe, expect, it } from 'vitest'
import { retrievalText } from './question-focus.ts'

const page = {
  url: 'https://dealer.example/inventory/A24101.html',
  vehicle: { stockNumber: 'A24101', year: 2021, make: 'Toyota', model: 'RAV4', trim: 'XLE' },
}

describe('retrievalText', () => {
  it('adds the page vehicle when the question points at it', () => {
    expect(retrievalText('How many miles does it have?', page)).toBe(
      'How many miles does it have? A24101 2021 Toyota RAV4 XLE',
    )
    expect(retrievalText('Is this car still available?', page)).toContain('A24101')
  })

  it('leaves other questions, and pages without a vehicle, as they are', () => {
    expect(retrievalText('When are you open?', page)).toBe('When are you open?')
    expect(retrievalText('Is it still available?', { url: page.url })).toBe(
      'Is it still available?',
    )
    expect(retrievalText('Is it still available?', null)).toBe('Is it still available?')
  })
})
