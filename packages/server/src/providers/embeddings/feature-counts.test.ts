import { describe, expect, it } from 'vitest'
import { FeatureCounts } from './feature-counts.ts'

function entries(counts: FeatureCounts): [number, number, number][] {
  const seen: [number, number, number][] = []
  counts.forEach((hash, weight, occurrences) => {
    seen.push([hash, weight, occurrences])
  })
  return seen.sort((a, b) => a[0] - b[0])
}

describe('FeatureCounts', () => {
  it('counts repeats of a feature and keeps its first weight', () => {
    const counts = new FeatureCounts()
    counts.add(7, 1)
    counts.add(7, 0.5)
    counts.add(1031, 0.3)
    expect(entries(counts)).toEqual([
      [7, 1, 2],
      [1031, 0.3, 1],
    ])
  })

  it('forgets everything on clear', () => {
    const counts = new FeatureCounts()
    counts.add(7, 1)
    counts.clear()
    counts.add(8, 1)
    expect(entries(counts)).toEqual([[8, 1, 1]])
  })

  it('grows past its initial size without losing counts', () => {
    const counts = new FeatureCounts()
    for (let round = 0; round < 2; round++) {
      for (let hash = 0; hash < 5000; hash++) counts.add(Math.imul(hash, 2654435761) >>> 0, 1)
    }
    const seen = entries(counts)
    expect(seen).toHaveLength(5000)
    expect(seen.every(([, , occurrences]) => occurrences === 2)).toBe(true)
  })
})
