import { describe, expect, it } from 'vitest'
import { chunkDocument } from '../chunk.ts'
import { parseDocument } from './index.ts'

const encode = (text: string) => new TextEncoder().encode(text)

// Inputs crafted so that a quadratic pattern would run for minutes; each must parse in the test
// time limit like any other file.
describe('hostile input', () => {
  it('parses HTML full of unterminated declarations', async () => {
    const doc = await parseDocument({
      bytes: encode(`<p>Hi</p>${'<!a'.repeat(100_000)}`),
      kind: 'html',
    })
    expect(chunkDocument(doc).length).toBeGreaterThan(0)
  })

  it('splits a long paragraph of quotes without a sentence end', async () => {
    const doc = await parseDocument({
      bytes: encode(`Intro.\n\nx${'"'.repeat(300_000)} A`),
      kind: 'text',
    })
    expect(chunkDocument(doc).length).toBeGreaterThan(1)
  })

  it('joins a list item continued over many lines', async () => {
    const doc = await parseDocument({
      bytes: encode(`- item\n${'  continued\n'.repeat(100_000)}`),
      kind: 'text',
    })
    expect(chunkDocument(doc).length).toBeGreaterThan(1)
  })
})
