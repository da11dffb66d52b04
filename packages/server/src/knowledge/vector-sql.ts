import type { DbCapabilities } from '../db/index.ts'

/**
 * Embeddings travel as text literals cast in SQL: `[…]` for pgvector, `{…}` for real[] (the exact
 * scan used where pgvector is missing). Six decimals keep cosine order and halve the payload.
 */
export function vectorLiteral(embedding: readonly number[], caps: DbCapabilities): string {
  const body = embedding.map((x) => Math.round(x * 1e6) / 1e6).join(',')
  return caps.vector ? `[${body}]` : `{${body}}`
}

/** The SQL type a vector literal is cast to. */
export function vectorType(caps: DbCapabilities): string {
  return caps.vector ? 'vector' : 'real[]'
}
