import type { InventoryFeedSummary } from '@avataradam/sdk/protocol'
import type { Child } from '../lib/child.ts'
import type { BenchContext } from '../lib/context.ts'
import {
  type InventoryCase,
  type InventoryTimings,
  inventoryCases,
  inventoryCsv,
  inventoryParams,
} from '../lib/inventory.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import type { AvatarAdamInfo } from '../lib/servers.ts'
import { type LatencySummary, summarize, timeEach } from '../lib/stats.ts'
import { addTenant, api, removeTenant, settle, uploadAndWait } from '../lib/tenants.ts'

const VEHICLES = 5000
const TARGET_P95_MS = 20
/** One round of every kind of question (26 kinds) runs first, unmeasured. */
const WARMUP = 26
/** The HTTP rows time this many of the queries (each is a whole request). */
const HTTP_QUERIES = 260

/** p50/p95/max of each kind of question, slowest p95 first. */
function byKind(cases: readonly InventoryCase[], ms: readonly number[], totals: readonly number[]) {
  const groups = new Map<string, { ms: number[]; totals: number[] }>()
  cases.forEach((c, i) => {
    const group = groups.get(c.kind) ?? { ms: [], totals: [] }
    group.ms.push(ms[i]!)
    group.totals.push(totals[i]!)
    groups.set(c.kind, group)
  })
  return [...groups]
    .map(([kind, g]) => {
      const s = summarize(g.ms)
      const matched = g.totals.reduce((a, b) => a + b, 0) / g.totals.length
      return { kind, p50: s.p50, p95: s.p95, max: s.max, matched: Math.round(matched) }
    })
    .sort((a, b) => b.p95 - a.p95)
}

/** `GET /v1/inventory` for each query, then `GET /v1/keys` (cheapest secret-key read) as often. */
async function timeHttp(url: string, secretKey: string, cases: readonly InventoryCase[]) {
  const get = (route: string) => async () => {
    const res = await fetch(`${url}/v1${route}`, {
      headers: { authorization: `Bearer ${secretKey}` },
    })
    if (res.status !== 200) throw new Error(`GET ${route}: ${res.status} ${await res.text()}`)
    await res.arrayBuffer()
  }
  const inventory = (c: InventoryCase) => get(`/inventory?${inventoryParams(c.query)}`)()
  await timeEach(cases.slice(0, WARMUP), inventory)
  await timeEach(cases.slice(0, WARMUP), get('/keys'))
  const measured = cases.slice(0, HTTP_QUERIES)
  return {
    inventory: summarize(await timeEach(measured, inventory)),
    keys: summarize(await timeEach(measured, get('/keys'))),
  }
}

const pair = (
  label: string,
  metric: string,
  value: LatencySummary,
  baseline: LatencySummary,
  target: boolean,
): Figure[] =>
  (['p50', 'p95'] as const).map((p) =>
    figure({
      case: label,
      metric: `${metric} ${p}`,
      unit: 'ms',
      value: value[p],
      baseline: baseline[p],
      target: target && p === 'p95' ? { op: '<=', value: TARGET_P95_MS } : undefined,
    }),
  )

/**
 * Inventory questions over a 5,000-vehicle feed: a synthetic dealer-management CSV uploaded
 * through `POST /v1/documents` and read by the real ingestion path into the vehicles table, then
 * `searchVehicles` (what `GET /v1/inventory`, the built-in answerer and the model's
 * `search_inventory` tool run) over a mix of visitors' questions, timed in the server process on
 * the server's own database; and the same queries through `GET /v1/inventory`.
 */
export async function benchInventory(ctx: BenchContext): Promise<SectionResult> {
  const count = ctx.options.quick ? 260 : 780
  const { csv, vehicles } = inventoryCsv(VEHICLES, 5000)
  const cases = inventoryCases(WARMUP + count, vehicles, 11)
  const queries = cases.map((c) => c.query)
  const measuredCases = cases.slice(WARMUP)
  const bytes = new TextEncoder().encode(csv)
  const figures: Figure[] = []
  const notes: string[] = [
    `${VEHICLES.toLocaleString('en-US')}-vehicle CSV (${(bytes.length / 1e6).toFixed(1)} MB, ` +
      `seeded); ${count} questions of 26 kinds, sequential, after ${WARMUP} unmeasured; the ` +
      `HTTP rows time the first ${Math.min(HTTP_QUERIES, count)} of them`,
  ]
  const details: Record<string, unknown> = { vehicles: VEHICLES, questions: count }

  for (const { name, choice, skipped } of ctx.servers.databases()) {
    if (!choice) {
      notes.push(`${name} rows skipped: ${skipped}`)
      continue
    }
    ctx.progress(`inventory: starting the ${name} server`)
    const server: Child<AvatarAdamInfo> = await ctx.servers.get(choice)
    const tenant = await addTenant(server, 'Bench Inventory')
    try {
      ctx.progress(`inventory: ${name}: ingesting ${VEHICLES} vehicles`)
      const ingestMs = await uploadAndWait(server.info.url, tenant.secretKey, [
        { name: 'inventory.csv', bytes },
      ])
      const { documents } = await api<{
        documents: { inventory: InventoryFeedSummary | null }[]
      }>(server.info.url, tenant.secretKey, 'GET', '/documents')
      const read = documents[0]?.inventory?.vehicles ?? 0
      if (read !== VEHICLES) throw new Error(`the feed was read as ${read} vehicles`)
      await settle(server)
      figures.push(
        figure({
          case: `${name}, ${VEHICLES.toLocaleString('en-US')}-vehicle CSV`,
          metric: 'upload → ready',
          unit: 's',
          value: ingestMs / 1000,
          baseline: null,
        }),
      )

      const measure = async (label: string, target: boolean) => {
        ctx.progress(`inventory: ${label}`)
        const t = await server.call<InventoryTimings>('timeInventory', {
          tenantId: tenant.tenantId,
          queries,
          warmup: WARMUP,
        })
        const search = summarize(t.search.slice(WARMUP))
        const baseline = summarize(t.baseline.slice(WARMUP))
        const kinds = byKind(measuredCases, t.search.slice(WARMUP), t.totals.slice(WARMUP))
        figures.push(...pair(label, 'searchVehicles', search, baseline, target))
        details[label] = { search, baseline, kinds }
        const slowest = kinds
          .slice(0, 3)
          .map((k) => `${k.kind} ${k.p95.toFixed(1)} ms (~${k.matched} matches)`)
        notes.push(`${label}: slowest kinds by p95: ${slowest.join('; ')}`)
      }

      const label = `${name}, ${VEHICLES.toLocaleString('en-US')} vehicles`
      if (choice.kind === 'postgres') {
        // Autovacuum analyzes a table soon after a 5,000-row import; do it now so the plan does
        // not depend on when it happens.
        await server.call('analyzeVehicles')
        await measure(label, true)
      } else {
        // PGlite has no autovacuum, and the server's statistics refresh analyzes only chunks:
        // vehicles stay as the import left them.
        await measure(`${label} (never analyzed)`, false)
        await server.call('analyzeVehicles')
        await measure(`${label} after ANALYZE`, false)
      }

      ctx.progress(`inventory: ${name}: GET /v1/inventory`)
      const http = await timeHttp(server.info.url, tenant.secretKey, measuredCases)
      figures.push(...pair(label, 'GET /v1/inventory', http.inventory, http.keys, false))
      details[`${label}, HTTP`] = { ...http, ingestMs }
    } finally {
      await removeTenant(server, tenant.tenantId).catch(() => {})
    }
  }
  notes.push(
    'searchVehicles rows: timed in the server process on its own database, each in a tenant ' +
      'transaction as the route runs it; GET /v1/inventory rows: whole requests from the bench ' +
      'process with a secret key',
  )
  if (ctx.options.quick) notes.push(`--quick: ${count} questions (instead of 780)`)
  return {
    name: 'inventory',
    title: 'Inventory queries: searchVehicles over a 5,000-vehicle feed',
    baseline:
      'searchVehicles: a primary-key lookup of one vehicle in the same tenant transaction; ' +
      'GET /v1/inventory: GET /v1/keys with the same secret key',
    figures,
    notes,
    details,
  }
}
