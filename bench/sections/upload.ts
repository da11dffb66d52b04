import type { Child } from '../lib/child.ts'
import type { BenchContext } from '../lib/context.ts'
import { largeMarkdown } from '../lib/corpus.ts'
import { profiled } from '../lib/profile.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type AvatarAdamInfo, type BareInfo, startServerChild } from '../lib/servers.ts'
import { type LatencySummary, summarize } from '../lib/stats.ts'

const FILE_BYTES = 10 * 1024 * 1024
const TARGET_MS = 50

/** Uploads one file and returns the time from sending the request to the whole response. */
async function timeUpload(
  url: string,
  secretKey: string,
  content: string,
  name: string,
): Promise<{ ms: number; status: number; body: { id?: string } }> {
  const form = new FormData()
  form.set('file', new File([content], name, { type: 'text/markdown' }))
  const started = performance.now()
  const res = await fetch(`${url}/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}` },
    body: form,
  })
  const body = (await res.json()) as { id?: string }
  return { ms: performance.now() - started, status: res.status, body }
}

/**
 * Uploads `documents` one after another (after one unmeasured warm-up upload). Against the
 * AvatarAdam server each accepted document is deleted at once and the server is left to go quiet
 * before the next upload, so every upload is timed on an idle server rather than one still
 * parsing the previous 10 MB in the background.
 */
async function uploads(
  target: { url: string; secretKey: string },
  documents: string[],
  server?: Child<AvatarAdamInfo>,
): Promise<LatencySummary> {
  const durations: number[] = []
  for (const [i, content] of documents.entries()) {
    const { ms, status, body } = await timeUpload(
      target.url,
      target.secretKey,
      content,
      `price-list-${i}.md`,
    )
    if (status !== 202) throw new Error(`upload answered ${status}: ${JSON.stringify(body)}`)
    if (i > 0) durations.push(ms)
    if (server && body.id) {
      await fetch(`${target.url}/v1/documents/${body.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${target.secretKey}` },
      })
      await server.call('quiet')
    }
  }
  return summarize(durations)
}

/**
 * (c) Upload accept time: `POST /v1/documents` with a distinct 10 MB Markdown file, until the 202,
 * beside a bare Hono app on @hono/node-server that only runs `c.req.parseBody()`.
 */
export async function benchUpload(ctx: BenchContext): Promise<SectionResult> {
  const count = ctx.options.quick ? 3 : 10
  let seed = Date.now() % 1_000_000
  // Fresh content per upload and per server: the server stores identical bytes only once.
  const files = () => Array.from({ length: count + 1 }, () => largeMarkdown(FILE_BYTES, seed++))
  const notes: string[] = [
    `${count} uploads of distinct ${FILE_BYTES / 1024 / 1024} MB Markdown files after one ` +
      'warm-up; timed from sending the request to the end of the response',
  ]
  const details: Record<string, unknown> = { count, bytes: FILE_BYTES }

  ctx.progress('upload: bare Hono parseBody()')
  const bare = await startServerChild<BareInfo>('hono-upload')
  let baseline: LatencySummary
  try {
    baseline = await uploads({ url: bare.info.url, secretKey: 'none' }, files())
  } finally {
    await bare.stop()
  }
  details.baseline = baseline

  const figures: Figure[] = []
  for (const { name, choice, skipped } of ctx.servers.databases()) {
    if (!choice) {
      notes.push(`${name} rows skipped: ${skipped}`)
      continue
    }
    const server = await ctx.servers.get(choice)
    ctx.progress(`upload: ${name}`)
    const measured = await uploads(server.info, files(), server)
    details[name] = measured
    if (ctx.options.profile) {
      ctx.progress(`upload: profiling ${name} (3 extra uploads)`)
      const { summary, digest } = await profiled(
        server,
        ctx.resultsDir,
        `upload-${choice.kind}`,
        () => uploads(server.info, files().slice(0, 3), server),
      )
      details[`${name} profile`] = summary
      notes.push(digest)
    }
    for (const p of ['p50', 'p95'] as const) {
      figures.push(
        figure({
          case: `${name}, 10 MB Markdown`,
          metric: `accept ${p}`,
          unit: 'ms',
          value: measured[p],
          baseline: baseline[p],
          target: { op: '<=', value: TARGET_MS },
        }),
      )
    }
  }
  return {
    name: 'upload',
    title: '(c) Upload accept time: POST /v1/documents → 202',
    baseline: 'bare Hono + @hono/node-server app: c.req.parseBody(), then 202',
    figures,
    notes,
    details,
  }
}
