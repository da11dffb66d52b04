/**
 * Where chunk vectors are kept and searched. By default they live in Postgres's `chunks` table
 * (pgvector's HNSW index, or an exact scan without the extension), written with the chunk rows
 * and searched in the same SQL as full text. An external store keeps them in one namespace per
 * tenant instead; the chunk rows (text, and a copy of the vector) stay in Postgres.
 */
export type VectorStore = PostgresVectors | ExternalVectorStore

/** Vectors in the chunks table: nothing to call, the SQL does it all. */
export interface PostgresVectors {
  readonly provider: 'pgvector'
}

/** One chunk's vector, as stored. */
export interface VectorItem {
  chunkId: string
  vector: readonly number[]
}

/** A nearest chunk: its id and cosine similarity to the question. */
export interface VectorHit {
  chunkId: string
  score: number
}

/** What the store says about its index. */
export interface VectorIndexDescription {
  name: string
  dimension: number
  metric: string
}

/**
 * A vector service outside Postgres. Every call is scoped to one tenant's namespace, so a query
 * can never return another tenant's vectors. Failures throw {@link VectorStoreError}.
 */
export interface ExternalVectorStore {
  /** A literal per vendor, so `provider === 'pgvector'` tells the two kinds apart. */
  readonly provider: 'pinecone'
  /** The index the vectors live in; another index holds none of them. */
  readonly indexName: string
  /** Stores (or replaces) a document's chunk vectors, in batches the service accepts. */
  upsert(
    tenantId: string,
    documentId: string,
    items: readonly VectorItem[],
    options?: { abortSignal?: AbortSignal },
  ): Promise<void>
  /** The `topK` chunks nearest to `vector` in the tenant's namespace, nearest first. */
  query(tenantId: string, vector: readonly number[], topK: number): Promise<VectorHit[]>
  /** Removes every vector of the document; nothing to remove is not an error. */
  deleteDocument(tenantId: string, documentId: string): Promise<void>
  /** The index's dimension and metric (doctor, start-up check). */
  describe(): Promise<VectorIndexDescription>
}

/** Why a vector store call failed. */
export type VectorStoreFailure =
  | 'unauthorized'
  | 'not_found'
  | 'rejected'
  | 'rate_limited'
  | 'unavailable'
  | 'timeout'
  | 'malformed'

const RETRYABLE: ReadonlySet<VectorStoreFailure> = new Set([
  'rate_limited',
  'unavailable',
  'timeout',
  'malformed',
])

const MARKER = Symbol.for('avataradam.VectorStoreError')

/**
 * A failed call to a vector store, with a reason a caller can act on: `retryable` reasons may
 * pass on their own (ingestion tries again later), the others need the operator.
 *
 * @example
 * ```ts
 * throw new VectorStoreError('timeout', 'Pinecone did not answer within 10000 ms')
 * ```
 */
export class VectorStoreError extends Error {
  override name = 'VectorStoreError'
  readonly reason: VectorStoreFailure
  /** Seconds the service asked us to wait (429 Retry-After). */
  readonly retryAfterSeconds: number | undefined
  readonly [MARKER] = true

  constructor(
    reason: VectorStoreFailure,
    message: string,
    options: { retryAfterSeconds?: number | undefined; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause })
    this.reason = reason
    this.retryAfterSeconds = options.retryAfterSeconds
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.reason)
  }

  static isInstance(value: unknown): value is VectorStoreError {
    return typeof value === 'object' && value !== null && MARKER in value
  }
}

/**
 * Describes the store's index and checks it fits the embeddings: the same dimension, and a metric
 * that ranks unit vectors by cosine. Throws a `rejected` VectorStoreError naming the fix.
 */
export async function checkVectorIndex(
  store: ExternalVectorStore,
  dimensions: number,
): Promise<VectorIndexDescription> {
  const index = await store.describe()
  if (index.dimension !== dimensions) {
    throw new VectorStoreError(
      'rejected',
      `The ${store.provider} index ${index.name} holds ${index.dimension}-dimensional vectors, but the embedding model makes ${dimensions}. Create an index of dimension ${dimensions} (metric cosine), or set EMBEDDINGS_DIMENSIONS to ${index.dimension}.`,
    )
  }
  if (index.metric && !['cosine', 'dotproduct'].includes(index.metric)) {
    throw new VectorStoreError(
      'rejected',
      `The ${store.provider} index ${index.name} uses the ${index.metric} metric; create one with metric cosine.`,
    )
  }
  return index
}
