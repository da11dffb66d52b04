import type { BenchContext } from '../lib/context.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type AvatarAdamInfo, type BareInfo, startServerChild } from '../lib/servers.ts'
import { summarize } from '../lib/stats.ts'
import { startVisitors } from '../lib/visitors.ts'

const VISITORS = [1, 200]
const PACE = { firstTokenMs: 200, tokenMs: 20, tokens: 20 }
const TARGET = { p50: 5, p99: 20 }

/**
 * The server's own cost on top of a streaming language model: `chat:send` → first `chat:delta`
 * through AvatarAdam (LLM_PROVIDER=openai-compatible, the real `openai` client), beside the
 * model's own time to first token asked directly at the same concurrency. The model is a local
 * server streaming at a fixed pace, so the difference is what AvatarAdam adds: storing the
 * message, retrieval, the prompt, the client, and relaying the first words.
 */
export async function benchLlm(ctx: BenchContext): Promise<SectionResult> {
  const timing = ctx.options.quick
    ? { warmupMs: 1500, durationMs: 4000 }
    : { warmupMs: 2000, durationMs: 10_000 }
  const [database] = ctx.servers.databases().filter((d) => d.choice?.kind === 'postgres')
  const choice = database?.choice ?? { kind: 'pglite' as const }
  const dbName = choice.kind === 'postgres' ? 'Postgres' : 'PGlite'
  ctx.progress('llm: starting the paced model and an AvatarAdam server that uses it')
  const model = await startServerChild<BareInfo>('model', undefined, PACE)
  const figures: Figure[] = []
  const notes: string[] = []
  const details: Record<string, unknown> = { pace: PACE }
  try {
    const server = await startServerChild<AvatarAdamInfo>('avataradam', choice, {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: `${model.info.url}/v1`,
      LLM_MODEL: 'bench',
      LLM_MAX_RETRIES: 0,
    })
    try {
      for (const visitors of VISITORS) {
        ctx.progress(`llm: ${visitors} visitor(s), model alone, then through AvatarAdam`)
        const group = await startVisitors({
          url: server.info.url,
          key: server.info.publishableKey,
          visitors,
          processes: 1,
        })
        try {
          if (group.failed > 0) throw new Error(`${group.failed} visitors not connected`)
          const direct = await group.runModel({
            ...timing,
            modelUrl: model.info.url,
            count: visitors,
          })
          const relayed = await group.run('chat', { ...timing, measure: 'firstDelta' })
          const modelTtft = summarize(direct.latencies)
          const firstDelta = summarize(relayed.latencies)
          const label = `${dbName}, ${visitors} visitor${visitors === 1 ? '' : 's'}`
          for (const p of ['p50', 'p99'] as const) {
            figures.push(
              figure({
                case: label,
                metric: `overhead ${p}`,
                unit: 'ms',
                value: firstDelta[p] - modelTtft[p],
                baseline: null,
                target: visitors === 200 ? { op: '<=', value: TARGET[p] } : undefined,
              }),
              figure({
                case: label,
                metric: `first delta ${p}`,
                unit: 'ms',
                value: firstDelta[p],
                baseline: modelTtft[p],
              }),
            )
          }
          if (relayed.errors > 0) {
            notes.push(`${label}: ${relayed.errors} failed turns, e.g. ${relayed.errorSamples[0]}`)
          }
          details[label] = { modelTtft, firstDelta, turns: relayed.latencies.length }
        } finally {
          await group.stop()
        }
      }
    } finally {
      await server.stop()
    }
  } finally {
    await model.stop()
  }
  notes.push(
    `model: first word after ${PACE.firstTokenMs} ms, then ${PACE.tokens - 1} more ${PACE.tokenMs} ms apart; overhead = first chat:delta − the model's own time to first token, at the same percentile`,
  )
  return {
    name: 'llm',
    title:
      "Server overhead on a streaming LLM: chat:send → first chat:delta, minus the model's own first token",
    baseline: 'the same paced model asked directly (streamed HTTP) at the same concurrency',
    figures,
    notes,
    details,
  }
}
