import type { Db, DbCapabilities, Queryable } from '../db/index.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import type { Passage } from '../providers/llm/index.ts'
import { displayTitle } from './documents-repo.ts'
import { vectorLiteral } from './vector-sql.ts'

/** A retrieved passage with its fused rank score. */
export interface ScoredPassage extends Passage {
  score: number
}

export interface SearchService {
  /** The tenant's passages that best answer `query`, best first. Never another tenant's. */
  search(tenantId: string, query: string, options?: { limit?: number }): Promise<ScoredPassage[]>
  /** The same, inside a transaction already scoped to the tenant (a chat turn's reads). */
  searchIn(
    tx: Queryable,
    tenantId: string,
    query: string,
    options?: { limit?: number },
  ): Promise<ScoredPassage[]>
}

// How many candidates each of the two searches contributes before fusion.
const CANDIDATES = 20
// The usual constant of reciprocal rank fusion: damps the head so both lists count.
const RRF_K = 60

/**
 * Cosine distance between each chunk and the question, as SQL. With pgvector it is the `<=>`
 * operator (and its HNSW index). Without it, a dot product written out over the question's
 * non-zero components only: the question is short, so its vector is sparse, and indexing into
 * the array beats multiplying every component (a hundred times faster than unnest()).
 */
function distanceSql(embedding: readonly number[], caps: DbCapabilities): string {
  if (caps.vector) return 'embedding <=> $5::vector'
  const terms = embedding.flatMap((w, i) =>
    w === 0 ? [] : [`embedding[${i + 1}] * ${Number(w.toFixed(6))}`],
  )
  return terms.length > 0 ? `1 - (${terms.join(' + ')})` : '1'
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
 * tenant_id filters.
 */
export function createSearchService(db: Db, embeddings: EmbeddingModel): SearchService {
  async function searchIn(
    tx: Queryable,
    tenantId: string,
    query: string,
    options: { limit?: number } = {},
  ): Promise<ScoredPassage[]> {
    const limit = Math.min(Math.max(options.limit ?? 6, 1), 50)
    const {
      embeddings: [embedding],
    } = await embeddings.doEmbed({ values: [query] })
    const distance = distanceSql(embedding!, db.capabilities)
    const rows = await tx.query<SearchRow>(
      `with vec as (
         select id, dist, row_number() over (order by dist) as r
         from (select id, ${distance} as dist from chunks
               where tenant_id = $1 order by dist limit $3) v
       ),
       txt as (
         select id, row_number() over (order by rank desc) as r
         from avataradam_text_search($2::text, $3::int)
       ),
       hits as (select id from vec union select id from txt)
       select c.id, c.document_id, d.title, d.filename, c.heading, c.content,
              (coalesce(1.0 / (${RRF_K} + vec.r), 0) + coalesce(1.0 / (${RRF_K} + txt.r), 0))::float8 as score,
              coalesce(vec.dist, ${distance.replaceAll('embedding', 'c.embedding')})::float8 as distance,
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
        query,
        CANDIDATES,
        limit,
        ...(db.capabilities.vector ? [vectorLiteral(embedding!, db.capabilities)] : []),
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
    search: (tenantId, query, options) =>
      db.tenant(tenantId, (tx) => searchIn(tx, tenantId, query, options)),
    searchIn,
  }
}
