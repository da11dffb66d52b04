import { createLocalEmbeddings } from '../../packages/server/src/providers/embeddings/local-embeddings.ts'
import type { BenchContext } from '../lib/context.ts'
import { dealershipChunks } from '../lib/corpus.ts'
import { figure, type SectionResult } from '../lib/report.ts'

const BATCH = 128

/**
 * Local embedding throughput for 1,000-character chunks, in batches the size ingestion uses.
 * It bounds how fast embedded mode can ingest, since it runs on the server's own thread.
 */
export async function benchEmbeddings(ctx: BenchContext): Promise<SectionResult> {
  const count = ctx.options.quick ? 2000 : 10_000
  const model = createLocalEmbeddings()
  // Fresh seed: the model caches per-term features, and a run should not time a warm cache only.
  const values = dealershipChunks(count, 424_242).map((c) => `${c.heading}\n${c.content}`)
  await model.doEmbed({ values: values.slice(0, BATCH) })
  ctx.progress(`embeddings: ${count} chunks`)
  const started = performance.now()
  for (let i = BATCH; i < values.length; i += BATCH) {
    await model.doEmbed({ values: values.slice(i, i + BATCH) })
  }
  const seconds = (performance.now() - started) / 1000
  const meanChars = values.reduce((n, v) => n + v.length, 0) / values.length
  return {
    name: 'embeddings',
    title: 'Extra: local embedding throughput',
    baseline: 'none (no target; a reference figure for ingestion speed)',
    figures: [
      figure({
        case: `${count.toLocaleString('en-US')} chunks of ~${Math.round(meanChars)} chars`,
        metric: 'throughput',
        unit: 'chunks/s',
        value: (values.length - BATCH) / seconds,
        baseline: null,
      }),
    ],
    notes: [`batches of ${BATCH}, in the bench process (one core)`],
    details: { count, meanChars, seconds },
  }
}
