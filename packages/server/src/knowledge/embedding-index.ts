import type { Db } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import { checkVectorIndex, type VectorStore, VectorStoreError } from '../providers/vectors/index.ts'

/**
 * Which model made the stored vectors (vectors of two models cannot be compared), and where they
 * are searched (a store switched to holds none of them yet).
 */
interface IndexedWith {
  provider: string
  modelId: string
  dimensions: number
  /** `pgvector`, or `pinecone:<index>`; absent in records made before it was recorded. */
  vectors?: string
}

// Every index made before the model was recorded was made by the local model at 256 dimensions.
const BEFORE_RECORDING: IndexedWith = { provider: 'local', modelId: 'hashed-256', dimensions: 256 }
const LOCK = 0x41_76_45_6d

/**
 * Makes the stored vectors match the configured embedding model and vector store. When the model
 * (or its dimensions, or the store) changed since the documents were indexed, their passages are
 * deleted and every document goes back to the ingestion queue, to be embedded again from its
 * stored source (and each document's old vectors in an external store replaced); the vector
 * column takes the new length. An external store's index must have the model's dimension: a
 * mismatch (or a refused key, or no such index) stops the start with what to fix; a store that is
 * merely unreachable is logged, and ingestion retries later. Returns how many documents were
 * queued again. Change the model with every instance stopped: one still running the old model
 * would index with it.
 */
export async function ensureEmbeddingIndex(
  db: Db,
  model: EmbeddingModel,
  log: Logger,
  vectors: VectorStore = { provider: 'pgvector' },
): Promise<number> {
  let vectorsName = 'pgvector'
  if (vectors.provider !== 'pgvector') {
    vectorsName = `${vectors.provider}:${vectors.indexName}`
    try {
      const index = await checkVectorIndex(vectors, model.dimensions)
      log.info({ vectorStore: vectors.provider, index }, 'vector index checked')
    } catch (err) {
      if (!VectorStoreError.isInstance(err) || !err.retryable) throw err
      log.warn(
        { err, vectorStore: vectors.provider },
        'the vector store is unreachable: its index could not be checked; ingestion will retry',
      )
    }
  }
  const current: IndexedWith = {
    provider: model.provider,
    modelId: model.modelId,
    dimensions: model.dimensions,
    vectors: vectorsName,
  }
  return db.transaction(async (tx) => {
    // Instances starting together: one re-indexes, the others then find the model recorded.
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK])
    const [row] = await tx.query<{ value: IndexedWith }>(
      `select value from system_settings where key = 'embeddings'`,
    )
    const [chunks] = await tx.query<{ any: boolean }>('select exists (select from chunks) as any')
    const previous = row?.value ?? (chunks?.any ? BEFORE_RECORDING : null)
    const same =
      previous?.provider === current.provider &&
      previous.modelId === current.modelId &&
      previous.dimensions === current.dimensions &&
      (previous.vectors ?? 'pgvector') === current.vectors
    let queued = 0
    if (previous && !same) {
      // Nothing is deleted until the new model has answered: a wrong key or model name stops the
      // start with its error and leaves the old index as it was.
      await probe(model)
      await tx.query('delete from chunks')
      const requeued = await tx.query(
        `update documents set status = 'queued', progress = 0, chunk_count = 0, error = null,
                attempts = 0, lease_expires_at = null, updated_at = now()
         where status <> 'failed' returning id`,
      )
      queued = requeued.length
      log.warn(
        { from: previous, to: current, documents: queued },
        'the embedding model or vector store changed: every document is queued to be indexed again',
      )
    }
    if (db.capabilities.vector && (previous?.dimensions ?? 256) !== current.dimensions) {
      await tx.query(`alter table chunks alter column embedding type vector(${current.dimensions})`)
    }
    if (!same) {
      await tx.query(
        `insert into system_settings (key, value) values ('embeddings', $1::text::jsonb)
         on conflict (key) do update set value = excluded.value, updated_at = now()`,
        [JSON.stringify(current)],
      )
    }
    return queued
  })
}

async function probe(model: EmbeddingModel): Promise<void> {
  try {
    const { embeddings } = await model.doEmbed({ values: ['When are you open on Saturday?'] })
    if (embeddings[0]?.length !== model.dimensions) throw new Error('wrong vector length')
  } catch (err) {
    throw new Error(
      `The embedding model changed to ${model.provider} ${model.modelId} (${model.dimensions} dimensions), but it does not answer: ${(err as Error).message}. Nothing was re-indexed; fix EMBEDDINGS_* and start again.`,
    )
  }
}
