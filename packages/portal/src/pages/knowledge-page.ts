import type {
  Account,
  DocumentKind,
  DocumentList,
  InventoryFeedSummary,
  KnowledgeDocument,
  SearchResult,
  VehicleField,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { errorText } from '../ui/field-errors.ts'
import { formatBytes, formatDateTime } from '../ui/format.ts'
import { pageStyles } from './parts/page-styles.ts'
import { ACCEPT, type UploadItem, UploadQueue } from './parts/upload-queue.ts'

/** How often ingestion progress is read while a document is queued or processing. */
const POLL_MS = 700

const STATUS_LABEL: Record<KnowledgeDocument['status'], string> = {
  queued: 'Queued',
  processing: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
}

const KIND_LABEL: Record<DocumentKind, string> = {
  text: 'Text',
  markdown: 'Markdown',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'Word',
  csv: 'CSV',
  xlsx: 'Excel',
}

/** The vehicle fields a feed's columns are read into, as a dealer calls them. */
const FIELD_LABEL: Record<VehicleField, string> = {
  stockNumber: 'stock number',
  vin: 'VIN',
  year: 'year',
  make: 'make',
  model: 'model',
  trim: 'trim',
  bodyStyle: 'body style',
  condition: 'new or used',
  certified: 'certified',
  mileage: 'mileage',
  price: 'price',
  msrp: 'MSRP',
  exteriorColor: 'exterior colour',
  interiorColor: 'interior colour',
  drivetrain: 'drivetrain',
  fuel: 'fuel',
  transmission: 'transmission',
  engine: 'engine',
  mpgCity: 'city MPG',
  mpgHighway: 'highway MPG',
  mpg: 'combined MPG',
  features: 'features',
  status: 'status',
  url: 'web page',
  photoUrl: 'photo',
  description: 'description',
  doors: 'doors',
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

const busy = (d: KnowledgeDocument) => d.status === 'queued' || d.status === 'processing'

/**
 * The knowledge base: upload many files at once (drop them, or pick them), watch each one upload
 * and then the server read it, see status, chunks and errors, delete and re-index, and try a
 * question to see which passages the assistant would read.
 */
@customElement('aa-knowledge-page')
export class KnowledgePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .drop {
        border: 2px dashed var(--_border);
        border-radius: var(--_radius);
        padding: calc(var(--_space) * 1.5) var(--_space);
        text-align: center;
        background: var(--_bg);
      }
      .drop.over {
        border-color: var(--_accent);
        background: var(--_surface);
      }
      .drop p {
        margin: 0 0 0.5rem;
      }
      .drop p.hint {
        margin: 0.5rem 0 0;
      }
      .uploads progress {
        grid-column: 1 / -1;
      }
      .uploads li {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(6rem, 12rem);
        gap: 0.25rem 1rem;
        padding: 0.5rem 0;
        border-bottom: 1px solid var(--_border);
      }
      .name {
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .inventory {
        margin: 0.25rem 0 0;
      }
      details {
        margin-top: 0.25rem;
      }
      summary {
        cursor: pointer;
        color: var(--_accent);
      }
      summary:focus-visible {
        outline: 3px solid var(--_accent);
        outline-offset: 2px;
      }
      .columns {
        margin: 0.25rem 0 0;
        padding-left: 1.1rem;
      }
      .hits li {
        padding: 0.6rem 0;
        border-bottom: 1px solid var(--_border);
      }
      .hits p {
        margin: 0.25rem 0 0;
        white-space: pre-line;
      }
      @media (max-width: 700px) {
        .uploads li {
          grid-template-columns: 1fr;
        }
      }
    `,
  ]

  /** How the page reaches `/v1`. */
  @property({ attribute: false }) accessor api: PortalApi | undefined
  /** The signed-in member: without `knowledge:write`, the page is read-only. */
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _documents: KnowledgeDocument[] | undefined
  @state() accessor _loadError = ''
  @state() accessor _dragging = false
  @state() accessor _status = ''
  @state() accessor _uploads: readonly UploadItem[] = []
  @state() accessor _query = ''
  @state() accessor _searching = false
  @state() accessor _result: SearchResult | undefined
  @state() accessor _searchError = ''
  @state() accessor _pending = new Set<string>()

  #queue: UploadQueue | undefined
  #pollTimer: ReturnType<typeof setTimeout> | undefined
  #connected = false

  get #canWrite(): boolean {
    return this.account?.permissions.includes('knowledge:write') ?? false
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#connected = true
    if (this.api && this._documents) this.#schedulePoll()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#connected = false
    clearTimeout(this.#pollTimer)
    this.#pollTimer = undefined
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) {
      this.#queue?.stop()
      this.#queue = new UploadQueue(this.api, (item) => this.#uploadChanged(item))
      void this.#load()
    }
  }

  async #load(): Promise<void> {
    if (!this.api) return
    try {
      const { documents } = await this.api.request<DocumentList>('GET', '/documents')
      this._documents = documents
      this._loadError = ''
    } catch (err) {
      this._loadError = errorText(err)
    }
    this.#schedulePoll()
  }

  /** Polls while the server is still reading something, and stops as soon as nothing is. */
  #schedulePoll(): void {
    clearTimeout(this.#pollTimer)
    this.#pollTimer = undefined
    if (!this.#connected) return
    const waiting =
      (this._documents?.some(busy) ?? false) ||
      this._uploads.some(
        (u) => u.state === 'uploaded' && !this._documents?.some((d) => d.id === u.documentId),
      )
    if (waiting) this.#pollTimer = setTimeout(() => void this.#load(), POLL_MS)
  }

  #uploadChanged(item: UploadItem): void {
    this._uploads = [...(this.#queue?.items ?? [])]
    if (item.state === 'uploaded') {
      this._status = item.duplicate
        ? `${item.name} was already in the knowledge base.`
        : `${item.name} uploaded; reading it now.`
      void this.#load()
    } else if (item.state === 'failed') {
      this._status = `${item.name} failed: ${item.error}`
    }
  }

  #addFiles(files: FileList | null | undefined): void {
    if (!files?.length || !this.#queue) return
    this._status = `Uploading ${files.length} file${files.length === 1 ? '' : 's'}.`
    this.#queue.add(Array.from(files))
  }

  #onDragOver(e: DragEvent): void {
    if (!this.#canWrite || !e.dataTransfer?.types.includes('Files')) return
    e.preventDefault()
    e.dataTransfer.dropEffect = 'copy'
    this._dragging = true
  }

  #onDrop(e: DragEvent): void {
    if (!this.#canWrite) return
    e.preventDefault()
    this._dragging = false
    this.#addFiles(e.dataTransfer?.files)
  }

  #onPicked(e: Event): void {
    const input = e.target as HTMLInputElement
    this.#addFiles(input.files)
    input.value = ''
  }

  #chooseFiles(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#files')?.click()
  }

  #clearFinished(): void {
    this.#queue?.clearFinished((item) => {
      const doc = this._documents?.find((d) => d.id === item.documentId)
      return !doc || !busy(doc)
    })
    this._uploads = [...(this.#queue?.items ?? [])]
  }

  async #delete(doc: KnowledgeDocument): Promise<void> {
    if (!this.api) return
    const name = doc.title || doc.filename || 'this document'
    if (!confirm(`Delete “${name}” and everything the assistant learned from it?`)) return
    this.#setPending(doc.id, true)
    try {
      await this.api.request('DELETE', `/documents/${encodeURIComponent(doc.id)}`)
      this._documents = this._documents?.filter((d) => d.id !== doc.id)
      this._status = `Deleted ${name}.`
    } catch (err) {
      this._status = `Could not delete ${name}: ${errorText(err)}`
    } finally {
      this.#setPending(doc.id, false)
    }
  }

  async #reindex(doc: KnowledgeDocument): Promise<void> {
    if (!this.api) return
    const name = doc.title || doc.filename || 'the document'
    this.#setPending(doc.id, true)
    try {
      const queued = await this.api.request<KnowledgeDocument>(
        'POST',
        `/documents/${encodeURIComponent(doc.id)}/reindex`,
      )
      this._documents = this._documents?.map((d) => (d.id === doc.id ? queued : d))
      this._status = `Re-indexing ${name}.`
      this.#schedulePoll()
    } catch (err) {
      this._status = `Could not re-index ${name}: ${errorText(err)}`
    } finally {
      this.#setPending(doc.id, false)
    }
  }

  #setPending(id: string, on: boolean): void {
    const next = new Set(this._pending)
    if (on) next.add(id)
    else next.delete(id)
    this._pending = next
  }

  async #search(e: SubmitEvent): Promise<void> {
    e.preventDefault()
    const query = this._query.trim()
    if (!this.api || !query) return
    this._searching = true
    this._searchError = ''
    try {
      this._result = await this.api.request<SearchResult>('POST', '/search', { query, limit: 8 })
    } catch (err) {
      this._result = undefined
      this._searchError = errorText(err)
    } finally {
      this._searching = false
    }
  }

  override render() {
    return html`
      <p class="muted">
        What the assistant knows: your documents, price lists and inventory feeds.
      </p>
      <p class="status visually-hidden" role="status" aria-live="polite">${this._status}</p>
      ${this.#canWrite ? this.#renderUpload() : nothing} ${this.#renderDocuments()}
      ${this.#renderTry()}
    `
  }

  #renderUpload() {
    return html`
      <section class="card" aria-labelledby="upload-title">
        <h2 id="upload-title">Add documents</h2>
        <div
          class="drop ${this._dragging ? 'over' : ''}"
          @dragover=${this.#onDragOver}
          @dragenter=${this.#onDragOver}
          @dragleave=${() => {
            this._dragging = false
          }}
          @drop=${this.#onDrop}
        >
          <p>Drop files here, or</p>
          <button type="button" class="primary" @click=${this.#chooseFiles}>Choose files…</button>
          <input
            id="files"
            type="file"
            multiple
            accept=${ACCEPT}
            hidden
            aria-label="Documents to upload"
            @change=${this.#onPicked}
          />
          <p class="muted hint">
            Text, Markdown, HTML, PDF, Word (.docx), or an inventory feed as CSV or Excel (.xlsx).
          </p>
        </div>
        ${this._uploads.length ? this.#renderUploads() : nothing}
      </section>
    `
  }

  #renderUploads() {
    return html`
      <h3 class="visually-hidden">Uploads</h3>
      <ul class="plain uploads" aria-label="Uploads">
        ${this._uploads.map((u) => this.#renderUpload1(u))}
      </ul>
      <button type="button" @click=${this.#clearFinished}>Clear finished</button>
    `
  }

  #renderUpload1(u: UploadItem) {
    const doc = this._documents?.find((d) => d.id === u.documentId)
    let label: string
    let value: number | undefined
    let cls = ''
    if (u.state === 'waiting') {
      label = 'Waiting'
      value = 0
    } else if (u.state === 'uploading') {
      label = `Uploading ${Math.round(u.progress * 100)}%`
      value = u.progress
    } else if (u.state === 'failed') {
      label = u.error ?? 'Failed'
      cls = 'error'
    } else if (!doc) {
      label = u.duplicate ? 'Already uploaded' : 'Uploaded'
      value = 1
    } else if (busy(doc)) {
      label = `${STATUS_LABEL[doc.status]} ${Math.round(doc.progress * 100)}%`
      value = doc.progress
    } else if (doc.status === 'failed') {
      label = doc.error?.message ?? 'The server could not read it.'
      cls = 'error'
    } else {
      label = u.duplicate
        ? 'Already in the knowledge base'
        : doc.inventory
          ? `Ready: ${plural(doc.inventory.vehicles, 'vehicle')}`
          : `Ready: ${plural(doc.chunkCount, 'passage')}`
    }
    return html`
      <li>
        <span class="name">${u.name} <span class="muted">(${formatBytes(u.sizeBytes)})</span></span>
        <span class=${cls}>${label}</span>
        ${
          value === undefined
            ? nothing
            : html`<progress
              max="1"
              .value=${value}
              aria-label=${`${u.name}: ${label}`}
            ></progress>`
        }
      </li>
    `
  }

  #renderDocuments() {
    const docs = this._documents
    let body: unknown
    if (this._loadError && !docs) {
      body = html`<p class="error" role="alert">
          Could not load the documents: ${this._loadError}
        </p>
        <button type="button" @click=${() => this.#load()}>Try again</button>`
    } else if (!docs) {
      body = html`<p class="muted" aria-live="polite">Loading documents…</p>`
    } else if (!docs.length) {
      body = html`<p class="muted">
        No documents yet.
        ${this.#canWrite ? 'Add some above: the assistant answers from them.' : ''}
      </p>`
    } else {
      body = html`
        <table class="reflow">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Kind</th>
              <th scope="col">Status</th>
              <th scope="col">Passages</th>
              <th scope="col">Updated</th>
              ${this.#canWrite ? html`<th scope="col"><span class="visually-hidden">Actions</span></th>` : nothing}
            </tr>
          </thead>
          <tbody>
            ${docs.map((d) => this.#renderDocument(d))}
          </tbody>
        </table>
      `
    }
    return html`
      <section class="card" aria-labelledby="docs-title">
        <h2 id="docs-title">Documents${docs ? html` <span class="muted">(${docs.length})</span>` : nothing}</h2>
        ${this._loadError && docs ? html`<p class="error">${this._loadError}</p>` : nothing} ${body}
      </section>
    `
  }

  #renderDocument(d: KnowledgeDocument) {
    const name = d.title || d.filename || d.id
    const pending = this._pending.has(d.id)
    const badge = d.status === 'ready' ? 'ok' : d.status === 'failed' ? 'bad' : 'accent'
    return html`
      <tr>
        <td data-label="Document">
          <strong class="name">${name}</strong>
          ${d.filename && d.filename !== name ? html`<br /><span class="muted name">${d.filename}</span>` : nothing}
          <br /><span class="muted">${formatBytes(d.sizeBytes)}</span>
          ${d.inventory ? this.#renderInventory(name, d.inventory) : nothing}
        </td>
        <td data-label="Kind">${KIND_LABEL[d.kind] ?? d.kind}</td>
        <td data-label="Status">
          <span class="badge ${badge}">${STATUS_LABEL[d.status]}</span>
          ${
            busy(d)
              ? html`<progress
                max="1"
                .value=${d.progress}
                aria-label=${`${name}: ${Math.round(d.progress * 100)}%`}
              ></progress>`
              : nothing
          }
          ${d.error ? html`<div class="error">${d.error.message}</div>` : nothing}
        </td>
        <td data-label="Passages">${d.chunkCount}</td>
        <td data-label="Updated">${formatDateTime(d.updatedAt)}</td>
        ${
          this.#canWrite
            ? html`<td data-label="Actions">
              <div class="actions">
                <button
                  type="button"
                  ?disabled=${pending || busy(d)}
                  aria-label=${`Re-index ${name}`}
                  @click=${() => this.#reindex(d)}
                >
                  Re-index
                </button>
                <button
                  type="button"
                  class="danger"
                  ?disabled=${pending}
                  aria-label=${`Delete ${name}`}
                  @click=${() => this.#delete(d)}
                >
                  Delete
                </button>
              </div>
            </td>`
            : nothing
        }
      </tr>
    `
  }

  /** What the assistant understood of an inventory feed: its vehicles and how each column was read. */
  #renderInventory(name: string, inventory: InventoryFeedSummary) {
    const used = inventory.columns.filter((c) => c.field !== null)
    const unused = inventory.columns.filter((c) => c.field === null)
    return html`
      <p class="inventory">
        ${plural(inventory.vehicles, 'vehicle')} ·
        ${used.length} of ${plural(inventory.columns.length, 'column')} read${
          unused.length
            ? html` · <span>not used: ${unused.map((c) => c.name).join(', ')}</span>`
            : nothing
        }
      </p>
      <details>
        <summary>
          How the columns were read<span class="visually-hidden"> in ${name}</span>
        </summary>
        <ul class="columns" aria-label=${`Columns of ${name}`}>
          ${inventory.columns.map(
            (c) =>
              html`<li>
                ${c.name}: ${c.field ? FIELD_LABEL[c.field] : html`<span class="muted">not used</span>`}
              </li>`,
          )}
        </ul>
      </details>
    `
  }

  #renderTry() {
    const hits = this._result?.hits
    return html`
      <section class="card" aria-labelledby="try-title">
        <h2 id="try-title">Try a question</h2>
        <p class="muted">See which passages the assistant would read to answer it.</p>
        <form class="row" @submit=${this.#search}>
          <div class="grow">
            <label for="query">Question</label>
            <input
              id="query"
              type="search"
              maxlength="500"
              placeholder="Do you offer financing?"
              .value=${this._query}
              @input=${(e: Event) => {
                this._query = (e.target as HTMLInputElement).value
              }}
            />
          </div>
          <button type="submit" class="primary" ?disabled=${this._searching || !this._query.trim()}>
            ${this._searching ? 'Searching…' : 'Search'}
          </button>
        </form>
        <div aria-live="polite">
          ${this._searchError ? html`<p class="error" role="alert">${this._searchError}</p>` : nothing}
          ${
            hits && !hits.length
              ? html`<p class="muted">
                Nothing in the knowledge base matches. The assistant would answer without your
                documents: add one that covers it.
              </p>`
              : nothing
          }
          ${
            hits?.length
              ? html`<ol class="plain hits">
                ${hits.map(
                  (h) => html`<li>
                    <strong>${h.title}</strong>
                    ${h.heading ? html` <span class="muted">› ${h.heading}</span>` : nothing}
                    <span class="badge" title="Rank score: higher is better"
                      >score ${h.score.toFixed(3)}</span
                    >
                    <p>${snippet(h.text)}</p>
                  </li>`,
                )}
              </ol>`
              : nothing
          }
        </div>
      </section>
    `
  }
}

function snippet(text: string, max = 320): string {
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-knowledge-page': KnowledgePage
  }
}
