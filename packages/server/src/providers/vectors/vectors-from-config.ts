import type { VectorsConfig } from '../../config/index.ts'
import type { VectorStore } from './index.ts'
import { createPineconeVectors } from './pinecone-vectors.ts'

/** The vector store the configuration names. */
export function vectorsFromConfig(config: VectorsConfig): VectorStore {
  if (config.provider === 'pgvector') return { provider: 'pgvector' }
  return createPineconeVectors({
    apiKey: config.apiKey,
    index: config.index,
    host: config.host,
    controllerUrl: config.controllerUrl,
    timeoutMs: config.timeoutMs,
  })
}
