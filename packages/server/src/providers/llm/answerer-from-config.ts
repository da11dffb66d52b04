import type OpenAI from 'openai'
import type { LlmConfig } from '../../config/index.ts'
import type { Logger } from '../../logger.ts'
import { createOpenAIClient } from '../openai-client.ts'
import { createFallbackAnswerer } from './fallback-answerer.ts'
import type { AnswerModel } from './index.ts'
import { createOpenAIAnswerer } from './openai-answerer.ts'

type ModelApi = Exclude<LlmConfig, { provider: 'embedded' }>

/** Where a provider's API is when no base URL is given (null: the client's, OpenAI's). */
export function defaultBaseUrl(provider: ModelApi['provider']): string | null {
  return provider === 'openrouter' ? 'https://openrouter.ai/api/v1' : null
}

/** A client of the configured model API (OpenAI, OpenRouter, or an OpenAI-compatible server). */
export function openAIClient(llm: ModelApi, options: { maxRetries?: number } = {}): OpenAI {
  return createOpenAIClient({
    apiKey: llm.apiKey,
    baseUrl: llm.baseUrl ?? defaultBaseUrl(llm.provider),
    maxRetries: options.maxRetries ?? llm.maxRetries,
  })
}

/**
 * The answer model the configuration names: the embedded answerer alone, or the configured model,
 * then its fallback model, then the embedded answerer, so that a visitor always gets an answer.
 */
export function answererFromConfig(
  llm: LlmConfig,
  log: Logger,
  /** The built-in answerer, last in every chain. */
  embedded: AnswerModel,
  onError?: (provider: string) => void,
): AnswerModel {
  if (llm.provider === 'embedded') return embedded
  const client = openAIClient(llm)
  const models = [llm.model, llm.fallbackModel]
    .filter((model): model is string => Boolean(model))
    .map((model) =>
      createOpenAIAnswerer({ client, model, provider: llm.provider, timeoutMs: llm.timeoutMs }),
    )
  return createFallbackAnswerer([...models, embedded], log.child({ component: 'llm' }), onError)
}
