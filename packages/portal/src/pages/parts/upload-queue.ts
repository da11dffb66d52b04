import type { DocumentAccepted } from '@avataradam/sdk/protocol'
import { ApiError, type PortalApi } from '../../api.ts'
import { errorText } from '../../ui/field-errors.ts'

/** One file the member dropped, from its upload to the server's answer. */
export interface UploadItem {
  key: number
  name: string
  sizeBytes: number
  state: 'waiting' | 'uploading' | 'uploaded' | 'failed'
  /** Bytes sent, 0–1. */
  progress: number
  /** The document it became (or already was, when `duplicate`). */
  documentId?: string
  duplicate?: boolean
  error?: string
}

// The kinds the server reads (see the server's detect-kind): anything else is refused up front.
const EXTENSIONS = new Set([
  'txt',
  'text',
  'md',
  'markdown',
  'html',
  'htm',
  'csv',
  'pdf',
  'docx',
  'xlsx',
])
const CONTENT_TYPES = new Set([
  'text/plain',
  'text/markdown',
  'text/x-markdown',
  'text/html',
  'application/xhtml+xml',
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
])

/** What the file input accepts, for the picker's filter. */
export const ACCEPT = [...EXTENSIONS].map((e) => `.${e}`).join(',')

function looksSupported(file: File): boolean {
  const dot = file.name.lastIndexOf('.')
  if (dot !== -1 && EXTENSIONS.has(file.name.slice(dot + 1).toLowerCase())) return true
  return CONTENT_TYPES.has(file.type.split(';')[0]?.trim().toLowerCase() ?? '')
}

/** The server takes a few uploads per dealership at a time; more wait their turn here. */
const PARALLEL = 3
const MAX_RETRIES = 5

/**
 * Uploads files a few at a time, each on its own (one failing never stops the others), and calls
 * `changed` whenever an item moves so the page can render.
 */
export class UploadQueue {
  readonly items: UploadItem[] = []
  #files = new Map<number, File>()
  #nextKey = 0
  #running = 0
  #stopped = false

  readonly #api: PortalApi
  readonly #changed: (item: UploadItem) => void

  constructor(api: PortalApi, changed: (item: UploadItem) => void) {
    this.#api = api
    this.#changed = changed
  }

  add(files: Iterable<File>): void {
    for (const file of files) {
      const item: UploadItem = {
        key: this.#nextKey++,
        name: file.name,
        sizeBytes: file.size,
        state: 'waiting',
        progress: 0,
      }
      if (!looksSupported(file)) {
        item.state = 'failed'
        item.error = 'Not a supported type: use text, Markdown, HTML, PDF, DOCX, CSV or XLSX.'
      } else {
        this.#files.set(item.key, file)
      }
      this.items.unshift(item)
      this.#changed(item)
    }
    this.#pump()
  }

  /** Forgets finished items (the list otherwise grows for as long as the page is open). */
  clearFinished(isDone: (item: UploadItem) => boolean): void {
    for (let i = this.items.length - 1; i >= 0; i--) {
      const item = this.items[i]!
      if (item.state === 'failed' || (item.state === 'uploaded' && isDone(item))) {
        this.items.splice(i, 1)
      }
    }
  }

  /** No new uploads start (the page went away); ones in flight finish. */
  stop(): void {
    this.#stopped = true
  }

  #pump(): void {
    while (!this.#stopped && this.#running < PARALLEL) {
      const next = [...this.items].reverse().find((i) => i.state === 'waiting')
      if (!next) return
      this.#running++
      void this.#upload(next).finally(() => {
        this.#running--
        this.#pump()
      })
    }
  }

  async #upload(item: UploadItem): Promise<void> {
    const file = this.#files.get(item.key)!
    item.state = 'uploading'
    this.#changed(item)
    for (let attempt = 0; ; attempt++) {
      const form = new FormData()
      form.append('file', file, file.name)
      try {
        const accepted = await this.#api.upload<DocumentAccepted>(
          '/documents',
          form,
          (fraction) => {
            item.progress = fraction
            this.#changed(item)
          },
        )
        item.state = 'uploaded'
        item.progress = 1
        item.documentId = accepted.id
        item.duplicate = accepted.duplicate
        break
      } catch (err) {
        // Another tab (or member) may be uploading too: wait for the server's turn.
        if (err instanceof ApiError && err.code === 'rate_limited' && attempt < MAX_RETRIES) {
          item.progress = 0
          this.#changed(item)
          await new Promise((r) => setTimeout(r, (err.retryAfter ?? 1) * 1000))
          continue
        }
        item.state = 'failed'
        item.error = errorText(err)
        break
      }
    }
    this.#files.delete(item.key)
    this.#changed(item)
  }
}
