import type { Queryable } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import type { ExternalVectorStore } from '../providers/vectors/index.ts'

/** Records that a document's vectors must leave the external store (in the deleting transaction). */
export async function recordVectorDeletion(
  tx: Queryable,
  tenantId: string,
  documentId: string,
): Promise<void> {
  await tx.query(
    `insert into vector_deletions (document_id, tenant_id) values ($1, $2)
     on conflict (document_id) do update set next_attempt_at = now()`,
    [documentId, tenantId],
  )
}

/**
 * Deletes one document's vectors from the store and forgets the record; on failure the record
 * stays, with the error and a later time to try again (`retrySeconds`, doubling up to an hour).
 * True when done.
 */
export async function deleteRecordedVectors(
  db: Queryable,
  store: ExternalVectorStore,
  log: Logger,
  deletion: { tenantId: string; documentId: string },
  retrySeconds = 30,
): Promise<boolean> {
  try {
    await store.deleteDocument(deletion.tenantId, deletion.documentId)
  } catch (err) {
    log.warn(
      { err, ...deletion },
      'could not delete a document’s vectors: kept in vector_deletions, to try again',
    )
    await db
      .query(
        `update vector_deletions
           set attempts = attempts + 1, last_error = $2,
               next_attempt_at = now() + make_interval(secs => least(3600, $3 * power(2, attempts)))
         where document_id = $1`,
        [deletion.documentId, (err as Error).message, retrySeconds],
      )
      .catch(() => {})
    return false
  }
  await db.query('delete from vector_deletions where document_id = $1', [deletion.documentId])
  return true
}

/** Retries the recorded deletions that are due, across tenants (the ingestion worker's poll). */
export async function sweepVectorDeletions(
  db: Queryable,
  store: ExternalVectorStore,
  log: Logger,
  retrySeconds = 30,
  limit = 50,
): Promise<{ deleted: number; pending: number }> {
  const due = await db.query<{ document_id: string; tenant_id: string }>(
    `select document_id, tenant_id from vector_deletions where next_attempt_at <= now()
     order by next_attempt_at limit $1`,
    [limit],
  )
  let deleted = 0
  for (const row of due) {
    const done = await deleteRecordedVectors(
      db,
      store,
      log,
      {
        tenantId: row.tenant_id,
        documentId: row.document_id,
      },
      retrySeconds,
    )
    if (done) deleted++
  }
  return { deleted, pending: due.length - deleted }
}
