import type OpenAI from 'openai'
import type { EmbeddingModel } from './index.ts'

export interface OpenAIEmbeddingsOptions {
  client: OpenAI
  /** Such as `text-embedding-3-small`. */
  model: string
  /** Length of the vectors (text-embedding-3 models shorten theirs on request). */
  dimensions: number
}

/**
 * Embeddings from OpenAI's API (or a compatible server), batched up to the API's 2,048 inputs per
 * call. Retries on 429 and 5xx are the `openai` client's. Vectors are scaled to unit length, as
 * the search's dot product expects.
 *
 * @example
 * ```ts
 * const model = createOpenAIEmbeddings({ client: new OpenAI({ apiKey }), model: 'text-embedding-3-small', dimensions: 256 })
 * ```
 */
export function createOpenAIEmbeddings(options: OpenAIEmbeddingsOptions): EmbeddingModel {
  const { client, model, dimensions } = options
  return {
    provider: 'openai',
    modelId: model,
    dimensions,
    maxEmbeddingsPerCall: 2048,
    async doEmbed({ values, abortSignal }) {
      if (values.length === 0) return { embeddings: [] }
      const response = await client.embeddings.create(
        { model, input: values, dimensions, encoding_format: 'float' },
        { signal: abortSignal },
      )
      const embeddings: (number[] | undefined)[] = Array.from({ length: values.length })
      for (const item of response.data) {
        const { index } = item
        if (!Number.isInteger(index) || index < 0 || index >= values.length || embeddings[index]) {
          throw new Error(
            `${model} returned an embedding for a text it was not sent (index ${index})`,
          )
        }
        if (item.embedding.length !== dimensions) {
          throw new Error(
            `${model} returned ${item.embedding.length} dimensions, not ${dimensions}`,
          )
        }
        embeddings[index] = unit(item.embedding)
      }
      const missing = embeddings.indexOf(undefined)
      if (missing >= 0) {
        throw new Error(`${model} returned no embedding for text ${missing} of ${values.length}`)
      }
      return { embeddings: embeddings as number[][] }
    },
  }
}

function unit(vector: number[]): number[] {
  const norm = Math.hypot(...vector)
  return norm > 0 ? vector.map((x) => x / norm) : vector
}
