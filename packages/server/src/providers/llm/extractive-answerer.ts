import { composeAnswer } from './compose-answer.ts'
import type { AnswerModel, AnswerPart, AnswerRequest } from './index.ts'

/**
 * The embedded-mode answer model: no language model, no network. It quotes the sentences and list
 * lines of the retrieved passages that best cover the question (or lists matching vehicles from
 * inventory passages), and says plainly when the passages do not cover it. It never writes a fact
 * of its own; the only words not copied from a passage are fixed phrases such as the lead-in.
 *
 * @example
 * ```ts
 * const model = createExtractiveAnswerer()
 * for await (const part of model.doStream({ question, history: [], passages, dealershipName })) {
 *   if (part.type === 'text') process.stdout.write(part.text)
 * }
 * ```
 */
export function createExtractiveAnswerer(): AnswerModel {
  return {
    provider: 'embedded',
    modelId: 'extractive',
    doStream: streamExtractiveAnswer,
  }
}

async function* streamExtractiveAnswer(request: AnswerRequest): AsyncGenerator<AnswerPart> {
  const { parts, chunkIds } = composeAnswer(request)
  for (const text of parts) {
    request.abortSignal?.throwIfAborted()
    yield { type: 'text', text }
  }
  yield { type: 'sources', chunkIds }
}
