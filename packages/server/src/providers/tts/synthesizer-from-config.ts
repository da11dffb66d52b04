import type { TtsConfig } from '../../config/index.ts'
import { createElevenLabsSynthesizer } from './elevenlabs-synthesizer.ts'
import type { SpeechSynthesizer } from './index.ts'

/** The synthesizer the configuration names; undefined when the browser speaks. */
export function synthesizerFromConfig(
  config: TtsConfig,
  options: { maxRetries?: number } = {},
): SpeechSynthesizer | undefined {
  if (config.provider === 'browser') return undefined
  return createElevenLabsSynthesizer({
    apiKey: config.apiKey,
    voiceId: config.voiceId,
    model: config.model,
    baseUrl: config.baseUrl,
    timeoutMs: config.timeoutMs,
    maxRetries: options.maxRetries ?? config.maxRetries,
  })
}
