import type { LoopResult } from '../lib/closed-loop.ts'
import type { BenchContext } from '../lib/context.ts'
import { VISITOR_QUESTIONS } from '../lib/corpus.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type AvatarAdamInfo, startServerChild } from '../lib/servers.ts'
import { type LatencySummary, sleep, summarize } from '../lib/stats.ts'
import { startVisitors, type VisitorGroup } from '../lib/visitors.ts'

const VISITORS = 200
const ZIPF = 1.1
const TARGET_HIT_RATE = 70
const REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * The questions of a dealership's site: the demo questions, each also typed the ways visitors
 * type (lower case, no question mark, extra spaces), which the cache must see as one question.
 */
const FAQ = VISITOR_QUESTIONS.flatMap((q) => [q, q.toLowerCase().replace(/[?!.]$/, ''), ` ${q} `])

interface Instance {
  url: string
  stop(): Promise<void>
}

async function cacheCounts(urls: string[]): Promise<{ hit: number; miss: number }> {
  let hit = 0
  let miss = 0
  for (const url of urls) {
    const text = await (await fetch(`${url}/metrics`)).text()
    const read = (result: string) =>
      Number(
        new RegExp(`avataradam_answer_cache_total\\{result="${result}"\\} (\\d+)`).exec(
          text,
        )?.[1] ?? 0,
      )
    hit += read('hit')
    miss += read('miss')
  }
  return { hit, miss }
}

interface Cell {
  summary: LatencySummary
  perSecond: number
  hitRate: number | null
  errors: number
  errorSamples: string[]
}

/**
 * Runs the FAQ workload against `instances`, visitors split evenly between them; every question
 * opens a conversation (the cache serves opening questions). The hit rate is read from the
 * servers' own /metrics over the measured window only.
 */
async function run(
  ctx: BenchContext,
  instances: Instance[],
  key: string,
  timing: { warmupMs: number; durationMs: number },
  questions: string[],
): Promise<Cell> {
  const per = Math.ceil(VISITORS / instances.length)
  const groups: VisitorGroup[] = []
  try {
    for (const instance of instances) {
      const group = await startVisitors({ url: instance.url, key, visitors: per, processes: 1 })
      if (group.failed > 0)
        throw new Error(`${group.failed} visitors not connected: ${group.lastError}`)
      groups.push(group)
    }
    const args = { ...timing, turnsPerConversation: 1, questions, zipf: ZIPF }
    const running = groups.map((g) => g.run('chat', args))
    await sleep(timing.warmupMs)
    const before = await cacheCounts(instances.map((i) => i.url))
    await sleep(timing.durationMs)
    const after = await cacheCounts(instances.map((i) => i.url))
    const results: LoopResult[] = await Promise.all(running)
    const latencies = results.flatMap((r) => r.latencies)
    const lookups = after.hit - before.hit + (after.miss - before.miss)
    ctx.progress(`faq: ${latencies.length} turns, ${lookups} cache lookups`)
    return {
      summary: summarize(latencies),
      perSecond: (latencies.length / timing.durationMs) * 1000,
      hitRate: lookups > 0 ? ((after.hit - before.hit) / lookups) * 100 : null,
      errors: results.reduce((n, r) => n + r.errors, 0),
      errorSamples: results.flatMap((r) => r.errorSamples).slice(0, 3),
    }
  } finally {
    await Promise.all(groups.map((g) => g.stop()))
  }
}

async function redisReachable(url: string): Promise<boolean> {
  const { Redis } = await import('ioredis')
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000 })
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

/**
 * Many visitors asking overlapping questions (a Zipf mix of the demo questions, typed several
 * ways): the answer cache's hit rate and the latency of cached answers, beside the same workload
 * without the cache; and turns per second with one instance and with two sharing Redis and
 * PostgreSQL.
 */
export async function benchFaq(ctx: BenchContext): Promise<SectionResult> {
  const name = 'faq'
  const title = 'FAQ workload: the answer cache, and one instance beside two'
  const baseline = 'the same workload with the cache off (ANSWER_CACHE_TTL_SECONDS=0)'
  const timing = ctx.options.quick
    ? { warmupMs: 2000, durationMs: 4000 }
    : { warmupMs: 4000, durationMs: 10_000 }
  const [postgres] = ctx.servers.databases().filter((d) => d.choice?.kind === 'postgres')
  const skip = (why: string): SectionResult => ({
    name,
    title,
    baseline,
    figures: [],
    notes: [`skipped: ${why}`],
    details: {},
  })
  if (!postgres?.choice) return skip(postgres?.skipped ?? 'no PostgreSQL')
  if (!(await redisReachable(REDIS_URL))) return skip(`no Redis at ${REDIS_URL} (BENCH_REDIS_URL)`)
  const database = postgres.choice
  const start = async (env: Record<string, string>) => {
    const child = await startServerChild<AvatarAdamInfo>('avataradam', database, {
      REDIS_URL,
      ...env,
    })
    return { child, instance: { url: child.info.url, stop: () => child.stop() } }
  }

  const figures: Figure[] = []
  const notes: string[] = [
    `${VISITORS} visitors, each question opening a conversation; questions drawn from ${FAQ.length} (${VISITOR_QUESTIONS.length} questions typed 3 ways) with weight 1/rank^${ZIPF}`,
  ]
  const details: Record<string, unknown> = {}

  ctx.progress('faq: one instance, cache off')
  const off = await start({ ANSWER_CACHE_TTL_SECONDS: '0' })
  let uncached: Cell
  try {
    uncached = await run(ctx, [off.instance], off.child.info.publishableKey, timing, FAQ)
  } finally {
    await off.instance.stop()
  }

  ctx.progress('faq: one instance, cache on')
  const on = await start({ ANSWER_CACHE_TTL_SECONDS: '3600' })
  let cachedOne: Cell
  let hitsOnly: Cell
  let cachedTwo: Cell
  try {
    const key = on.child.info.publishableKey
    cachedOne = await run(ctx, [on.instance], key, timing, FAQ)
    // Only the questions now in the cache: the latency of a cached answer.
    ctx.progress('faq: cached answers only')
    hitsOnly = await run(ctx, [on.instance], key, timing, FAQ.slice(0, 12))
    ctx.progress('faq: two instances sharing Redis and PostgreSQL, cache on')
    const peer = await start({ ANSWER_CACHE_TTL_SECONDS: '3600', BENCH_PEER: '1' })
    try {
      cachedTwo = await run(ctx, [on.instance, peer.instance], key, timing, FAQ)
    } finally {
      await peer.instance.stop()
    }
  } finally {
    await on.instance.stop()
  }

  figures.push(
    figure({
      case: 'one instance, cache on',
      metric: 'hit rate',
      unit: '%',
      value: cachedOne.hitRate,
      baseline: null,
      target: { op: '>=', value: TARGET_HIT_RATE },
    }),
  )
  for (const p of ['p50', 'p99'] as const) {
    figures.push(
      figure({
        case: 'cached answers (send → done)',
        metric: p,
        unit: 'ms',
        value: hitsOnly.summary[p],
        baseline: uncached.summary[p],
      }),
      figure({
        case: 'all answers, cache on',
        metric: p,
        unit: 'ms',
        value: cachedOne.summary[p],
        baseline: uncached.summary[p],
      }),
    )
  }
  figures.push(
    figure({
      case: 'one instance, cache on',
      metric: 'turns/s',
      unit: 'turns/s',
      value: cachedOne.perSecond,
      baseline: uncached.perSecond,
    }),
    figure({
      case: 'two instances, cache on',
      metric: 'turns/s',
      unit: 'turns/s',
      value: cachedTwo.perSecond,
      baseline: cachedOne.perSecond,
    }),
    figure({
      case: 'two instances, cache on',
      metric: 'hit rate',
      unit: '%',
      value: cachedTwo.hitRate,
      baseline: null,
    }),
  )
  notes.push(
    `cached-answers row: only questions already cached (hit rate ${hitsOnly.hitRate?.toFixed(1) ?? '–'}%); baseline for latency and turns/s is the cache-off run (${uncached.perSecond.toFixed(0)} turns/s); the two-instance row's baseline is one instance with the cache`,
    'two instances run on the same 2-core machine as PostgreSQL, Redis and the load, so they share its CPU',
  )
  for (const [label, cell] of Object.entries({ uncached, cachedOne, hitsOnly, cachedTwo })) {
    if (cell.errors > 0)
      notes.push(`${label}: ${cell.errors} failed turns, e.g. ${cell.errorSamples[0]}`)
    details[label] = cell
  }
  return { name, title, baseline, figures, notes, details }
}
