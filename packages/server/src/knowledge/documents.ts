import { createHash } from 'node:crypto'
import type { DocumentAccepted, KnowledgeDocument } from '@avataradam/sdk/protocol'
import { type AuditContext, recordAudit } from '../audit/audit-log.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { Logger } from '../logger.ts'
import type { ExternalVectorStore } from '../providers/vectors/index.ts'
import {
  deleteDocument,
  findDocument,
  findDocumentBySha,
  insertDocument,
  listDocuments,
  requeueDocument,
} from './documents-repo.ts'
import { detectKind } from './parse/detect-kind.ts'
import type { SourceStore } from './source-store.ts'
import { deleteRecordedVectors, recordVectorDeletion } from './vector-deletions.ts'

export interface Upload {
  bytes: Uint8Array
  filename: string | null
  contentType: string | null
  title?: string | undefined
}

export interface DocumentService {
  /** Stores an upload and queues it; identical content already there is returned instead. */
  accept(tenantId: string, upload: Upload, audit?: AuditContext): Promise<DocumentAccepted>
  get(tenantId: string, id: string): Promise<KnowledgeDocument>
  list(tenantId: string): Promise<KnowledgeDocument[]>
  /**
   * Deletes the document and every chunk of it, so no answer can cite it again. With an external
   * vector store its vectors are deleted too; should the store fail, the deletion is recorded and
   * retried later (vectors without their chunk are never returned meanwhile).
   */
  delete(tenantId: string, id: string, audit?: AuditContext): Promise<void>
  /**
   * Processes a document again from its stored upload (after a parser or embedding change); its
   * current chunks keep answering until the new ones replace them. Already queued: unchanged.
   * `conflict` while it is being processed.
   */
  reindex(tenantId: string, id: string, audit?: AuditContext): Promise<KnowledgeDocument>
}

/**
 * The knowledge base as the REST routes see it. Accepting only stores the bytes: the ingestion
 * worker, told through `events.queued`, does the slow part, so an upload is answered at once.
 */
export function createDocumentService(
  db: Db,
  sources: SourceStore,
  events: {
    queued(document: { id: string; tenantId: string }): void
    deleted(tenantId: string): void
  },
  vectors?: { store: ExternalVectorStore; log: Logger; retrySeconds: number },
): DocumentService {
  const notFound = (id: string) => new AppError('not_found', `No document with id ${id}.`)
  return {
    async accept(tenantId, upload, audit) {
      if (upload.bytes.byteLength === 0) {
        throw new AppError('invalid_request', 'The file is empty.', { details: { field: 'file' } })
      }
      const kind = detectKind(upload)
      if (!kind) {
        throw new AppError(
          'unsupported_document_type',
          'Upload plain text, Markdown, HTML, PDF, DOCX, or an inventory feed as CSV or XLSX.',
        )
      }
      const sha256 = createHash('sha256').update(upload.bytes).digest()
      const ref = { tenantId, documentId: newId() }
      let saved = false
      try {
        const result = await db.tenant(tenantId, async (tx) => {
          const created = await insertDocument(tx, {
            id: ref.documentId,
            tenantId,
            title: upload.title ?? null,
            filename: upload.filename,
            kind,
            contentType: upload.contentType,
            sha256,
            sizeBytes: upload.bytes.byteLength,
          })
          if (created) {
            await sources.save(tx, ref, upload.bytes)
            saved = true
            if (audit) {
              await recordAudit(tx, {
                tenantId,
                ...audit,
                action: 'document.uploaded',
                target: created.id,
                details: {
                  filename: upload.filename,
                  title: upload.title ?? null,
                  kind,
                  sizeBytes: upload.bytes.byteLength,
                },
              })
            }
            return { id: created.id, status: created.status, duplicate: false }
          }
          const existing = await findDocumentBySha(tx, tenantId, sha256)
          return { id: existing!.id, status: existing!.status, duplicate: true }
        })
        if (!result.duplicate) events.queued({ id: result.id, tenantId })
        return result
      } catch (err) {
        // The transaction rolled back: bytes saved outside the database must go with it.
        if (saved) await sources.remove(ref).catch(() => {})
        throw err
      }
    },

    async get(tenantId, id) {
      const doc = await db.tenant(tenantId, (tx) => findDocument(tx, tenantId, id))
      if (!doc) throw notFound(id)
      return doc
    },

    list(tenantId) {
      return db.tenant(tenantId, (tx) => listDocuments(tx, tenantId))
    },

    async delete(tenantId, id, audit) {
      const deleted = await db.tenant(tenantId, async (tx) => {
        const doc = audit ? await findDocument(tx, tenantId, id) : null
        if (!(await deleteDocument(tx, tenantId, id))) return false
        if (vectors) await recordVectorDeletion(tx, tenantId, id)
        if (audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'document.deleted',
            target: id,
            details: { title: doc?.title ?? null, filename: doc?.filename ?? null },
          })
        }
        return true
      })
      if (!deleted) throw notFound(id)
      await sources.remove({ tenantId, documentId: id })
      if (vectors) {
        await deleteRecordedVectors(
          db,
          vectors.store,
          vectors.log,
          { tenantId, documentId: id },
          vectors.retrySeconds,
        )
      }
      events.deleted(tenantId)
    },

    async reindex(tenantId, id, audit) {
      const doc = await db.tenant(tenantId, async (tx) => {
        const current = await findDocument(tx, tenantId, id)
        if (!current) throw notFound(id)
        if (current.status === 'queued') return current
        if (current.status === 'processing') {
          throw new AppError(
            'conflict',
            'The document is being processed right now; try again once it is done.',
          )
        }
        if (!(await sources.load(tx, { tenantId, documentId: id }))) {
          throw new AppError(
            'conflict',
            "The document's upload is no longer stored; upload it again.",
          )
        }
        const requeued = await requeueDocument(tx, tenantId, id)
        if (!requeued) {
          throw new AppError(
            'conflict',
            'The document is being processed right now; try again once it is done.',
          )
        }
        if (audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'document.reindexed',
            target: id,
            details: { title: requeued.title, previousStatus: current.status },
          })
        }
        return requeued
      })
      events.queued({ id, tenantId })
      return doc
    },
  }
}
