import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Child } from './child.ts'
import type { AvatarAdamInfo } from './servers.ts'
import { sleep } from './stats.ts'

/** A dealership added to a running AvatarAdam server child, with its own keys. */
export interface BenchTenant {
  tenantId: string
  publishableKey: string
  secretKey: string
}

/**
 * Adds a dealership to a server child (a tenant, a publishable key for the bench origin and a
 * secret key), for sections that need data of their own beside the seeded demo dealership.
 */
export function addTenant(server: Child<AvatarAdamInfo>, name: string): Promise<BenchTenant> {
  return server.call<BenchTenant>('addTenant', { name })
}

/** Deletes a tenant added by {@link addTenant}, with everything it owns. */
export async function removeTenant(server: Child<AvatarAdamInfo>, tenantId: string) {
  await server.call('removeTenant', { tenantId })
}

/** A JSON call to the server's `/v1` API with a secret key; throws on any non-2xx answer. */
export async function api<T = unknown>(
  url: string,
  key: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}` } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(`${url}/v1${route}`, init)
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : null) as T
}

/** A document to upload: its file name and bytes. */
export interface UploadFile {
  name: string
  bytes: Uint8Array<ArrayBuffer>
}

export const fileFrom = async (file: string): Promise<UploadFile> => ({
  name: path.basename(file),
  bytes: new Uint8Array(await readFile(file)),
})

/**
 * Uploads documents through `POST /v1/documents` (the real ingestion path: stored, claimed by the
 * worker, parsed, embedded, indexed) and resolves once every document of the tenant is ready,
 * with how long that took. Throws when one fails, or after `timeoutMs`.
 */
export async function uploadAndWait(
  url: string,
  secretKey: string,
  files: readonly UploadFile[],
  timeoutMs = 300_000,
): Promise<number> {
  const started = performance.now()
  for (const file of files) {
    const form = new FormData()
    form.append('file', new File([file.bytes], file.name))
    await api(url, secretKey, 'POST', '/documents', form)
  }
  const deadline = Date.now() + timeoutMs
  type Listed = { filename: string; status: string; error?: { message: string } | null }
  for (;;) {
    const { documents } = await api<{ documents: Listed[] }>(url, secretKey, 'GET', '/documents')
    const failed = documents.filter((d) => d.status === 'failed')
    if (failed.length > 0) {
      const why = failed.map((d) => `${d.filename}: ${d.error?.message ?? 'failed'}`).join('; ')
      throw new Error(`documents failed: ${why}`)
    }
    if (documents.every((d) => d.status === 'ready')) return performance.now() - started
    if (Date.now() > deadline) {
      const ready = documents.filter((d) => d.status === 'ready').length
      throw new Error(`${ready}/${documents.length} documents ready after ${timeoutMs / 1000} s`)
    }
    await sleep(100)
  }
}

/**
 * Waits for what ingestion leaves running once documents are ready (the search statistics
 * refresh, a few seconds later: common words and, on PGlite, `ANALYZE chunks`), then for an idle
 * event loop, so nothing timed afterwards shares the server with it.
 */
export async function settle(server: Child<AvatarAdamInfo>): Promise<void> {
  await sleep(4000)
  await server.call('quiet')
}
