import type { Db, DbCapabilities, Queryable } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import type { Passage } from '../providers/llm/index.ts'
import type { VectorHit, VectorStore } from '../providers/vectors/index.ts'
import { displayTitle } from './documents-repo.ts'
import { vectorLiteral } from './vector-sql.ts'

/** A retrieved passage with its fused rank score. */
export interface ScoredPassage extends Passage {
  score: number
}

/** A question made ready to search: its text and embedding, and an external store's hits. */
export interface PreparedQuery {
  text: string
  embedding: number[]
  /**
   * The nearest chunks by an external vector store (Pinecone), nearest first; empty when it
   * failed (the search is then full text only). Absent with pgvector, searched in the SQL.
   */
  vectorHits?: VectorHit[]
}

export interface SearchService {
  /** The tenant's passages that best answer `query`, best first. Never another tenant's. */
  search(tenantId: string, query: string, options?: { limit?: number }): Promise<ScoredPassage[]>
  /**
   * The work that needs no transaction (embedding, and an external vector store's query), done
   * before opening one.
   */
  prepare(tenantId: string, query: string): Promise<PreparedQuery>
  /** The search itself, inside a transaction already scoped to the tenant (a chat turn's reads). */
  searchIn(
    tx: Queryable,
    tenantId: string,
    query: PreparedQuery,
    options?: { limit?: number },
  ): Promise<ScoredPassage[]>
}

// How many candidates each of the two searches contributes before fusion.
const CANDIDATES = 20
// The usual constant of reciprocal rank fusion: damps the head so both lists count.
const RRF_K = 60

/**
 * Cosine distance between a chunk's embedding column and the question, as SQL, the question's
 * parameters starting at `$p`. With pgvector it is the `<=>` operator (and its HNSW index).
 * Without it, a dot product over the question's non-zero components only ($p their positions,
 * $p+1 their weights): a question is short, so its vector is sparse, and looking up those
 * components beats multiplying all of them.
 */
function distanceSql(column: string, caps: DbCapabilities, p = 5): string {
  return caps.vector
    ? `${column} <=> $${p}::vector`
    : `1 - (select sum(${column}[i] * w) from unnest($${p}::int[], $${p + 1}::real[]) as q (i, w))`
}

/** The question's embedding as query parameters for {@link distanceSql}. */
function distanceParams(embedding: readonly number[], caps: DbCapabilities): unknown[] {
  if (caps.vector) return [vectorLiteral(embedding, caps)]
  const positions: number[] = []
  const weights: number[] = []
  embedding.forEach((w, i) => {
    if (w !== 0) {
      positions.push(i + 1)
      weights.push(w)
    }
  })
  return [positions, weights]
}

interface SearchRow extends Record<string, unknown> {
  id: string
  document_id: string
  title: string | null
  filename: string | null
  heading: string | null
  content: string
  score: number
  distance: number
  text_match: boolean
}

/**
 * Hybrid retrieval: the nearest chunks by embedding and the best full-text matches, each ranked,
 * then fused by reciprocal rank. Runs in the tenant's scope, so row-level security backs up the
 * tenant_id filters. The nearest chunks come from the chunks table (pgvector, or an exact scan)
 * or, with an external `vectors` store, from its query in the tenant's namespace; should that
 * query fail, the search goes on with the full-text half alone and `log` gets a warning.
 */
export function createSearchService(
  db: Db,
  embeddings: EmbeddingModel,
  vectors: VectorStore = { provider: 'pgvector' },
  log?: Logger,
  /** Told when the vector store fails a query (metrics). */
  onVectorError?: (provider: string) => void,
): SearchService {
  async function prepare(tenantId: string, text: string): Promise<PreparedQuery> {
    const {
      embeddings: [embedding],
    } = await embeddings.doEmbed({ values: [text] })
    if (vectors.provider === 'pgvector') return { text, embedding: embedding! }
    try {
      const vectorHits = await vectors.query(tenantId, embedding!, CANDIDATES)
      return { text, embedding: embedding!, vectorHits }
    } catch (err) {
      onVectorError?.(vectors.provider)
      // A chat turn still answers, from the full-text half: better than no answer at all.
      log?.warn(
        { err, tenantId, vectorStore: vectors.provider },
        'vector search failed: answering from full-text matches only',
      )
      return { text, embedding: embedding!, vectorHits: [] }
    }
  }

  async function searchIn(
    tx: Queryable,
    tenantId: string,
    query: PreparedQuery,
    options: { limit?: number } = {},
  ): Promise<ScoredPassage[]> {
    const limit = Math.min(Math.max(options.limit ?? 6, 1), 50)
    const caps = db.capabilities
    const external = query.vectorHits
    // The vector half: from the chunks table, or the external store's hits (their similarity
    // as distance). Hits whose chunk is gone (or belongs to no chunk of this tenant) drop out
    // at the join below.
    const vecSql = external
      ? `select id, (1 - score) as dist, r from unnest($5::uuid[], $6::float8[])
           with ordinality as v (id, score, r)`
      : `select id, dist, row_number() over (order by dist) as r
         from (select id, ${distanceSql('embedding', caps)} as dist from chunks
               where tenant_id = $1 order by dist limit $3) v`
    const p = external ? 7 : 5
    const rows = await tx.query<SearchRow>(
      `with vec as (${vecSql}),
       txt as (
         select id, row_number() over (order by rank desc) as r
         from avataradam_text_search($2::text, $3::int)
       ),
       hits as (select id from vec union select id from txt)
       select c.id, c.document_id, d.title, d.filename, c.heading, c.content,
              (coalesce(1.0 / (${RRF_K} + vec.r), 0) + coalesce(1.0 / (${RRF_K} + txt.r), 0))::float8 as score,
              coalesce(vec.dist, ${distanceSql('c.embedding', caps, p)})::float8 as distance,
              txt.id is not null as text_match
       from hits
       join chunks c on c.id = hits.id
       join documents d on d.id = c.document_id
       left join vec on vec.id = c.id
       left join txt on txt.id = c.id
       where c.tenant_id = $1
       order by score desc, c.id
       limit $4`,
      [
        tenantId,
        query.text,
        CANDIDATES,
        limit,
        ...(external ? [external.map((h) => h.chunkId), external.map((h) => h.score)] : []),
        ...distanceParams(query.embedding, caps),
      ],
    )
    return rows.map((r) => ({
      chunkId: r.id,
      documentId: r.document_id,
      title: displayTitle(r.title, r.filename),
      heading: r.heading,
      text: r.content,
      score: r.score,
      similarity: 1 - r.distance,
      textMatch: r.text_match,
    }))
  }

  return {
    async search(tenantId, text, options) {
      const query = await prepare(tenantId, text)
      return db.tenant(tenantId, (tx) => searchIn(tx, tenantId, query, options))
    },
    prepare,
    searchIn,
  }
}
