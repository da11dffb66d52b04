import type { Account, OutboxList, OutboxMessage } from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { formErrors } from '../ui/field-errors.ts'
import { formatDateTime } from '../ui/format.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/empty-state.ts'
import '../ui/error-banner.ts'

const URL_PATTERN = /(https?:\/\/[^\s<>"')]+)/g

/** Plain text with its http(s) links made clickable (as text nodes and anchors, never HTML). */
function linkify(text: string) {
  return text.split(URL_PATTERN).map((part, i) =>
    // split() with a capturing group puts the matches at odd indexes.
    i % 2 === 1 ? html`<a href=${part} rel="noopener noreferrer">${part}</a>` : part,
  )
}

/**
 * Emails the server kept instead of sending (embedded mode has no mail provider): invitations
 * and password resets, with their links, so they can be passed on by hand.
 */
@customElement('aa-outbox-page')
export class AaOutboxPage extends LitElement {
  static override styles = [
    portalStyles,
    css`
      article {
        margin-bottom: var(--portal-space, 16px);
      }
      article h2 {
        margin-top: 0;
        font-size: 1.05rem;
      }
      .meta {
        font-size: 0.875rem;
        color: var(--portal-muted, #5b6270);
        margin-bottom: 8px;
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: 0;
      }
    `,
  ]

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _messages: OutboxMessage[] | undefined
  @state() accessor _error = ''

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this._load()
  }

  private async _load() {
    try {
      this._messages = (await this.api.request<OutboxList>('GET', '/outbox')).messages
      this._error = ''
    } catch (err) {
      this._error = formErrors(err).message
    }
  }

  override render() {
    const messages = this._messages
    return html`<p class="muted">
        Emails this server kept instead of sending, newest first. Without a mail provider nothing
        leaves the machine: pass invitation and reset links on yourself.
      </p>
      <div class="actions">
        <button type="button" @click=${this._load}>Refresh</button>
      </div>
      <aa-error-banner .message=${this._error}></aa-error-banner>
      ${
        !messages
          ? this._error
            ? nothing
            : html`<p class="muted" role="status">Loading…</p>`
          : messages.length === 0
            ? html`<aa-empty-state heading="No emails" text=" Invitations and password resets will appear here."></aa-empty-state>`
            : messages.map(
                (m) => html`<article class="card">
                <h2>${m.subject}</h2>
                <div class="meta">
                  To ${m.recipient} · ${formatDateTime(m.createdAt)} · ${m.status} via ${m.provider}
                </div>
                <p class="body">${linkify(m.text)}</p>
              </article>`,
              )
      }`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-outbox-page': AaOutboxPage
  }
}
