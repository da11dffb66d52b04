import type {
  Account,
  ChatMessage,
  ConversationDetail,
  ConversationList,
  ConversationSummary,
  PageVehicle,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { errorText } from '../ui/field-errors.ts'
import { formatDateTime } from '../ui/format.ts'
import { type LiveState, LiveWatch } from './parts/live-watch.ts'
import { pageStyles } from './parts/page-styles.ts'

type ConversationRow = ConversationSummary
type ConversationPage = ConversationList

interface Filters {
  q: string
  since: string
  until: string
  live: boolean
  hasLead: boolean
}

const PAGE_SIZE = 30
const LIVE_REFRESH_MS = 10_000

function lastMessageText(row: ConversationRow): string {
  return row.lastMessage ?? ''
}

/** `YYYY-MM-DD` from a date input, as the start (or end) of that local day in ISO 8601. */
function dayBoundary(day: string, end: boolean): string {
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`)
  return date.toISOString()
}

/**
 * What visitors asked and were told: the list (search, date range, live now, with a lead), the
 * full transcript with citations of the one selected (`?id=` in the address), and a live view
 * of a conversation in progress over the staff socket.
 */
@customElement('aa-conversations-page')
export class ConversationsPage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 2fr) minmax(0, 3fr);
        gap: var(--_space);
        align-items: start;
      }
      .filters {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem 1rem;
        margin-bottom: var(--_space);
      }
      .filters .wide {
        grid-column: 1 / -1;
      }
      .conv {
        display: block;
        width: 100%;
        text-align: left;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.6rem 0.75rem;
        margin-bottom: 0.5rem;
        background: var(--_surface);
      }
      .conv[aria-current='true'] {
        border-color: var(--_accent);
        box-shadow: inset 4px 0 0 var(--_accent);
      }
      .conv .top {
        display: flex;
        justify-content: space-between;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .conv .page,
      .conv .last {
        display: block;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .transcript {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      .msg {
        margin: 0 0 0.75rem;
        max-width: 90%;
      }
      .msg.visitor {
        margin-left: auto;
      }
      .bubble {
        padding: 0.5rem 0.75rem;
        border-radius: var(--_radius);
        background: var(--_bg);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .msg.visitor .bubble {
        background: var(--_accent);
        color: var(--_on-accent);
      }
      .meta {
        font-size: 0.8rem;
        color: var(--_muted);
        margin-top: 0.15rem;
      }
      .citations {
        margin: 0.35rem 0 0;
        padding-left: 1rem;
        font-size: 0.9rem;
      }
      .head {
        display: flex;
        justify-content: space-between;
        align-items: start;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
      .dot {
        display: inline-block;
        width: 0.6rem;
        height: 0.6rem;
        border-radius: 50%;
        background: #16a34a;
        margin-right: 0.3rem;
      }
      @media (max-width: 700px) {
        /* minmax(0, …), not 1fr: a long one-line preview must not widen the column past the
           screen (1fr's minimum is the content's). */
        .layout,
        .filters {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ]

  /** How the page reaches `/v1` (and the staff socket its token). */
  @property({ attribute: false }) accessor api: PortalApi | undefined
  /** The signed-in member. */
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _filters: Filters = { q: '', since: '', until: '', live: false, hasLead: false }
  @state() accessor _rows: ConversationRow[] | undefined
  @state() accessor _nextBefore: string | null = null
  @state() accessor _listError = ''
  @state() accessor _loadingMore = false
  @state() accessor _selectedId: string | null = null
  @state() accessor _detail: ConversationDetail | undefined
  @state() accessor _detailError = ''
  @state() accessor _live: LiveState | undefined

  #watch: LiveWatch | undefined
  #refreshTimer: ReturnType<typeof setInterval> | undefined
  /** Searching waits for a pause in typing. */
  #typing: ReturnType<typeof setTimeout> | undefined
  /** Drops answers to a list request a newer one replaced. */
  #listRequest = 0

  override connectedCallback(): void {
    super.connectedCallback()
    this._selectedId = new URLSearchParams(location.search).get('id')
    this.#syncRefresh()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#stopWatching()
    clearInterval(this.#refreshTimer)
    this.#refreshTimer = undefined
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) {
      void this.#loadList()
      if (this._selectedId) void this.#loadDetail(this._selectedId)
    }
  }

  #query(before?: string): string {
    const f = this._filters
    const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
    if (f.q.trim()) params.set('q', f.q.trim())
    if (f.since) params.set('since', dayBoundary(f.since, false))
    if (f.until) params.set('until', dayBoundary(f.until, true))
    if (f.live) params.set('live', 'true')
    if (f.hasLead) params.set('hasLead', 'true')
    if (before) params.set('before', before)
    return `/conversations?${params}`
  }

  async #loadList(): Promise<void> {
    if (!this.api) return
    const request = ++this.#listRequest
    try {
      const page = await this.api.request<ConversationPage>('GET', this.#query())
      if (request !== this.#listRequest) return
      this._rows = page.conversations
      this._nextBefore = page.nextBefore ?? null
      this._listError = ''
    } catch (err) {
      if (request === this.#listRequest) this._listError = errorText(err)
    }
  }

  async #loadMore(): Promise<void> {
    if (!this.api || !this._nextBefore) return
    const request = this.#listRequest
    this._loadingMore = true
    try {
      const page = await this.api.request<ConversationPage>('GET', this.#query(this._nextBefore))
      if (request !== this.#listRequest) return
      const seen = new Set(this._rows?.map((r) => r.id))
      this._rows = [...(this._rows ?? []), ...page.conversations.filter((c) => !seen.has(c.id))]
      this._nextBefore = page.nextBefore ?? null
    } catch (err) {
      this._listError = errorText(err)
    } finally {
      this._loadingMore = false
    }
  }

  #setFilters(change: Partial<Filters>): void {
    this._filters = { ...this._filters, ...change }
    this.#syncRefresh()
    void this.#loadList()
  }

  /** "Live now" lists change by the minute: refresh them while that filter is on. */
  #syncRefresh(): void {
    clearInterval(this.#refreshTimer)
    this.#refreshTimer = undefined
    if (this._filters.live && this.isConnected) {
      this.#refreshTimer = setInterval(() => void this.#loadList(), LIVE_REFRESH_MS)
    }
  }

  async #select(id: string): Promise<void> {
    this.#stopWatching()
    this._selectedId = id
    const url = new URL(location.href)
    url.searchParams.set('id', id)
    history.replaceState(history.state, '', url)
    await this.#loadDetail(id)
    this.renderRoot.querySelector<HTMLElement>('#transcript-title')?.focus()
  }

  #close(): void {
    this.#stopWatching()
    const id = this._selectedId
    this._selectedId = null
    this._detail = undefined
    const url = new URL(location.href)
    url.searchParams.delete('id')
    history.replaceState(history.state, '', url)
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>(`[data-id="${id}"]`)?.focus(),
    )
  }

  async #loadDetail(id: string): Promise<void> {
    if (!this.api) return
    this._detail = undefined
    this._detailError = ''
    try {
      const detail = await this.api.request<ConversationDetail>(
        'GET',
        `/conversations/${encodeURIComponent(id)}`,
      )
      if (this._selectedId === id) this._detail = detail
    } catch (err) {
      if (this._selectedId === id) this._detailError = errorText(err)
    }
  }

  #startWatching(): void {
    if (!this.api || !this._selectedId) return
    this.#stopWatching()
    this.#watch = new LiveWatch(this.api, this._selectedId, (live) => {
      this._live = live
    })
  }

  #stopWatching(): void {
    this.#watch?.stop()
    this.#watch = undefined
    this._live = undefined
  }

  override render() {
    return html`
      <div class="layout">
        <section aria-labelledby="list-title">
          <h2 id="list-title" class="visually-hidden">All conversations</h2>
          ${this.#renderFilters()} ${this.#renderList()}
        </section>
        <section class="card" aria-labelledby="transcript-title" ?hidden=${!this._selectedId}>
          ${this._selectedId ? this.#renderDetail() : nothing}
        </section>
      </div>
    `
  }

  #renderFilters() {
    const f = this._filters
    return html`
      <form
        class="filters"
        role="search"
        @submit=${(e: SubmitEvent) => {
          e.preventDefault()
          void this.#loadList()
        }}
      >
        <div class="wide">
          <label for="q">Search messages</label>
          <input
            id="q"
            type="search"
            placeholder="financing, trade-in, F-150…"
            .value=${f.q}
            @input=${(e: Event) => {
              const q = (e.target as HTMLInputElement).value
              clearTimeout(this.#typing)
              this.#typing = setTimeout(() => this.#setFilters({ q }), 300)
            }}
          />
        </div>
        <div>
          <label for="since">From</label>
          <input
            id="since"
            type="date"
            .value=${f.since}
            @change=${(e: Event) => this.#setFilters({ since: (e.target as HTMLInputElement).value })}
          />
        </div>
        <div>
          <label for="until">To</label>
          <input
            id="until"
            type="date"
            .value=${f.until}
            @change=${(e: Event) => this.#setFilters({ until: (e.target as HTMLInputElement).value })}
          />
        </div>
        <label class="check">
          <input
            type="checkbox"
            .checked=${f.live}
            @change=${(e: Event) =>
              this.#setFilters({ live: (e.target as HTMLInputElement).checked })}
          />
          Live now
        </label>
        <label class="check">
          <input
            type="checkbox"
            .checked=${f.hasLead}
            @change=${(e: Event) =>
              this.#setFilters({ hasLead: (e.target as HTMLInputElement).checked })}
          />
          With a lead
        </label>
      </form>
    `
  }

  #renderList() {
    const rows = this._rows
    const filtered =
      this._filters.q || this._filters.since || this._filters.until || this._filters.live
    if (!rows) {
      return this._listError
        ? html`<p class="error" role="alert">Could not load conversations: ${this._listError}</p>
            <button type="button" @click=${() => this.#loadList()}>Try again</button>`
        : html`<p class="muted" aria-live="polite">Loading conversations…</p>`
    }
    return html`
      <p class="muted" aria-live="polite">
        ${
          rows.length
            ? `${rows.length}${this._nextBefore ? '+' : ''} conversation${rows.length === 1 && !this._nextBefore ? '' : 's'}${this._filters.live ? ' active in the last 5 minutes (refreshes every 10 s)' : ''}`
            : filtered || this._filters.hasLead
              ? 'No conversation matches these filters.'
              : 'No conversations yet. They appear here once visitors chat with the widget.'
        }
      </p>
      ${this._listError ? html`<p class="error" role="alert">${this._listError}</p>` : nothing}
      <ul class="plain">
        ${rows.map((row) => this.#renderRow(row))}
      </ul>
      ${
        this._nextBefore
          ? html`<button type="button" ?disabled=${this._loadingMore} @click=${this.#loadMore}>
            ${this._loadingMore ? 'Loading…' : 'Load more'}
          </button>`
          : nothing
      }
    `
  }

  #renderRow(row: ConversationRow) {
    const page = row.page
    const last = lastMessageText(row)
    return html`<li>
      <button
        type="button"
        class="conv"
        data-id=${row.id}
        aria-current=${row.id === this._selectedId ? 'true' : 'false'}
        @click=${() => this.#select(row.id)}
      >
        <span class="top">
          <strong>${formatDateTime(row.updatedAt)}</strong>
          <span>
            <span class="badge">${row.messageCount} message${row.messageCount === 1 ? '' : 's'}</span>
            ${row.hasLead ? html`<span class="badge ok">Lead</span>` : nothing}
          </span>
        </span>
        <span class="page muted">${page ? page.title || page.url : 'Unknown page'}</span>
        ${last ? html`<span class="last">${last}</span>` : nothing}
      </button>
    </li>`
  }

  #renderDetail() {
    const detail = this._detail
    const live = this._live
    const head = html`
      <div class="head">
        <h2 id="transcript-title" tabindex="-1">Transcript</h2>
        <div class="row">
          ${
            live
              ? html`<button type="button" @click=${() => this.#stopWatching()}>Stop watching</button>`
              : html`<button type="button" class="primary" ?disabled=${!detail} @click=${() => this.#startWatching()}>
                Watch live
              </button>`
          }
          <button type="button" @click=${() => this.#close()}>Close</button>
        </div>
      </div>
    `
    if (this._detailError) {
      return html`${head}<p class="error" role="alert">${this._detailError}</p>`
    }
    if (!detail) return html`${head}<p class="muted" aria-live="polite">Loading transcript…</p>`
    const messages =
      live?.status === 'watching' || live?.messages.length ? live.messages : detail.messages
    const page = detail.page
    return html`
      ${head}
      <p class="muted">
        Started ${formatDateTime(detail.createdAt)}
        ${
          page
            ? html` on
              <a href=${page.url} target="_blank" rel="noopener noreferrer">${page.title || page.url}</a>`
            : nothing
        }
        ${page?.vehicle ? html`<br />Looking at: ${vehicleText(page.vehicle)}` : nothing}
      </p>
      ${live ? this.#renderLiveStatus(live) : nothing}
      ${messages.length ? nothing : html`<p class="muted">No messages yet.</p>`}
      <ol class="transcript" aria-label="Messages">
        ${messages.map((m) => this.#renderMessage(m))}
        ${
          live?.answer
            ? html`<li class="msg assistant" aria-busy="true">
              <div class="bubble">${live.answer.text || '…'}</div>
              <div class="meta">Assistant · answering…</div>
            </li>`
            : nothing
        }
      </ol>
    `
  }

  #renderLiveStatus(live: LiveState) {
    const text =
      live.status === 'watching'
        ? 'Watching live: new messages appear as they are sent.'
        : live.status === 'connecting'
          ? 'Connecting…'
          : live.status === 'reconnecting'
            ? 'Connection lost; reconnecting…'
            : 'Stopped watching.'
    return html`<p role="status" aria-live="polite">
      ${live.status === 'watching' ? html`<span class="dot" aria-hidden="true"></span>` : nothing}${text}
      ${live.error ? html`<span class="error"> ${live.error}</span>` : nothing}
    </p>`
  }

  #renderMessage(m: ChatMessage) {
    return html`<li class="msg ${m.role}">
      <div class="bubble">${m.text}</div>
      <div class="meta">${m.role === 'visitor' ? 'Visitor' : 'Assistant'} · ${formatDateTime(m.createdAt)}</div>
      ${
        m.citations.length
          ? html`<details>
            <summary>${m.citations.length} source${m.citations.length === 1 ? '' : 's'}</summary>
            <ul class="citations">
              ${m.citations.map(
                (c) =>
                  html`<li><strong>${c.title}</strong>: <span class="muted">${c.snippet}</span></li>`,
              )}
            </ul>
          </details>`
          : nothing
      }
    </li>`
  }
}

function vehicleText(v: PageVehicle): string {
  const name = [v.year, v.make, v.model, v.trim].filter((x) => x != null && x !== '').join(' ')
  const stock = v.stockNumber ? ` (stock ${v.stockNumber})` : ''
  return `${name || 'a vehicle'}${stock}`
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-conversations-page': ConversationsPage
  }
}
