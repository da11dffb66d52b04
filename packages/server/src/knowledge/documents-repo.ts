import type {
  DocumentKind,
  DocumentStatus,
  ErrorBody,
  InventoryFeedSummary,
  KnowledgeDocument,
} from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'

interface DocumentRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  title: string | null
  filename: string | null
  kind: DocumentKind
  size_bytes: number
  status: DocumentStatus
  progress: number
  chunk_count: number
  error: ErrorBody | null
  attempts: number
  created_at: Date
  updated_at: Date
  inventory: InventoryFeedSummary | string | null
}

const COLUMNS =
  'id, tenant_id, title, filename, kind, size_bytes, status, progress, chunk_count, error, attempts, created_at, updated_at, inventory'

export const toKnowledgeDocument = (r: DocumentRow): KnowledgeDocument => ({
  id: r.id,
  title: displayTitle(r.title, r.filename),
  filename: r.filename,
  kind: r.kind,
  sizeBytes: r.size_bytes,
  status: r.status,
  progress: r.status === 'ready' ? 1 : Math.min(1, Math.max(0, r.progress)),
  chunkCount: r.chunk_count,
  error: r.error,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  inventory: typeof r.inventory === 'string' ? JSON.parse(r.inventory) : r.inventory,
})

/** What a citation and a listing call a document: its title, else its file name. */
export function displayTitle(title: string | null, filename: string | null): string {
  return title ?? filename ?? 'Untitled document'
}

export interface NewDocument {
  id: string
  tenantId: string
  title: string | null
  filename: string | null
  kind: DocumentKind
  contentType: string | null
  sha256: Buffer
  sizeBytes: number
}

/**
 * Stores a document, queued. Returns `null` when this tenant already has a document
 * with the same content (the unique (tenant_id, sha256) constraint decides, so concurrent
 * uploads of one file still store it once).
 */
export async function insertDocument(
  db: Queryable,
  doc: NewDocument,
): Promise<KnowledgeDocument | null> {
  const [row] = await db.query<DocumentRow>(
    `insert into documents (id, tenant_id, title, filename, kind, content_type, sha256, size_bytes)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (tenant_id, sha256) do nothing
     returning ${COLUMNS}`,
    [
      doc.id,
      doc.tenantId,
      doc.title,
      doc.filename,
      doc.kind,
      doc.contentType,
      doc.sha256,
      doc.sizeBytes,
    ],
  )
  return row ? toKnowledgeDocument(row) : null
}

export async function findDocumentBySha(
  db: Queryable,
  tenantId: string,
  sha256: Buffer,
): Promise<KnowledgeDocument | null> {
  const [row] = await db.query<DocumentRow>(
    `select ${COLUMNS} from documents where tenant_id = $1 and sha256 = $2`,
    [tenantId, sha256],
  )
  return row ? toKnowledgeDocument(row) : null
}

export async function findDocument(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<KnowledgeDocument | null> {
  const [row] = await db.query<DocumentRow>(
    `select ${COLUMNS} from documents where tenant_id = $1 and id = $2`,
    [tenantId, id],
  )
  return row ? toKnowledgeDocument(row) : null
}

export async function listDocuments(db: Queryable, tenantId: string): Promise<KnowledgeDocument[]> {
  const rows = await db.query<DocumentRow>(
    `select ${COLUMNS} from documents where tenant_id = $1 order by created_at desc, id desc`,
    [tenantId],
  )
  return rows.map(toKnowledgeDocument)
}

/** Deletes a document; its source and chunks go with it (foreign keys cascade). */
export async function deleteDocument(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<boolean> {
  const rows = await db.query(
    'delete from documents where tenant_id = $1 and id = $2 returning id',
    [tenantId, id],
  )
  return rows.length > 0
}

/**
 * Queues a processed (ready or failed) document again, with a fresh count of attempts; its
 * chunks stay searchable until the new ones replace them. `null` when it is not in that state.
 */
export async function requeueDocument(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<KnowledgeDocument | null> {
  const [row] = await db.query<DocumentRow>(
    `update documents
       set status = 'queued', attempts = 0, progress = 0, error = null, lease_expires_at = null,
           updated_at = now()
     where tenant_id = $1 and id = $2 and status in ('ready', 'failed')
     returning ${COLUMNS}`,
    [tenantId, id],
  )
  return row ? toKnowledgeDocument(row) : null
}
