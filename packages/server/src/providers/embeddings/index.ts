/**
 * Turns text into vectors for similarity search. One interface, vendors beside it; the composition
 * root picks one from the configuration.
 */
export interface EmbeddingModel {
  readonly provider: string
  readonly modelId: string
  /** Length of every vector this model returns. */
  readonly dimensions: number
  /** How many values one {@link EmbeddingModel.doEmbed} call accepts. */
  readonly maxEmbeddingsPerCall: number
  /** Embeds each value; vectors are unit length, so a dot product is their cosine similarity. */
  doEmbed(options: { values: string[]; abortSignal?: AbortSignal }): Promise<{
    embeddings: number[][]
  }>
}
