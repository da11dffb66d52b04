import type { EmbeddingsConfig } from '../../config/index.ts'
import { createOpenAIClient } from '../openai-client.ts'
import type { EmbeddingModel } from './index.ts'
import { createLocalEmbeddings } from './local-embeddings.ts'
import { createOpenAIEmbeddings } from './openai-embeddings.ts'

/** The embedding model the configuration names. */
export function embeddingsFromConfig(
  config: EmbeddingsConfig,
  options: { maxRetries?: number; timeoutMs?: number } = {},
): EmbeddingModel {
  if (config.provider === 'local') return createLocalEmbeddings({ dimensions: config.dimensions })
  const client = createOpenAIClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    maxRetries: options.maxRetries ?? 2,
    timeoutMs: options.timeoutMs ?? 60_000,
  })
  return createOpenAIEmbeddings({ client, model: config.model, dimensions: config.dimensions })
}
