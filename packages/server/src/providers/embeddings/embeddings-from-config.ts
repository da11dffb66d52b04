import OpenAI from 'openai'
import type { EmbeddingsConfig } from '../../config/index.ts'
import type { EmbeddingModel } from './index.ts'
import { createLocalEmbeddings } from './local-embeddings.ts'
import { createOpenAIEmbeddings } from './openai-embeddings.ts'

/** The embedding model the configuration names. */
export function embeddingsFromConfig(
  config: EmbeddingsConfig,
  options: { maxRetries?: number; timeoutMs?: number } = {},
): EmbeddingModel {
  if (config.provider === 'local') return createLocalEmbeddings({ dimensions: config.dimensions })
  const client = new OpenAI({
    apiKey: config.apiKey ?? 'none',
    baseURL: config.baseUrl ?? null,
    organization: null,
    project: null,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 60_000,
  })
  return createOpenAIEmbeddings({ client, model: config.model, dimensions: config.dimensions })
}
