import type { Logger } from '../../logger.ts'
import type { AnswerModel, AnswerPart, AnswerRequest } from './index.ts'

/**
 * Tries each model in turn until one answers: a model that fails (refused key, rate limit past its
 * retries, timeout, garbled stream, a connection cut midway) hands the question to the next. The
 * last is normally the embedded answerer, so a visitor always gets an answer. A model that fails
 * after it started answering is followed by a `restart` part: the turn voids what was streamed
 * (the visitor's client replaces it), so nobody reads half an answer and then another.
 */
export function createFallbackAnswerer(
  models: AnswerModel[],
  log: Logger,
  /** Told of every model failure, whether or not the next model answers (metrics). */
  onError?: (provider: string) => void,
): AnswerModel {
  const [first] = models
  if (!first) throw new Error('createFallbackAnswerer needs at least one model')
  return {
    provider: first.provider,
    modelId: models.map((m) => m.modelId).join(' → '),
    async *doStream(request: AnswerRequest): AsyncGenerator<AnswerPart> {
      for (const [i, model] of models.entries()) {
        let started = false
        try {
          for await (const part of model.doStream(request)) {
            started = true
            yield part
          }
          return
        } catch (err) {
          if (!request.abortSignal?.aborted) onError?.(model.provider)
          if (request.abortSignal?.aborted || i === models.length - 1) throw err
          log.warn(
            {
              err,
              provider: model.provider,
              model: model.modelId,
              next: models[i + 1]!.modelId,
              started,
            },
            started
              ? 'model failed in the middle of its answer; answering again with the next'
              : 'model failed before answering; trying the next',
          )
          if (started) yield { type: 'restart' }
        }
      }
    },
  }
}
