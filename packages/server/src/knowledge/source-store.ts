import { randomUUID } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import type { Queryable } from '../db/index.ts'

export interface SourceRef {
  tenantId: string
  documentId: string
}

/**
 * Where the bytes of uploaded documents live until (and after) they are processed: kept so that
 * a document is processed after a restart, and can be processed again.
 */
export interface SourceStore {
  /** Stores a document's bytes durably, inside the transaction that stores the document. */
  save(tx: Queryable, ref: SourceRef, bytes: Uint8Array): Promise<void>
  load(tx: Queryable, ref: SourceRef): Promise<Uint8Array | null>
  /** Deletes the bytes of a document whose row was deleted (rows cascade by themselves). */
  remove(ref: SourceRef): Promise<void>
}

/** In PostgreSQL, beside the document: shared by every instance and worker, with no setup. */
export function createDatabaseSourceStore(): SourceStore {
  return {
    async save(tx, ref, bytes) {
      await tx.query(
        'insert into document_sources (document_id, tenant_id, content) values ($1, $2, $3)',
        [ref.documentId, ref.tenantId, bytes],
      )
    },
    async load(tx, ref) {
      const [row] = await tx.query<{ content: Uint8Array }>(
        'select content from document_sources where document_id = $1 and tenant_id = $2',
        [ref.documentId, ref.tenantId],
      )
      return row?.content ?? null
    },
    async remove() {},
  }
}

/**
 * In a folder, one file per document under its tenant's folder. Far faster than the database for
 * large files, so it is the embedded default (the folder sits beside the PGlite data); with
 * several instances the folder must be shared by all of them.
 */
export function createFileSourceStore(dir: string): SourceStore {
  const fileOf = (ref: SourceRef) => path.join(dir, ref.tenantId, ref.documentId)
  return {
    async save(_tx, ref, bytes) {
      const file = fileOf(ref)
      await mkdir(path.dirname(file), { recursive: true })
      const temp = `${file}.${randomUUID()}.tmp`
      const handle = await open(temp, 'w')
      try {
        await handle.writeFile(bytes)
        // Durable before the upload is acknowledged: a crash after the 202 must not lose it.
        await handle.sync()
      } finally {
        await handle.close()
      }
      await rename(temp, file)
    },
    async load(_tx, ref) {
      try {
        return await readFile(fileOf(ref))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw err
      }
    },
    async remove(ref) {
      await rm(fileOf(ref), { force: true })
    },
  }
}

/** Where uploads are kept, as the configuration says: a folder, or the database. */
export function sourceStoreFromConfig(
  uploads: { kind: 'files'; dir: string } | { kind: 'database' },
): SourceStore {
  return uploads.kind === 'files' ? createFileSourceStore(uploads.dir) : createDatabaseSourceStore()
}
