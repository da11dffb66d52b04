import type { SttConfig } from '../../config/index.ts'
import { createOpenAIClient } from '../openai-client.ts'
import type { Transcriber } from './index.ts'
import { createOpenAITranscriber } from './openai-transcriber.ts'

/** The transcriber the configuration names; undefined when the browser transcribes. */
export function transcriberFromConfig(
  config: SttConfig,
  options: { maxRetries?: number } = {},
): Transcriber | undefined {
  if (config.provider === 'browser') return undefined
  const client = createOpenAIClient({
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    maxRetries: options.maxRetries ?? config.maxRetries,
    timeoutMs: config.timeoutMs,
  })
  return createOpenAITranscriber({ client, model: config.model, timeoutMs: config.timeoutMs })
}
