import type OpenAI from 'openai'
import { citedChunkIds, groundedPrompt } from './grounded-prompt.ts'
import type { AnswerModel, AnswerPart, AnswerRequest } from './index.ts'

export interface OpenAIAnswererOptions {
  /** Client of the OpenAI API, OpenRouter, or any OpenAI-compatible server. */
  client: OpenAI
  model: string
  /** Provider name for logs: `openai`, `openrouter`, `openai-compatible`. */
  provider: string
  /** Longest wait for the first token, and between two tokens. */
  timeoutMs: number
}

/** The model went quiet for longer than the timeout. */
export class ModelTimeoutError extends Error {
  override name = 'ModelTimeoutError'
}

/**
 * Streams answers from a chat-completions model, grounded in the retrieved passages (see
 * groundedPrompt), then reports the passages it cited. Retries on 429 (honouring Retry-After),
 * 5xx and dropped connections are the `openai` client's, set by its `maxRetries`.
 *
 * @example
 * ```ts
 * const model = createOpenAIAnswerer({
 *   client: new OpenAI({ apiKey, baseURL: 'http://localhost:11434/v1', maxRetries: 2 }),
 *   model: 'llama3.1', provider: 'openai-compatible', timeoutMs: 20_000,
 * })
 * ```
 */
export function createOpenAIAnswerer(options: OpenAIAnswererOptions): AnswerModel {
  const { client, model, provider, timeoutMs } = options
  return {
    provider,
    modelId: model,
    async *doStream(request: AnswerRequest): AsyncGenerator<AnswerPart> {
      // Aborted by the turn (visitor gone, shutdown) or by the silence timer below.
      const quiet = new AbortController()
      const signal = request.abortSignal
        ? AbortSignal.any([request.abortSignal, quiet.signal])
        : quiet.signal
      let timer: NodeJS.Timeout | undefined
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(
          () => quiet.abort(new ModelTimeoutError(`${model} sent nothing for ${timeoutMs} ms`)),
          timeoutMs,
        )
      }
      arm()
      let text = ''
      let finished = false
      try {
        const stream = await client.chat.completions.create(
          { model, messages: groundedPrompt(request), stream: true },
          { signal },
        )
        for await (const chunk of stream) {
          arm()
          const choice = chunk.choices[0]
          // OpenRouter reports a failure mid-stream as finish_reason "error": not an answer.
          if ((choice?.finish_reason as string | null | undefined) === 'error') {
            throw new Error(`${model} failed in the middle of its answer`)
          }
          if (choice?.finish_reason) finished = true
          const delta = choice?.delta?.content
          if (delta) {
            text += delta
            yield { type: 'text', text: delta }
          }
        }
      } catch (err) {
        // The silence timer's reason is clearer than the client's generic abort error.
        if (quiet.signal.aborted) throw quiet.signal.reason
        throw err
      } finally {
        clearTimeout(timer)
      }
      // The client ends an aborted stream quietly, and a connection cut mid-answer looks like the
      // end of the stream: neither may pass for a finished answer.
      signal.throwIfAborted()
      if (!finished) throw new Error(`${model}'s stream ended before the answer was finished`)
      yield { type: 'sources', chunkIds: citedChunkIds(text, request.passages) }
    },
  }
}
