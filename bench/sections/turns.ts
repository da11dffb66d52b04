import type { Child } from '../lib/child.ts'
import type { LoopResult } from '../lib/closed-loop.ts'
import type { BenchContext } from '../lib/context.ts'
import { type CpuSources, cpuWindow, describeCpu } from '../lib/cpu.ts'
import { postgresMonitor } from '../lib/postgres.ts'
import { profiled } from '../lib/profile.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type BareInfo, startServerChild } from '../lib/servers.ts'
import { type LatencySummary, sleep, summarize } from '../lib/stats.ts'
import { startVisitors } from '../lib/visitors.ts'

const CONCURRENCY = [1, 200]
const TARGET_TURNS_PER_SECOND = 1000

interface Cell {
  summary: LatencySummary
  perSecond: number
  errors: number
  errorSamples: string[]
  /** Percent of one core used by each process during the window, and the machine's busy %. */
  cpu: Record<string, number>
  /** Database transactions per completed operation (Postgres only). */
  transactionsPerOp?: number | undefined
}

interface Target {
  url: string
  key?: string
  server: Child<unknown>
  /** The PostgreSQL backends serving this server, when it uses Postgres. */
  postgres?: Awaited<ReturnType<typeof postgresMonitor>>
}

function toCell(result: LoopResult, cpu: Record<string, number>, transactions?: number): Cell {
  return {
    transactionsPerOp:
      transactions === undefined ? undefined : transactions / Math.max(1, result.latencies.length),
    summary: summarize(result.latencies),
    perSecond: (result.latencies.length / result.windowMs) * 1000,
    errors: result.errors,
    errorSamples: result.errorSamples,
    cpu,
  }
}

/**
 * One closed-loop cell: connect `visitors`, warm up, measure for a fixed window, disconnect. CPU
 * use of the server, the database and the load processes is sampled over the same window.
 */
async function measure(
  ctx: BenchContext,
  target: Target,
  visitors: number,
  mode: 'chat' | 'echo',
  timing: { warmupMs: number; durationMs: number },
): Promise<Cell> {
  const group = await startVisitors({
    url: target.url,
    key: target.key,
    visitors,
    processes: visitors >= 50 ? ctx.options.clientProcesses : 1,
  })
  try {
    if (group.failed > 0) {
      throw new Error(`${group.failed} visitors not connected: ${group.lastError}`)
    }
    const sources: CpuSources = {
      server: () => target.server.call<number>('cpu'),
      ...(target.postgres ? { postgres: target.postgres.cpuMs } : {}),
      load: () => group.cpuMs(),
    }
    const cpu = cpuWindow(sources)
    const running = group.run(mode, timing)
    await sleep(timing.warmupMs)
    await cpu.start()
    const transactionsBefore = await target.postgres?.transactions()
    await sleep(timing.durationMs)
    const shares = await cpu.stop()
    const transactionsAfter = await target.postgres?.transactions()
    const transactions =
      transactionsAfter === undefined ? undefined : transactionsAfter - transactionsBefore!
    return toCell(await running, shares, transactions)
  } finally {
    await group.stop()
  }
}

function cellFigures(name: string, cell: Cell, baseline: Cell | undefined, target: boolean) {
  const latency = (p: 'p50' | 'p99') =>
    figure({
      case: name,
      metric: `${p} latency`,
      unit: 'ms',
      value: cell.summary[p],
      baseline: baseline?.summary[p] ?? null,
    })
  return [
    latency('p50'),
    latency('p99'),
    figure({
      case: name,
      metric: 'throughput',
      unit: 'turns/s',
      baselineUnit: 'ops/s',
      value: cell.perSecond,
      baseline: baseline?.perSecond ?? null,
      target: target ? { op: '>=', value: TARGET_TURNS_PER_SECOND } : undefined,
    }),
  ]
}

const cellDetails = (cell: Cell) => ({
  ...cell.summary,
  perSecond: cell.perSecond,
  errors: cell.errors,
  cpu: cell.cpu,
  transactionsPerOp: cell.transactionsPerOp,
})

/**
 * (a) Chat turns, `chat:send` → `chat:done`, through the whole server (handshake-authenticated
 * sockets, rate limiters, stored messages, retrieval, the extractive answerer, streamed deltas),
 * beside a bare Socket.io server acking an echo with the same client harness and concurrency.
 */
export async function benchTurns(ctx: BenchContext): Promise<SectionResult> {
  const timing = ctx.options.quick
    ? { warmupMs: 1500, durationMs: 4000 }
    : { warmupMs: 2000, durationMs: 10_000 }
  const notes: string[] = [
    'closed loop: each visitor asks again when chat:done arrives (a new conversation every 5 ' +
      `questions); ${timing.warmupMs / 1000} s warm-up, ${timing.durationMs / 1000} s measured; ` +
      `${ctx.options.clientProcesses} load process(es) at 200 visitors`,
  ]
  const details: Record<string, unknown> = { timing, concurrency: CONCURRENCY }
  const baseline = new Map<number, Cell>()

  const echo = await startServerChild<BareInfo>('socketio-echo')
  try {
    for (const visitors of CONCURRENCY) {
      ctx.progress(`turns: bare Socket.io echo, ${visitors} visitors`)
      const cell = await measure(ctx, { ...echo.info, server: echo }, visitors, 'echo', timing)
      baseline.set(visitors, cell)
      details[`baseline, ${visitors} visitors`] = cellDetails(cell)
      notes.push(`baseline, ${visitors} visitors: ${describeCpu(cell.cpu)}`)
    }
  } finally {
    await echo.stop()
  }

  const figures: Figure[] = []
  for (const { name, choice, skipped } of ctx.servers.databases()) {
    if (!choice) {
      notes.push(`${name} rows skipped: ${skipped}`)
      continue
    }
    ctx.progress(`turns: starting the ${name} server`)
    const server = await ctx.servers.get(choice)
    const postgres = choice.kind === 'postgres' ? await postgresMonitor(choice.url) : undefined
    const target: Target = {
      url: server.info.url,
      key: server.info.publishableKey,
      server,
      ...(postgres ? { postgres } : {}),
    }
    try {
      for (const visitors of CONCURRENCY) {
        ctx.progress(`turns: ${name}, ${visitors} visitors`)
        const cell = await measure(ctx, target, visitors, 'chat', timing)
        const label = `${name}, ${visitors} visitor${visitors === 1 ? '' : 's'}`
        const withTarget = choice.kind === 'postgres' && visitors === CONCURRENCY.at(-1)
        figures.push(...cellFigures(label, cell, baseline.get(visitors), withTarget))
        details[label] = cellDetails(cell)
        const perTurn = cell.transactionsPerOp
        const transactions =
          perTurn === undefined ? '' : `; ${perTurn.toFixed(1)} transactions/turn`
        notes.push(`${label}: ${describeCpu(cell.cpu)}${transactions}`)
        if (cell.errors > 0) {
          notes.push(`${label}: ${cell.errors} failed turns, e.g. ${cell.errorSamples[0]}`)
        }
      }
      if (ctx.options.profile) {
        ctx.progress(`turns: profiling ${name} at ${CONCURRENCY.at(-1)} visitors (extra cell)`)
        const { summary, digest } = await profiled(
          server,
          ctx.resultsDir,
          `turns-${choice.kind}`,
          () =>
            measure(ctx, target, CONCURRENCY.at(-1)!, 'chat', { warmupMs: 500, durationMs: 6000 }),
        )
        details[`${name} profile`] = summary
        notes.push(digest)
      }
    } finally {
      await postgres?.close()
    }
  }
  return {
    name: 'turns',
    title: '(a) Chat turns: chat:send → chat:done',
    baseline:
      'bare Socket.io 4.8 server (websocket) acking an echo, same client harness and concurrency',
    figures,
    notes,
    details,
  }
}
