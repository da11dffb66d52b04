import { createHash } from 'node:crypto'
import type { DocumentAccepted, KnowledgeDocument } from '@avataradam/sdk/protocol'
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
  accept(tenantId: string, upload: Upload): Promise<DocumentAccepted>
  get(tenantId: string, id: string): Promise<KnowledgeDocument>
  list(tenantId: string): Promise<KnowledgeDocument[]>
  /**
   * Deletes the document and every chunk of it, so no answer can cite it again. With an external
   * vector store its vectors are deleted too; should the store fail, the deletion is recorded and
   * retried later (vectors without their chunk are never returned meanwhile).
   */
  delete(tenantId: string, id: string): Promise<void>
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
    async accept(tenantId, upload) {
      if (upload.bytes.byteLength === 0) {
        throw new AppError('invalid_request', 'The file is empty.', { details: { field: 'file' } })
      }
      const kind = detectKind(upload)
      if (!kind) {
        throw new AppError(
          'unsupported_document_type',
          'Upload plain text, Markdown, HTML, PDF, DOCX or a CSV inventory file.',
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

    async delete(tenantId, id) {
      const deleted = await db.tenant(tenantId, async (tx) => {
        if (!(await deleteDocument(tx, tenantId, id))) return false
        if (vectors) await recordVectorDeletion(tx, tenantId, id)
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
  }
}
