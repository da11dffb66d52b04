import { io } from 'socket.io-client'
import { type Dealership, loadDealerships, type Question } from '../../eval/lib/corpus.ts'
import { createClient, type VisitorClient } from '../../packages/sdk/src/index.ts'
import type { ChatDone } from '../../packages/sdk/src/protocol.ts'
import type { Child } from '../lib/child.ts'
import type { BenchContext } from '../lib/context.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import {
  type AvatarAdamInfo,
  type BareInfo,
  BENCH_ORIGIN,
  startServerChild,
} from '../lib/servers.ts'
import { summarize } from '../lib/stats.ts'
import {
  addTenant,
  api,
  type BenchTenant,
  fileFrom,
  removeTenant,
  settle,
  uploadAndWait,
} from '../lib/tenants.ts'

const TARGET_P95_MS = 150
const ANSWER_TIMEOUT_MS = 30_000

/** One timed answer: `chat:send` → `chat:done` as the SDK sees it. */
interface Answer {
  dealership: string
  id: string
  category: string
  /** An earlier message of a follow-up question's conversation. */
  earlierTurn: boolean
  /** The language the answer was given in. */
  language: string | null
  ms: number
}

/** An eval dealership as a tenant of the server: its languages, time zone and documents. */
async function seed(server: Child<AvatarAdamInfo>, dealership: Dealership): Promise<BenchTenant> {
  const { url } = server.info
  const tenant = await addTenant(server, dealership.name)
  const settings = await api<Record<string, unknown>>(
    url,
    tenant.secretKey,
    'GET',
    '/widget-settings',
  )
  await api(url, tenant.secretKey, 'PUT', '/widget-settings', {
    ...settings,
    languages: dealership.languages,
  })
  if (dealership.timezone) {
    await api(url, tenant.secretKey, 'PUT', '/dealership-facts', {
      timezone: dealership.timezone,
    })
  }
  await uploadAndWait(url, tenant.secretKey, await Promise.all(dealership.documents.map(fileFrom)))
  return tenant
}

function connected(client: VisitorClient): Promise<void> {
  if (client.status === 'connected') return Promise.resolve()
  return new Promise((resolve, reject) => {
    const off = [
      client.on('status', (status) => {
        if (status !== 'connected') return
        for (const stop of off) stop()
        resolve()
      }),
      client.on('error', (error) => {
        for (const stop of off) stop()
        reject(error)
      }),
    ]
  })
}

function withTimeout<T>(promise: PromiseLike<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([
    Promise.resolve(promise).finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what}: no answer after 30 s`)),
        ANSWER_TIMEOUT_MS,
      )
    }),
  ])
}

/**
 * Asks one question as the answer-quality suite does: a visitor of its own (a new client, on
 * the vehicle's page when the question has one), the follow-up's earlier messages first, in the
 * same conversation. The handshake is not timed; each answer is, until its `chat:done`.
 */
async function ask(url: string, key: string, slug: string, question: Question): Promise<Answer[]> {
  const page = question.page
    ? {
        url: `${BENCH_ORIGIN}/inventory/${question.page.stockNumber ?? question.page.vin}`,
        vehicle: question.page,
      }
    : { url: `${BENCH_ORIGIN}/` }
  const client = createClient({ key, baseUrl: url, origin: BENCH_ORIGIN, storage: false, page })
  try {
    await withTimeout(connected(client), `${slug}/${question.id}: connecting`)
    const answers: Answer[] = []
    const messages = [...(question.turns ?? []), question.ask]
    for (const [i, text] of messages.entries()) {
      const started = performance.now()
      const done: ChatDone = await withTimeout(client.ask(text), `${slug}/${question.id}`)
      const ms = performance.now() - started
      if (!done.text) throw new Error(`${slug}/${question.id}: an empty answer`)
      answers.push({
        dealership: slug,
        id: question.id,
        category: question.category,
        earlierTurn: i < messages.length - 1,
        language: done.language ?? null,
        ms,
      })
    }
    return answers
  } finally {
    client.close()
  }
}

/** The same number of sequential Socket.io round trips to a bare server acking an echo. */
async function echoRoundTrips(texts: readonly string[]): Promise<number[]> {
  const echo = await startServerChild<BareInfo>('socketio-echo')
  const socket = io(echo.info.url, { transports: ['websocket'], reconnection: false })
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve())
      socket.once('connect_error', reject)
    })
    const payload = (text: string, i: number) => ({ text, clientMessageId: `m_bench${i}` })
    for (const [i, text] of texts.slice(0, 50).entries()) {
      await socket.emitWithAck('echo', payload(text, i))
    }
    const durations: number[] = []
    for (const [i, text] of texts.entries()) {
      const started = performance.now()
      await socket.emitWithAck('echo', payload(text, i))
      durations.push(performance.now() - started)
    }
    return durations
  } finally {
    socket.close()
    await echo.stop()
  }
}

/**
 * The built-in answerer end to end, one visitor at a time, on PGlite (the embedded mode): the
 * three dealerships of the answer-quality suite (eval/dealerships) seeded as tenants of one
 * server through the real upload path, then every question of theirs asked over Socket.io with
 * the SDK, as `npm run eval` asks them, each answer timed until `chat:done`.
 */
export async function benchAnswers(ctx: BenchContext): Promise<SectionResult> {
  const dealerships = await loadDealerships()
  const [pglite] = ctx.servers.databases().filter((d) => d.choice?.kind === 'pglite')
  const server = await ctx.servers.get(pglite!.choice!)
  const { url } = server.info
  const tenants: BenchTenant[] = []
  const figures: Figure[] = []
  const details: Record<string, unknown> = {}
  const notes: string[] = []
  try {
    ctx.progress(`answers: seeding ${dealerships.map((d) => d.slug).join(', ')}`)
    const seedStarted = performance.now()
    for (const dealership of dealerships) tenants.push(await seed(server, dealership))
    details.seedMs = performance.now() - seedStarted
    await settle(server)

    // Each dealership's first question of every category, unmeasured: the first answers in a
    // language load what the answerer loads once (the number recognizer of the language, whose
    // first sentences cost hundreds of milliseconds), and the first of a tenant its data.
    ctx.progress('answers: warm-up')
    const warmup: Answer[] = []
    for (const [i, dealership] of dealerships.entries()) {
      const firsts = new Map<string, Question>()
      for (const q of dealership.questions) if (!firsts.has(q.category)) firsts.set(q.category, q)
      for (const question of firsts.values()) {
        warmup.push(...(await ask(url, tenants[i]!.publishableKey, dealership.slug, question)))
      }
    }

    const answers: Answer[] = []
    const texts: string[] = []
    for (const [i, dealership] of dealerships.entries()) {
      const questions = ctx.options.quick
        ? dealership.questions.filter((_, j) => j % 2 === 0)
        : dealership.questions
      ctx.progress(`answers: ${dealership.slug}, ${questions.length} questions`)
      for (const question of questions) {
        answers.push(...(await ask(url, tenants[i]!.publishableKey, dealership.slug, question)))
        texts.push(...(question.turns ?? []), question.ask)
      }
    }
    ctx.progress('answers: baseline, bare Socket.io echo')
    const echo = summarize(await echoRoundTrips(texts))
    const all = summarize(answers.map((a) => a.ms))
    const label = `PGlite, 1 visitor, ${dealerships.length} dealerships`
    for (const p of ['p50', 'p95', 'p99'] as const) {
      figures.push(
        figure({
          case: label,
          metric: `answer ${p}`,
          unit: 'ms',
          value: all[p],
          baseline: echo[p],
          target: p === 'p95' ? { op: '<=', value: TARGET_P95_MS } : undefined,
        }),
      )
    }

    const categories = [...new Set(answers.map((a) => a.category))]
      .map((category) => ({
        category,
        ...summarize(answers.filter((a) => a.category === category).map((a) => a.ms)),
      }))
      .sort((a, b) => b.p95 - a.p95)
    const bySlug = Object.fromEntries(
      dealerships.map((d) => [
        d.slug,
        summarize(answers.filter((a) => a.dealership === d.slug).map((a) => a.ms)),
      ]),
    )
    const slowest = [...answers].sort((a, b) => b.ms - a.ms).slice(0, 10)
    Object.assign(details, { answers: all, echo, categories, bySlug, slowest, warmup })
    const earlier = answers.filter((a) => a.earlierTurn).length
    const firstIn = (language: string) => warmup.find((a) => a.language === language)?.ms
    const coldest = [...warmup].sort((a, b) => b.ms - a.ms)[0]
    notes.push(
      `${answers.length} answers (${earlier} of them earlier messages of follow-up questions), ` +
        'one visitor at a time, each question a new visitor as in npm run eval; answer cache off',
      `warm-up, unmeasured: ${warmup.length} answers (each dealership's first question of every ` +
        `category); first English answer ${firstIn('en')?.toFixed(0) ?? '–'} ms, first Spanish ` +
        `${firstIn('es')?.toFixed(0) ?? '–'} ms, slowest ${coldest?.ms.toFixed(0) ?? '–'} ms ` +
        `(${coldest?.dealership}/${coldest?.id}); English may already be warm when earlier ` +
        'sections used this server',
      `p95 by category, slowest first: ${categories
        .map((c) => `${c.category} ${c.p95.toFixed(0)}`)
        .join(', ')} ms`,
      `p95 by dealership: ${Object.entries(bySlug)
        .map(([slug, s]) => `${slug} ${s.p95.toFixed(0)}`)
        .join(', ')} ms; slowest answer ${slowest[0]?.ms.toFixed(0)} ms ` +
        `(${slowest[0]?.dealership}/${slowest[0]?.id})`,
    )
    if (ctx.options.quick) notes.push('--quick: every other question of each dealership')
  } finally {
    for (const tenant of tenants) await removeTenant(server, tenant.tenantId).catch(() => {})
  }
  return {
    name: 'answers',
    title: 'Embedded answers: chat:send → chat:done, built-in answerer, eval corpus',
    baseline:
      'bare Socket.io 4.8 server (websocket) acking an echo of the same messages, one client, sequential',
    figures,
    notes,
    details,
  }
}
