import { setTimeout as delay } from 'node:timers/promises'
import { Pinecone } from '@pinecone-database/pinecone'
import {
  type ExternalVectorStore,
  type VectorHit,
  type VectorItem,
  VectorStoreError,
} from './index.ts'

export interface PineconeVectorsSettings {
  apiKey: string
  /** The index's name. */
  index: string
  /** The index's data-plane host; unset, the client looks it up by name (describe index). */
  host?: string | undefined
  /** The control-plane URL; Pinecone's own (https://api.pinecone.io) by default. */
  controllerUrl?: string | undefined
  /** Longest wait for one HTTP request. */
  timeoutMs?: number | undefined
  /** Retries of a 5xx answer, by the client with backoff. */
  maxRetries?: number | undefined
  /** Retries of a 429 answer, after waiting what its Retry-After asks (up to maxRetryAfterMs). */
  rateLimitRetries?: number | undefined
  maxRetryAfterMs?: number | undefined
  fetch?: typeof fetch | undefined
}

// Pinecone's limits for one upsert: 1,000 vectors and 2 MB of request body. Leave some margin.
const MAX_UPSERT_VECTORS = 1000
const MAX_UPSERT_BYTES = 1_800_000
// Ids per delete request, and per page of a listing.
const MAX_DELETE_IDS = 1000
const LIST_PAGE = 100
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * A vector's id: its document, then its chunk. Listing by the document's prefix finds every
 * vector of a document, which is how a document is deleted (serverless indexes cannot delete by
 * metadata filter).
 */
export const vectorId = (documentId: string, chunkId: string) => `${documentId}#${chunkId}`

function chunkIdOf(id: unknown): string | undefined {
  if (typeof id !== 'string') return undefined
  const chunkId = id.slice(id.indexOf('#') + 1)
  return UUID.test(chunkId) ? chunkId : undefined
}

/** Seconds from a Retry-After header: a number of seconds or an HTTP date. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000)
}

/**
 * The fetch the Pinecone client calls: each request gets a deadline, and a 429 is retried after
 * the wait its Retry-After names (the client retries 5xx itself, but not 429). A 429 that stays,
 * or asks for a longer wait, becomes a `rate_limited` VectorStoreError carrying that wait.
 */
function guardedFetch(settings: Required<Omit<PineconeVectorsSettings, 'host' | 'controllerUrl'>>) {
  const { fetch: baseFetch, timeoutMs, rateLimitRetries, maxRetryAfterMs } = settings
  return async function pineconeFetch(url: string | URL | Request, init?: RequestInit) {
    for (let attempt = 0; ; attempt++) {
      const timeout = AbortSignal.timeout(timeoutMs)
      const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
      let response: Response
      try {
        response = await baseFetch(url, { ...init, signal })
      } catch (err) {
        if (timeout.aborted) {
          throw new VectorStoreError('timeout', `Pinecone did not answer within ${timeoutMs} ms.`, {
            cause: err,
          })
        }
        throw err
      }
      if (response.status !== 429) return response
      const wait = retryAfterSeconds(response.headers.get('retry-after'))
      const waitMs = (wait ?? 1) * 1000
      if (attempt >= rateLimitRetries || waitMs > maxRetryAfterMs) {
        await response.body?.cancel()
        throw new VectorStoreError(
          'rate_limited',
          `Pinecone is rate limiting requests (429)${wait === undefined ? '' : `; it asks to wait ${Math.ceil(wait)} s`}.`,
          { retryAfterSeconds: wait },
        )
      }
      await response.body?.cancel()
      await delay(waitMs)
    }
  }
}

/** The reason behind whatever the client threw, as a VectorStoreError. */
function asVectorStoreError(err: unknown, what: string): VectorStoreError {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (VectorStoreError.isInstance(e)) return e
  }
  const name = (err as Error)?.name
  const detail = (err as Error)?.message ?? String(err)
  switch (name) {
    case 'PineconeAuthorizationError':
      return new VectorStoreError(
        'unauthorized',
        `Pinecone refused the API key while ${what} (401); check PINECONE_API_KEY.`,
        { cause: err },
      )
    case 'PineconeNotFoundError':
      return new VectorStoreError(
        'not_found',
        `Pinecone has no such index while ${what} (404); check PINECONE_INDEX and PINECONE_HOST.`,
        { cause: err },
      )
    case 'PineconeBadRequestError':
    case 'PineconeUnprocessableEntityError':
    case 'PineconeArgumentError':
      return new VectorStoreError(
        'rejected',
        `Pinecone rejected the request while ${what}: ${detail}`,
        {
          cause: err,
        },
      )
    case 'PineconeMaxRetriesExceededError':
      return new VectorStoreError(
        'unavailable',
        `Pinecone is unavailable while ${what}: it kept answering with server errors (5xx), retries included.`,
        { cause: err },
      )
    case 'PineconeInternalServerError':
    case 'PineconeUnavailableError':
    case 'PineconeConnectionError':
    case 'PineconeUnmappedHttpError':
      return new VectorStoreError(
        'unavailable',
        `Pinecone is unavailable while ${what}: ${detail}`,
        {
          cause: err,
        },
      )
    default:
      // The client could not read the answer (not JSON, or not the documented shape).
      return new VectorStoreError(
        'malformed',
        `Pinecone sent an answer that could not be read while ${what}: ${detail}`,
        { cause: err },
      )
  }
}

async function guard<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    throw asVectorStoreError(err, what)
  }
}

/** Splits records into upserts within Pinecone's count and size limits. */
function upsertBatches<T extends { id: string; values: number[] }>(records: T[]): T[][] {
  const batches: T[][] = []
  let batch: T[] = []
  let bytes = 0
  for (const record of records) {
    const size = record.id.length + JSON.stringify(record.values).length + 32
    if (
      batch.length > 0 &&
      (batch.length >= MAX_UPSERT_VECTORS || bytes + size > MAX_UPSERT_BYTES)
    ) {
      batches.push(batch)
      batch = []
      bytes = 0
    }
    batch.push(record)
    bytes += size
  }
  if (batch.length > 0) batches.push(batch)
  return batches
}

/**
 * Chunk vectors in a Pinecone index through the official client, one namespace per tenant (the
 * namespace is the tenant's id). The index's metric should be cosine (dotproduct is the same for
 * our unit-length vectors), its dimension the embedding model's.
 *
 * @example
 * ```ts
 * const vectors = createPineconeVectors({ apiKey: process.env.PINECONE_API_KEY!, index: 'dealers' })
 * const hits = await vectors.query(tenantId, embedding, 20)
 * ```
 */
export function createPineconeVectors(settings: PineconeVectorsSettings): ExternalVectorStore {
  const options = {
    timeoutMs: 10_000,
    maxRetries: 2,
    rateLimitRetries: 2,
    maxRetryAfterMs: 5_000,
    fetch: globalThis.fetch,
    ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
  } as Required<PineconeVectorsSettings>
  const client = new Pinecone({
    apiKey: options.apiKey,
    ...(options.controllerUrl ? { controllerHostUrl: options.controllerUrl } : {}),
    maxRetries: options.maxRetries,
    fetchApi: guardedFetch(options) as typeof fetch,
    sourceTag: 'avataradam',
  })
  const namespace = (tenantId: string) =>
    client.index({
      name: options.index,
      ...(options.host ? { host: options.host } : {}),
      namespace: tenantId,
    })

  async function idsOf(tenantId: string, documentId: string): Promise<string[]> {
    const ids: string[] = []
    let paginationToken: string | undefined
    do {
      const page = await namespace(tenantId).listPaginated({
        prefix: `${documentId}#`,
        limit: LIST_PAGE,
        ...(paginationToken ? { paginationToken } : {}),
      })
      const vectors = page.vectors ?? []
      if (!Array.isArray(vectors)) throw new Error('the listing holds no vectors array')
      for (const v of vectors) if (typeof v?.id === 'string') ids.push(v.id)
      paginationToken = page.pagination?.next
    } while (paginationToken)
    return ids
  }

  return {
    provider: 'pinecone',
    indexName: options.index,

    async upsert(tenantId, documentId, items: readonly VectorItem[], { abortSignal } = {}) {
      const records = items.map((item) => ({
        id: vectorId(documentId, item.chunkId),
        values: [...item.vector],
      }))
      for (const batch of upsertBatches(records)) {
        abortSignal?.throwIfAborted()
        await guard('storing vectors', () => namespace(tenantId).upsert({ records: batch }))
      }
    },

    async query(tenantId, vector, topK): Promise<VectorHit[]> {
      const result = await guard('searching', () =>
        namespace(tenantId).query({ vector: [...vector], topK, includeValues: false }),
      )
      const matches = (result as { matches?: unknown }).matches ?? []
      if (!Array.isArray(matches)) {
        throw new VectorStoreError('malformed', 'Pinecone answered a query without a matches list.')
      }
      const hits: VectorHit[] = []
      for (const match of matches as { id?: unknown; score?: unknown }[]) {
        const chunkId = chunkIdOf(match?.id)
        if (!chunkId || typeof match.score !== 'number' || !Number.isFinite(match.score)) {
          throw new VectorStoreError(
            'malformed',
            `Pinecone answered a query with a match that is not one of ours: ${JSON.stringify(match).slice(0, 120)}`,
          )
        }
        hits.push({ chunkId, score: match.score })
      }
      return hits
    },

    async deleteDocument(tenantId, documentId) {
      const ids = await guard('listing a document’s vectors', () => idsOf(tenantId, documentId))
      for (let start = 0; start < ids.length; start += MAX_DELETE_IDS) {
        const batch = ids.slice(start, start + MAX_DELETE_IDS)
        await guard('deleting vectors', () => namespace(tenantId).deleteMany({ ids: batch }))
      }
    },

    async describe() {
      const model = await guard('describing the index', () => client.describeIndex(options.index))
      if (typeof model?.dimension !== 'number') {
        throw new VectorStoreError(
          'malformed',
          `Pinecone described index ${options.index} without a dimension.`,
        )
      }
      return { name: model.name ?? options.index, dimension: model.dimension, metric: model.metric }
    },
  }
}
