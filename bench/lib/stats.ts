/** Latency summary of one measured cell, in milliseconds. */
export interface LatencySummary {
  count: number
  p50: number
  p95: number
  p99: number
  mean: number
  max: number
}

/**
 * Nearest-rank percentile over an ascending array. Sorted arrays are enough here: a cell holds at
 * most a few hundred thousand samples, and exact ranks avoid a histogram's bucket rounding.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** p50/p95/p99/mean/max of raw samples (any order). */
export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  const values = Array.from(sorted)
  const sum = values.reduce((total, x) => total + x, 0)
  return {
    count: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    mean: values.length ? sum / values.length : Number.NaN,
    max: values.at(-1) ?? Number.NaN,
  }
}

/** Runs `fn` once per item, one at a time, and returns each call's duration in milliseconds. */
export async function timeEach<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
): Promise<number[]> {
  const durations: number[] = []
  for (const item of items) {
    const started = performance.now()
    await fn(item)
    durations.push(performance.now() - started)
  }
  return durations
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Like {@link timeEach}, but stops once `budgetMs` has passed and at least `min` items ran, so a
 * cell whose operations take seconds (an exact scan over 100k rows) still ends in bounded time.
 */
export async function timeBoxed<T>(
  items: readonly T[],
  fn: (item: T) => Promise<unknown>,
  budget: { budgetMs: number; min: number },
): Promise<number[]> {
  const durations: number[] = []
  const deadline = performance.now() + budget.budgetMs
  for (const item of items) {
    if (durations.length >= budget.min && performance.now() > deadline) break
    const started = performance.now()
    await fn(item)
    durations.push(performance.now() - started)
  }
  return durations
}
