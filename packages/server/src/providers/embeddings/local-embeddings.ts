import { setImmediate as nextTurn } from 'node:timers/promises'
import { hashedVector } from './hashed-vector.ts'
import type { EmbeddingModel } from './index.ts'

export interface LocalEmbeddingsOptions {
  /** Length of the vectors; must match the database column. Default 256. */
  dimensions?: number
}

const defaults = { dimensions: 256 } satisfies Required<LocalEmbeddingsOptions>
// Embedding runs on the main thread in embedded mode; a 2,048-value call takes ~250 ms, so it
// yields between slices to keep chat turns and socket heartbeats flowing during ingestion.
const SLICE = 256

/**
 * The embedded-mode embedding model: deterministic feature hashing of stemmed, synonym-normalised
 * words, computed in-process without network or model files. Same text, same vector, on every
 * machine and release, so stored vectors stay valid as long as the analysis does not change.
 *
 * @example
 * ```ts
 * const model = createLocalEmbeddings()
 * const { embeddings } = await model.doEmbed({ values: ['When are you open on Saturday?'] })
 * embeddings[0]!.length // 256
 * ```
 */
export function createLocalEmbeddings(options: LocalEmbeddingsOptions = {}): EmbeddingModel {
  const dimensions = options.dimensions ?? defaults.dimensions
  if (!Number.isInteger(dimensions) || dimensions < 2 || dimensions > 16_384) {
    throw new RangeError(`dimensions must be an integer from 2 to 16384, got ${dimensions}`)
  }
  return {
    provider: 'local',
    // v2: terms are language-aware concepts; stored vectors of v1 are re-indexed at start.
    modelId: `hashed-${dimensions}-v2`,
    dimensions,
    maxEmbeddingsPerCall: 2048,
    async doEmbed({ values, abortSignal }) {
      const embeddings: number[][] = []
      for (let start = 0; start < values.length; start += SLICE) {
        if (start > 0) await nextTurn()
        abortSignal?.throwIfAborted()
        for (const value of values.slice(start, start + SLICE)) {
          embeddings.push(hashedVector(value, dimensions))
        }
      }
      abortSignal?.throwIfAborted()
      return { embeddings }
    },
  }
}
