import { setImmediate as yieldToEventLoop } from 'node:timers/promises'
import type { Db } from '../db/index.ts'
import { newId } from '../ids.ts'
import type { EmbeddingModel } from '../providers/embeddings/index.ts'
import type { VectorStore } from '../providers/vectors/index.ts'
import {
  type ClaimedDocument,
  completeDocument,
  type IndexedChunk,
  renewClaim,
} from './ingestion-repo.ts'
import { DocumentParseError } from './parse/types.ts'
import type { DocumentParser } from './parser-pool.ts'
import type { SourceStore } from './source-store.ts'

export interface IngestContext {
  db: Db
  embeddings: EmbeddingModel
  vectors: VectorStore
  parser: DocumentParser
  sources: SourceStore
  leaseSeconds: number
  signal: AbortSignal
}

/** Why a job stopped without finishing: its claim is gone (deleted, or taken over) or it was told to stop. */
export class IngestionInterrupted extends Error {
  override name = 'IngestionInterrupted'
}

// Bounds the memory and the time one document can take (a 25 MB CSV can be 250,000 rows).
const MAX_CHUNKS = 20_000
const MAX_VEHICLES = 20_000

/**
 * Parse → chunk → embed → index one claimed document, reporting progress as it goes (parsing
 * counts for the first tenth, embedding for most of the rest). Throws DocumentParseError for an
 * unreadable file, IngestionInterrupted when the work should simply stop.
 */
export async function ingestDocument(ctx: IngestContext, doc: ClaimedDocument): Promise<void> {
  const { db, embeddings, vectors, parser, sources, leaseSeconds, signal } = ctx
  const checkpoint = async (progress: number) => {
    if (signal.aborted) throw new IngestionInterrupted('stopping')
    if (!(await renewClaim(db, doc, progress, leaseSeconds))) {
      throw new IngestionInterrupted('the document was deleted or claimed by another worker')
    }
  }

  const bytes = await db.tenant(doc.tenantId, (tx) =>
    sources.load(tx, { tenantId: doc.tenantId, documentId: doc.id }),
  )
  if (!bytes) throw new IngestionInterrupted('the document was deleted')
  const parsed = await parser.parse(
    { bytes, kind: doc.kind, filename: doc.filename ?? undefined },
    signal,
  )
  const drafts = parsed.chunks
  if (drafts.length > MAX_CHUNKS) {
    throw new DocumentParseError(
      `The document holds ${drafts.length} passages; at most ${MAX_CHUNKS} fit in one document. Split it into smaller files.`,
    )
  }
  const vehicleCount = parsed.inventory?.vehicles.length ?? 0
  if (vehicleCount > MAX_VEHICLES) {
    throw new DocumentParseError(
      `The inventory feed holds ${vehicleCount} vehicles; at most ${MAX_VEHICLES} fit in one feed. Split it into smaller files.`,
    )
  }
  await checkpoint(0.1)

  const chunks: IndexedChunk[] = []
  const batchSize = Math.min(128, embeddings.maxEmbeddingsPerCall)
  for (let start = 0; start < drafts.length; start += batchSize) {
    const batch = drafts.slice(start, start + batchSize)
    const { embeddings: embedded } = await embeddings.doEmbed({
      values: batch.map((d) => (d.heading ? `${d.heading}\n${d.content}` : d.content)),
      abortSignal: signal,
    })
    for (const [i, draft] of batch.entries()) {
      chunks.push({ ...draft, id: newId(), embedding: embedded[i]! })
    }
    await checkpoint(0.1 + (0.85 * chunks.length) / drafts.length)
    // Local embedding is CPU work: let chat turns run between batches.
    await yieldToEventLoop()
  }

  if (vectors.provider !== 'pgvector') {
    // Vectors first, rows second: the document turns 'ready' only once its vectors are stored,
    // and a failure here (thrown as VectorStoreError) leaves it for the worker to retry or fail.
    // An earlier attempt's vectors (other chunk ids) are removed first.
    await vectors.deleteDocument(doc.tenantId, doc.id)
    await vectors.upsert(
      doc.tenantId,
      doc.id,
      chunks.map((c) => ({ chunkId: c.id, vector: c.embedding })),
      { abortSignal: signal },
    )
    await checkpoint(0.97)
  }

  const done = await db.tenant(doc.tenantId, (tx) =>
    completeDocument(tx, db.capabilities, doc, {
      chunks,
      title: parsed.title,
      inventory: parsed.inventory,
      facts: parsed.facts,
      words: parsed.words,
    }),
  )
  if (!done) throw new IngestionInterrupted('the document was deleted or claimed by another worker')
}
