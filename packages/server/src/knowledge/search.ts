import type { Db, DbCapabilities, Queryable } from '../db/index.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import type { Passage } from '../providers/llm/index.ts'
import { displayTitle } from './documents-repo.ts'
import { vectorLiteral } from './vector-sql.ts'

/** A retrieved passage with its fused rank score. */
export interface ScoredPassage extends Passage {
  score: number
}

/** A question made ready to search: its embedding and the words full-text search skips. */
export interface PreparedQuery {
  text: string
  embedding: number[]
  commonLexemes: string[]
}

export interface SearchService {
  /** The tenant's passages that best answer `query`, best first. Never another tenant's. */
  search(tenantId: string, query: string, options?: { limit?: number }): Promise<ScoredPassage[]>
  /**
   * The work that needs no transaction. Done before opening one: PGlite has a single
   * connection, so nothing outside a transaction may run while it is open.
   */
  prepare(query: string): Promise<PreparedQuery>
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
// A word in more chunks than this is left out of full-text search (see avataradam_text_search).
const COMMON_IN_CHUNKS = 200
const COMMON_REFRESH_MS = 60_000
// The usual constant of reciprocal rank fusion: damps the head so both lists count.
const RRF_K = 60

/**
 * Cosine distance between a chunk's embedding column and the question, as SQL. With pgvector it
 * is the `<=>` operator (and its HNSW index). Without it, a dot product over the question's
 * non-zero components only ($6 their positions, $7 their weights): a question is short, so its
 * vector is sparse, and looking up those components beats multiplying all of them.
 */
function distanceSql(column: string, caps: DbCapabilities): string {
  return caps.vector
    ? `${column} <=> $6::vector`
    : `1 - (select sum(${column}[i] * w) from unnest($6::int[], $7::real[]) as q (i, w))`
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
 * tenant_id filters.
 */
export function createSearchService(db: Db, embeddings: EmbeddingModel): SearchService {
  let common: { lexemes: string[]; at: number } | undefined
  let refreshing: Promise<string[]> | undefined

  /** The corpus-wide common words, from statistics read at most once a minute. */
  function commonLexemes(): Promise<string[]> | string[] {
    if (common && Date.now() - common.at < COMMON_REFRESH_MS) return common.lexemes
    refreshing ??= db
      .query<{ lexemes: string[] }>('select avataradam_common_lexemes($1) as lexemes', [
        COMMON_IN_CHUNKS,
      ])
      .then(([row]) => {
        common = { lexemes: row?.lexemes ?? [], at: Date.now() }
        return common.lexemes
      })
      .finally(() => {
        refreshing = undefined
      })
    // Serve the previous list while a new one is read; wait only the first time.
    return common?.lexemes ?? refreshing
  }

  async function prepare(text: string): Promise<PreparedQuery> {
    const {
      embeddings: [embedding],
    } = await embeddings.doEmbed({ values: [text] })
    return { text, embedding: embedding!, commonLexemes: await commonLexemes() }
  }

  async function searchIn(
    tx: Queryable,
    tenantId: string,
    query: PreparedQuery,
    options: { limit?: number } = {},
  ): Promise<ScoredPassage[]> {
    const limit = Math.min(Math.max(options.limit ?? 6, 1), 50)
    const distance = distanceSql('embedding', db.capabilities)
    const rows = await tx.query<SearchRow>(
      `with vec as (
         select id, dist, row_number() over (order by dist) as r
         from (select id, ${distance} as dist from chunks
               where tenant_id = $1 order by dist limit $3) v
       ),
       txt as (
         select id, row_number() over (order by rank desc) as r
         from avataradam_text_search($2::text, $5::text[], $3::int)
       ),
       hits as (select id from vec union select id from txt)
       select c.id, c.document_id, d.title, d.filename, c.heading, c.content,
              (coalesce(1.0 / (${RRF_K} + vec.r), 0) + coalesce(1.0 / (${RRF_K} + txt.r), 0))::float8 as score,
              coalesce(vec.dist, ${distanceSql('c.embedding', db.capabilities)})::float8 as distance,
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
        query.commonLexemes,
        ...distanceParams(query.embedding, db.capabilities),
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
      const query = await prepare(text)
      return db.tenant(tenantId, (tx) => searchIn(tx, tenantId, query, options))
    },
    prepare,
    searchIn,
  }
}
