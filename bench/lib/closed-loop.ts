/** What one load process measured in its window. */
export interface LoopResult {
  /** Latency of every operation that completed inside the window, in milliseconds. */
  latencies: number[]
  errors: number
  /** The first few error messages, to say why a cell went wrong. */
  errorSamples: string[]
  windowMs: number
}

/**
 * Closed-loop load: each of `workers` virtual visitors starts its next operation as soon as the
 * previous one finishes, like a visitor who asks again once the answer is in. Operations that
 * finish during the warm-up are discarded; after the window no new ones start, and the ones in
 * flight are awaited but not counted. Throughput is then `latencies.length / windowMs`.
 */
export async function runClosedLoop(
  workers: number,
  /** Resolves when done, or to its own latency in ms (such as the time to a first token). */
  operation: (worker: number, iteration: number) => Promise<unknown>,
  timing: { warmupMs: number; durationMs: number },
): Promise<LoopResult> {
  const windowStart = performance.now() + timing.warmupMs
  const windowEnd = windowStart + timing.durationMs
  const latencies: number[] = []
  const errorSamples: string[] = []
  let errors = 0
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < windowEnd; i++) {
        const started = performance.now()
        let measured: unknown
        try {
          measured = await operation(worker, i)
        } catch (err) {
          errors++
          if (errorSamples.length < 5) errorSamples.push((err as Error).message)
          continue
        }
        const ended = performance.now()
        if (ended >= windowStart && ended < windowEnd)
          latencies.push(typeof measured === 'number' ? measured : ended - started)
      }
    }),
  )
  return { latencies, errors, errorSamples, windowMs: timing.durationMs }
}
