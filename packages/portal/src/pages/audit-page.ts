import type { Account, AuditActor, AuditEntry, AuditLog } from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { formErrors } from '../ui/field-errors.ts'
import { formatDateTime } from '../ui/format.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/empty-state.ts'
import '../ui/error-banner.ts'

const PAGE_SIZE = 50

function actorText(actor: AuditActor): string {
  if (actor.type === 'member') return actor.email
  if (actor.type === 'key') return `Key ${actor.prefix}…`
  return 'System'
}

/** `key.created` → "Key created"; sign-in actions read as what the person did. */
function actionText(action: string): string {
  const [area = '', what = ''] = action.split('.')
  const text = (area === 'auth' ? what : `${area} ${what}`).replaceAll('_', ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** `{ name: "Example site", scopes: [] }` → "name: Example site · scopes: none". */
function detailsText(details: Record<string, unknown> | undefined): string {
  const parts = Object.entries(details ?? {}).map(([key, value]) => {
    const shown = Array.isArray(value)
      ? value.length
        ? value.join(', ')
        : 'none'
      : value === null
        ? '—'
        : typeof value === 'object'
          ? JSON.stringify(value)
          : String(value)
    return `${key}: ${shown}`
  })
  return parts.length ? parts.join(' · ') : '—'
}

/** The dealership's audit log, newest first (owners only). */
@customElement('aa-audit-page')
export class AaAuditPage extends LitElement {
  static override styles = [
    portalStyles,
    css`
      .details {
        max-width: 24rem;
        overflow-wrap: anywhere;
      }
    `,
  ]

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _entries: AuditEntry[] | undefined
  @state() accessor _next: string | null = null
  @state() accessor _error = ''
  @state() accessor _loading = false

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this._load()
  }

  private async _load(before?: string) {
    this._loading = true
    try {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) })
      if (before) query.set('before', before)
      const page = await this.api.request<AuditLog>('GET', `/audit-log?${query}`)
      this._entries = before ? [...(this._entries ?? []), ...page.entries] : page.entries
      this._next = page.nextBefore
      this._error = ''
    } catch (err) {
      this._error = formErrors(err).message
    } finally {
      this._loading = false
    }
  }

  override render() {
    const entries = this._entries
    return html`<p class="muted">
        Sign-ins, key and member changes, document deletions and settings changes, newest first.
      </p>
      <aa-error-banner .message=${this._error}></aa-error-banner>
      ${
        !entries
          ? this._error
            ? nothing
            : html`<p class="muted" role="status">Loading…</p>`
          : entries.length === 0
            ? html`<aa-empty-state heading="Nothing yet" text=" Security-relevant actions will be listed here."></aa-empty-state>`
            : html`<table class="reflow">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">What</th>
                    <th scope="col">Who</th>
                    <th scope="col">Target</th>
                    <th scope="col">IP address</th>
                    <th scope="col">Details</th>
                  </tr>
                </thead>
                <tbody>
                  ${entries.map(
                    (e) => html`<tr>
                      <td data-label="When">${formatDateTime(e.at)}</td>
                      <td data-label="What">${actionText(e.action)}</td>
                      <td data-label="Who">${actorText(e.actor)}</td>
                      <td data-label="Target"><span class="mono">${e.target ?? '—'}</span></td>
                      <td data-label="IP address">${e.ip ?? '—'}</td>
                      <td data-label="Details" class="details">
                        ${detailsText(e.details)}
                      </td>
                    </tr>`,
                  )}
                </tbody>
              </table>
              <p role="status" class="muted">${entries.length} entries shown.</p>
              ${
                this._next
                  ? html`<button type="button" ?disabled=${this._loading} @click=${() => this._load(this._next ?? undefined)}>
                    ${this._loading ? 'Loading…' : 'Load more'}
                  </button>`
                  : html`<p class="muted">That is everything.</p>`
              }`
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-audit-page': AaAuditPage
  }
}
