import type { ConnectArgs, LoopArgs } from '../load-process.ts'
import { type Child, startChild } from './child.ts'
import type { LoopResult } from './closed-loop.ts'

const LOAD_PROCESS = new URL('../load-process.ts', import.meta.url)

/** Visitors spread over several load processes, driven as one. */
export interface VisitorGroup {
  connected: number
  failed: number
  /** Why handshakes failed, when some did. */
  lastError: string
  connectMs: number
  /** Runs every process's closed loop at once and merges what they measured. */
  run(mode: 'chat' | 'echo', args: LoopArgs): Promise<LoopResult>
  /** Each process asks the model server directly, `count` at a time, with the same loop. */
  runModel(args: LoopArgs & { modelUrl: string; count: number }): Promise<LoopResult>
  disconnect(): Promise<void>
  /** CPU milliseconds used so far by all the load processes together. */
  cpuMs(): Promise<number>
  stop(): Promise<void>
}

function merge(parts: LoopResult[], args: LoopArgs): LoopResult {
  return {
    latencies: parts.flatMap((p) => p.latencies),
    errors: parts.reduce((n, p) => n + p.errors, 0),
    errorSamples: parts.flatMap((p) => p.errorSamples).slice(0, 5),
    windowMs: args.durationMs,
  }
}

/** Splits `total` into `parts` near-equal shares, dropping empty ones. */
export function shares(total: number, parts: number): number[] {
  return Array.from(
    { length: parts },
    (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0),
  ).filter((n) => n > 0)
}

/**
 * Starts `processes` load processes and connects `visitors` between them. More than one process
 * matters for 10,000 idle sockets (handshakes and heartbeats) and, on a bigger machine, for load.
 */
export async function startVisitors(options: {
  url: string
  key?: string | undefined
  visitors: number
  processes: number
  parallel?: number
}): Promise<VisitorGroup> {
  const counts = shares(options.visitors, options.processes)
  const children: Child<unknown>[] = await Promise.all(counts.map(() => startChild(LOAD_PROCESS)))
  try {
    const results = await Promise.all(
      children.map((child, i) =>
        child.call<{ connected: number; failed: number; lastError: string; ms: number }>(
          'connect',
          {
            url: options.url,
            count: counts[i]!,
            parallel: options.parallel,
            ...(options.key ? { key: options.key } : {}),
          } satisfies ConnectArgs,
        ),
      ),
    )
    return {
      connected: results.reduce((n, r) => n + r.connected, 0),
      failed: results.reduce((n, r) => n + r.failed, 0),
      lastError: results.find((r) => r.lastError)?.lastError ?? '',
      connectMs: Math.max(...results.map((r) => r.ms)),
      async run(mode, args) {
        return merge(await Promise.all(children.map((c) => c.call<LoopResult>(mode, args))), args)
      },
      async runModel(args) {
        const split = shares(args.count, children.length)
        const parts = await Promise.all(
          children.map((c, i) => c.call<LoopResult>('model', { ...args, count: split[i] ?? 0 })),
        )
        return merge(parts, args)
      },
      async disconnect() {
        await Promise.all(children.map((c) => c.call('disconnect')))
      },
      async cpuMs() {
        const times = await Promise.all(children.map((c) => c.call<number>('cpu')))
        return times.reduce((a, b) => a + b, 0)
      },
      async stop() {
        await Promise.all(children.map((c) => c.stop()))
      },
    }
  } catch (err) {
    await Promise.all(children.map((c) => c.stop()))
    throw err
  }
}
