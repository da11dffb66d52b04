import type { KnowledgeDocument } from '@avataradam/sdk/protocol'
import type { RunningServer } from '../../src/server.ts'
import { eventually } from './chat.ts'
import { api } from './server.ts'

export function form(
  name: string,
  content: string | Uint8Array,
  type = '',
  title?: string,
): FormData {
  const data = new FormData()
  data.set('file', new File([content as BlobPart], name, { type }))
  if (title) data.set('title', title)
  return data
}

/** Uploads a document and waits until it is ready (or failed). */
export async function uploadAndWait(
  server: RunningServer,
  secretKey: string,
  name: string,
  content: string | Uint8Array,
): Promise<KnowledgeDocument> {
  const res = await api(server, secretKey, 'POST', '/v1/documents', form(name, content))
  if (res.status !== 202 && res.status !== 200)
    throw new Error(`upload failed: ${JSON.stringify(res.body)}`)
  return waitForDocument(server, secretKey, res.body.id)
}

export function waitForDocument(
  server: RunningServer,
  secretKey: string,
  id: string,
  timeoutMs?: number,
): Promise<KnowledgeDocument> {
  return eventually(async () => {
    const doc = (await api(server, secretKey, 'GET', `/v1/documents/${id}`))
      .body as KnowledgeDocument
    return doc.status === 'ready' || doc.status === 'failed' ? doc : null
  }, timeoutMs)
}
