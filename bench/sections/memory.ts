import type { Child } from '../lib/child.ts'
import type { BenchContext } from '../lib/context.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type AvatarAdamInfo, type BareInfo, startServerChild } from '../lib/servers.ts'
import { sleep } from '../lib/stats.ts'
import { startVisitors } from '../lib/visitors.ts'

const TARGET_KB = 50

interface Reading {
  heapUsed: number
  rss: number
  connections: number
}

/**
 * Memory of the server child after GC with no visitors, then with `visitors` idle ones connected;
 * the difference divided by the visitors is what one idle visitor costs the server.
 */
async function perVisitor(
  ctx: BenchContext,
  server: Child<{ url: string }>,
  visitors: number,
  key?: string,
): Promise<{ idle: Reading; loaded: Reading; connectMs: number }> {
  const idle = await server.call<Reading>('memory')
  const group = await startVisitors({
    url: server.info.url,
    key,
    visitors,
    processes: Math.max(2, Math.ceil(visitors / 2500)),
    parallel: 50,
  })
  try {
    if (group.failed > 0)
      throw new Error(`${group.failed} visitors not connected: ${group.lastError}`)
    // Let handshakes and their bookkeeping (key last-used writes) settle before reading.
    for (let i = 0; i < 50 && (await server.call<number>('connections')) < visitors; i++) {
      await sleep(100)
    }
    await sleep(1000)
    const loaded = await server.call<Reading>('memory')
    ctx.progress(
      `memory: ${loaded.connections} connected in ${(group.connectMs / 1000).toFixed(1)} s`,
    )
    return { idle, loaded, connectMs: group.connectMs }
  } finally {
    await group.stop()
  }
}

const kb = (bytes: number, visitors: number) => bytes / 1024 / visitors

/**
 * (d) Memory per idle connected visitor: websocket transport, authenticated handshake, measured
 * in the server child (with `--expose-gc`) beside a bare Socket.io server holding as many sockets.
 */
export async function benchMemory(ctx: BenchContext): Promise<SectionResult> {
  const visitors = ctx.options.quick ? 1000 : 10_000
  ctx.progress(`memory: bare Socket.io, ${visitors} visitors`)
  const bare = await startServerChild<BareInfo>('socketio-echo')
  let baseline: Awaited<ReturnType<typeof perVisitor>>
  try {
    baseline = await perVisitor(ctx, bare, visitors)
  } finally {
    await bare.stop()
  }

  // A server of its own rather than the shared one: after the upload section the shared PGlite
  // server holds a large WebAssembly heap whose resident pages come and go, which blurs RSS.
  ctx.progress(`memory: AvatarAdam (PGlite), ${visitors} visitors`)
  const server = await startServerChild<AvatarAdamInfo>('avataradam', { kind: 'pglite' })
  let measured: Awaited<ReturnType<typeof perVisitor>>
  try {
    measured = await perVisitor(ctx, server, visitors, server.info.publishableKey)
  } finally {
    await server.stop()
  }

  const label = `${visitors.toLocaleString('en-US')} idle visitors`
  const delta = (r: typeof measured, field: 'heapUsed' | 'rss') =>
    kb(r.loaded[field] - r.idle[field], visitors)
  const figures: Figure[] = (['heapUsed', 'rss'] as const).map((field) =>
    figure({
      case: label,
      metric: `${field === 'rss' ? 'RSS' : 'heapUsed'} per visitor`,
      unit: 'KB',
      value: delta(measured, field),
      baseline: delta(baseline, field),
      target: { op: '<=', value: TARGET_KB },
    }),
  )
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
  const readings = ({ idle, loaded }: typeof measured) =>
    `heapUsed ${mb(idle.heapUsed)} → ${mb(loaded.heapUsed)}, ` +
    `RSS ${mb(idle.rss)} → ${mb(loaded.rss)}`
  return {
    name: 'memory',
    title: '(d) Memory per idle connected visitor (server process, after GC)',
    baseline:
      'bare Socket.io 4.8 server (default options) holding the same number of websocket clients',
    figures,
    notes: [
      `AvatarAdam: ${readings(measured)}; bare: ${readings(baseline)}`,
      'measured on a fresh PGlite server: an idle socket touches no database',
    ],
    details: { visitors, measured, baseline },
  }
}
