import OpenAI from 'openai'

/**
 * A client of the OpenAI API or a compatible one (OpenRouter, Ollama, vLLM), for every provider
 * that speaks it. Local servers take any key, but the client insists on one. It never sends the
 * operator's OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment: a dealership's own endpoint
 * must not receive them.
 */
export function createOpenAIClient(options: {
  apiKey: string | undefined
  /** null or undefined: OpenAI's own API. */
  baseUrl: string | null | undefined
  maxRetries: number
  timeoutMs?: number | undefined
}): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey ?? 'none',
    baseURL: options.baseUrl ?? null,
    organization: null,
    project: null,
    maxRetries: options.maxRetries,
    ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
  })
}
