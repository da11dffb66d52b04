import type { DocumentKind, ErrorBody } from '@avataradam/sdk/protocol'
import type { DbCapabilities, Queryable } from '../db/index.ts'
import type { ExtractedFacts } from '../facts/extract/index.ts'
import { replaceDocumentFacts } from '../facts/facts-repo.ts'
import type { InventoryFeed } from '../inventory/read-inventory.ts'
import { replaceVehicles } from '../inventory/vehicles-repo.ts'
import { vectorLiteral, vectorType } from './vector-sql.ts'

/** A document a worker has claimed. `attempt` fences its writes: a lost claim writes nothing. */
export interface ClaimedDocument {
  id: string
  tenantId: string
  kind: DocumentKind
  filename: string | null
  title: string | null
  attempt: number
}

interface ClaimRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  kind: DocumentKind
  filename: string | null
  title: string | null
  attempts: number
}

/**
 * Claims the oldest queued document, or one whose worker stopped renewing its lease (crashed),
 * across all tenants. `skip locked` lets any number of workers claim without waiting on each other.
 */
export async function claimNextDocument(
  db: Queryable,
  leaseSeconds: number,
  /** Only this document (a BullMQ job's), if it can be claimed. */
  documentId?: string,
): Promise<ClaimedDocument | null> {
  const [row] = await db.query<ClaimRow>(
    `update documents d
       set status = 'processing', attempts = d.attempts + 1, progress = 0, error = null,
           lease_expires_at = now() + make_interval(secs => $1), updated_at = now()
     from (select id from documents
           where (status = 'queued' or (status = 'processing' and lease_expires_at < now()))
             and ($2::uuid is null or id = $2)
           order by created_at limit 1 for update skip locked) next
     where d.id = next.id
     returning d.id, d.tenant_id, d.kind, d.filename, d.title, d.attempts`,
    [leaseSeconds, documentId ?? null],
  )
  return row
    ? {
        id: row.id,
        tenantId: row.tenant_id,
        kind: row.kind,
        filename: row.filename,
        title: row.title,
        attempt: row.attempts,
      }
    : null
}

/** Ends every claim now: for a single-process database (PGlite), where no other worker can hold one. */
export async function expireAllLeases(db: Queryable): Promise<number> {
  const rows = await db.query(
    `update documents set lease_expires_at = now() - interval '1 second'
     where status = 'processing' returning id`,
  )
  return rows.length
}

/** Records progress and extends the claim; false when the claim was lost or the document deleted. */
export async function renewClaim(
  db: Queryable,
  doc: ClaimedDocument,
  progress: number,
  leaseSeconds: number,
): Promise<boolean> {
  const rows = await db.query(
    `update documents
       set progress = greatest(progress, $3),
           -- Never shortens a lease: a document told to wait (retryLater) keeps its wait.
           lease_expires_at = greatest(lease_expires_at, now() + make_interval(secs => $4)),
           updated_at = now()
     where id = $1 and attempts = $2 and status = 'processing' returning id`,
    [doc.id, doc.attempt, progress, leaseSeconds],
  )
  return rows.length > 0
}

/** Puts a claimed document back in the queue (on shutdown), not counting the attempt. */
export async function releaseClaim(db: Queryable, doc: ClaimedDocument): Promise<void> {
  await db.query(
    `update documents
       set status = 'queued', attempts = attempts - 1, lease_expires_at = null, progress = 0,
           updated_at = now()
     where id = $1 and attempts = $2 and status = 'processing'`,
    [doc.id, doc.attempt],
  )
}

/**
 * Leaves a claimed document to be claimed again after `seconds` (its lease runs out then), with
 * the reason in its error meanwhile. The attempt counts.
 */
export async function retryLater(
  db: Queryable,
  doc: ClaimedDocument,
  seconds: number,
  error: ErrorBody,
): Promise<void> {
  await db.query(
    `update documents
       set error = $3::text::jsonb, lease_expires_at = now() + make_interval(secs => $4),
           progress = 0, updated_at = now()
     where id = $1 and attempts = $2 and status = 'processing'`,
    [doc.id, doc.attempt, JSON.stringify(error), seconds],
  )
}

export async function failDocument(
  db: Queryable,
  doc: ClaimedDocument,
  error: ErrorBody,
): Promise<void> {
  await db.query(
    `update documents
       set status = 'failed', error = $3::text::jsonb, lease_expires_at = null, progress = 0,
           updated_at = now()
     where id = $1 and attempts = $2 and status = 'processing'`,
    [doc.id, doc.attempt, JSON.stringify(error)],
  )
}

export interface IndexedChunk {
  /** Chosen before storing, so an external vector store can hold the same id. */
  id: string
  heading: string | null
  content: string
  embedding: number[]
}

const INSERT_BATCH = 500

/** What processing a document produced, stored together. */
export interface DocumentContent {
  chunks: IndexedChunk[]
  title: string | null
  inventory: InventoryFeed | null
  facts: ExtractedFacts
  words: string[]
}

/**
 * Replaces the document's chunks, vehicles and facts and marks it ready, in the caller's
 * transaction, so answers see either the old content or the new, never a mix. False when the
 * claim was lost meanwhile.
 */
export async function completeDocument(
  tx: Queryable,
  caps: DbCapabilities,
  doc: ClaimedDocument,
  content: DocumentContent,
): Promise<boolean> {
  const { chunks, title, inventory, facts, words } = content
  const held = await tx.query(
    `select id from documents where id = $1 and attempts = $2 and status = 'processing' for update`,
    [doc.id, doc.attempt],
  )
  if (held.length === 0) return false
  await tx.query('delete from chunks where document_id = $1', [doc.id])
  for (let start = 0; start < chunks.length; start += INSERT_BATCH) {
    const batch = chunks.slice(start, start + INSERT_BATCH)
    await tx.query(
      `insert into chunks (id, tenant_id, document_id, ordinal, heading, content, embedding)
       select id, $1, $2, ordinal, heading, content, embedding::${vectorType(caps)}
       from unnest($3::uuid[], $4::int[], $5::text[], $6::text[], $7::text[])
         as t (id, ordinal, heading, content, embedding)`,
      [
        doc.tenantId,
        doc.id,
        batch.map((c) => c.id),
        batch.map((_, i) => start + i),
        batch.map((c) => c.heading),
        batch.map((c) => c.content),
        batch.map((c) => vectorLiteral(c.embedding, caps)),
      ],
    )
  }
  await replaceVehicles(tx, doc.tenantId, doc.id, inventory?.vehicles ?? [])
  await replaceDocumentFacts(tx, doc.tenantId, doc.id, facts, words)
  await tx.query(
    `update documents
       set status = 'ready', progress = 1, chunk_count = $2, title = coalesce(title, $3),
           inventory = $4::text::jsonb, error = null, lease_expires_at = null, updated_at = now()
     where id = $1`,
    [doc.id, chunks.length, title, inventory ? JSON.stringify(inventory.summary) : null],
  )
  return true
}
