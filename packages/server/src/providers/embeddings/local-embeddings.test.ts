import { describe, expect, it } from 'vitest'
import { createLocalEmbeddings } from './local-embeddings.ts'

const dot = (a: number[], b: number[]) => a.reduce((sum, value, i) => sum + value * b[i]!, 0)
const norm = (a: number[]) => Math.sqrt(dot(a, a))

async function embed(values: string[], dimensions?: number): Promise<number[][]> {
  const model = createLocalEmbeddings(dimensions === undefined ? {} : { dimensions })
  return (await model.doEmbed({ values })).embeddings
}

const SATURDAY_HOURS =
  'Sales hours\n- Monday to Friday: 9:00 AM – 8:00 PM\n' +
  '- Saturday: 9:00 AM – 6:00 PM\n- Sunday: Closed'
const BAD_CREDIT =
  'Bad credit or no credit\nYes, you can get financing with bad credit, no credit history or a ' +
  'past bankruptcy. A larger down payment or a co-signer can help you qualify for a lower rate.'
const OIL_CHANGE = 'Oil changes\n- Conventional oil change: $39.95\n- Full synthetic: $79.95'

describe('createLocalEmbeddings', () => {
  it('describes itself as the local 256-dimension hashed model by default', () => {
    const model = createLocalEmbeddings()
    expect(model.provider).toBe('local')
    expect(model.modelId).toBe('hashed-256-v2')
    expect(model.dimensions).toBe(256)
    expect(model.maxEmbeddingsPerCall).toBeGreaterThanOrEqual(1000)
  })

  it('returns vectors of the configured length', async () => {
    const [vector] = await embed(['Saturday hours'], 64)
    expect(vector).toHaveLength(64)
    expect(createLocalEmbeddings({ dimensions: 64 }).modelId).toBe('hashed-64-v2')
  })

  it('refuses a dimension count that is not a positive integer', () => {
    expect(() => createLocalEmbeddings({ dimensions: 0 })).toThrow(RangeError)
    expect(() => createLocalEmbeddings({ dimensions: 12.5 })).toThrow(RangeError)
  })

  it('gives the same text the same vector, call after call', async () => {
    const first = await embed([SATURDAY_HOURS, BAD_CREDIT])
    const second = await embed([BAD_CREDIT, SATURDAY_HOURS])
    expect(first[0]).toEqual(second[1])
    expect(first[1]).toEqual(second[0])
  })

  it('returns unit-length vectors, even for text without content words', async () => {
    const vectors = await embed([SATURDAY_HOURS, 'a', '', '?!', 'the of and'])
    for (const vector of vectors) {
      expect(vector.every(Number.isFinite)).toBe(true)
      expect(norm(vector)).toBeCloseTo(1, 10)
    }
  })

  it('scores a question closer to the passage that answers it than to unrelated ones', async () => {
    const [question, hours, credit, oil] = await embed([
      'When are you open on Saturday?',
      SATURDAY_HOURS,
      BAD_CREDIT,
      OIL_CHANGE,
    ])
    expect(dot(question!, hours!)).toBeGreaterThan(0.2)
    expect(dot(question!, hours!)).toBeGreaterThan(dot(question!, credit!) + 0.15)
    expect(dot(question!, hours!)).toBeGreaterThan(dot(question!, oil!) + 0.15)
  })

  it('matches different words for the same thing through stems and synonyms', async () => {
    const [loan, credit, oil] = await embed(['Can I get a car loan?', BAD_CREDIT, OIL_CHANGE])
    // A loan is about financing (through the finance concept), not about oil: twice as near.
    expect(dot(loan!, credit!)).toBeGreaterThan(2 * dot(loan!, oil!))
  })

  it('refuses to work once the request is aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const model = createLocalEmbeddings()
    await expect(model.doEmbed({ values: ['x'], abortSignal: controller.signal })).rejects.toThrow()
  })
})
