import {
  type Account,
  type ApiKeySummary,
  type CreatedApiKey,
  type CreateKeyRequest,
  KEY_SCOPES,
  type KeyList,
  type KeyScope,
  type RotateKeyRequest,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { openDialog } from '../ui/dialog.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { formatDateTime } from '../ui/format.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/copy-button.ts'
import '../ui/empty-state.ts'
import '../ui/error-banner.ts'

/** Keys as listed once scopes and rotation exist (both optional until the server sends them). */
type KeySummary = ApiKeySummary

const SCOPE_LABELS: Record<KeyScope, string> = {
  keys: 'Manage keys',
  'knowledge:read': 'Read knowledge',
  'knowledge:write': 'Upload and delete documents',
  conversations: 'Read conversations',
  leads: 'Read leads',
  analytics: 'Read analytics',
  settings: 'Change settings',
}

const OVERLAPS = [
  { seconds: 0, label: 'None: the old key stops now' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 7 * 86_400, label: '7 days' },
]

/** The tag a dealership pastes into its site (see the widget's README). */
export function scriptTag(key: string, origin = location.origin): string {
  return `<script src="${origin}/widget/avatar-adam.js" data-key="${key}" async></script>`
}

function keyState(key: KeySummary): { label: string; when?: string; tone: 'ok' | 'warn' | 'off' } {
  if (key.revokedAt) return { label: 'Revoked', when: formatDateTime(key.revokedAt), tone: 'off' }
  const expires = key.expiresAt ? Date.parse(key.expiresAt) : undefined
  if (expires !== undefined && expires <= Date.now()) {
    return { label: 'Expired', when: formatDateTime(key.expiresAt), tone: 'off' }
  }
  if (key.replacedBy) {
    return { label: 'Rotated', when: `works until ${formatDateTime(key.expiresAt)}`, tone: 'warn' }
  }
  if (expires !== undefined) {
    return { label: 'Expires', when: formatDateTime(key.expiresAt), tone: 'warn' }
  }
  return { label: 'Active', tone: 'ok' }
}

const isUsable = (key: KeySummary) => keyState(key).tone !== 'off'

/**
 * Keys: publishable keys for the widget (with their allowed origins and a script tag to paste)
 * and secret keys for servers (with scopes). A new key is shown once; rotation keeps the old one
 * working for a chosen overlap.
 */
@customElement('aa-keys-page')
export class AaKeysPage extends LitElement {
  static override styles = [
    portalStyles,
    css`
      td code {
        white-space: nowrap;
      }
      .key-value {
        font-size: 1rem;
      }
      ul.plain {
        margin: 0;
        padding-left: 1.1rem;
      }
      .tags {
        display: grid;
        gap: 12px;
      }
      .create-type {
        display: flex;
        gap: 16px;
        flex-wrap: wrap;
      }
      .scopes {
        display: grid;
        gap: 4px;
        grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      }
    `,
  ]

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _keys: KeySummary[] | undefined
  @state() accessor _loadError = ''
  @state() accessor _type: 'publishable' | 'secret' = 'publishable'
  @state() accessor _busy = false
  @state() accessor _createErrors: FormErrors = { message: '', fields: {} }
  @state() accessor _created: CreatedApiKey | undefined
  @state() accessor _target: KeySummary | undefined
  @state() accessor _dialogError = ''

  @query('#created') accessor _createdDialog: HTMLDialogElement | null = null
  @query('#rotate') accessor _rotateDialog: HTMLDialogElement | null = null
  @query('#revoke') accessor _revokeDialog: HTMLDialogElement | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this._load()
  }

  private async _load() {
    try {
      const list = await this.api.request<KeyList>('GET', '/keys')
      this._keys = list.keys
      this._loadError = ''
    } catch (err) {
      this._loadError = formErrors(err).message
    }
  }

  override render() {
    return html`<p class="muted">
        Publishable keys go in your website’s pages and only work from the origins you list.
        Secret keys are for your own servers: keep them out of web pages.
      </p>
      <aa-error-banner .message=${this._loadError}></aa-error-banner>
      ${this._renderList()} ${this._renderScriptTags()} ${this._renderCreate()}
      ${this._renderCreatedDialog()} ${this._renderRotateDialog()} ${this._renderRevokeDialog()}`
  }

  private _renderList() {
    if (!this._keys) {
      return this._loadError ? nothing : html`<p class="muted" role="status">Loading keys…</p>`
    }
    if (this._keys.length === 0) {
      return html`<aa-empty-state
        heading="No keys yet"
        text=" Create a publishable key below to put the assistant on your website."
      ></aa-empty-state>`
    }
    return html`<h2 id="keys-title" tabindex="-1">Your keys</h2>
      <table class="reflow">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Key</th>
            <th scope="col">Origins or scopes</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${this._keys.map((key) => this._renderRow(key))}
        </tbody>
      </table>`
  }

  private _renderRow(key: KeySummary) {
    const state = keyState(key)
    const name = key.name || 'Unnamed key'
    return html`<tr>
      <td data-label="Name">${name}</td>
      <td data-label="Type">${key.type === 'publishable' ? 'Publishable' : 'Secret'} (${key.mode})</td>
      <td data-label="Key"><code>${key.prefix}…</code></td>
      <td data-label=${key.type === 'publishable' ? 'Origins' : 'Scopes'}>
        ${
          key.type === 'publishable'
            ? html`<ul class="plain">
              ${key.allowedOrigins.map((o) => html`<li>${o}</li>`)}
            </ul>`
            : key.scopes
              ? key.scopes.length === KEY_SCOPES.length
                ? 'All'
                : key.scopes.map((s) => SCOPE_LABELS[s] ?? s).join(', ')
              : 'All'
        }
      </td>
      <td data-label="Created">${formatDateTime(key.createdAt)}</td>
      <td data-label="Last used">${key.lastUsedAt ? formatDateTime(key.lastUsedAt) : 'Never'}</td>
      <td data-label="State">
        <div>
          <span class="badge ${state.tone}">${state.label}</span>
          ${state.when ? html`<div class="hint">${state.when}</div>` : nothing}
        </div>
      </td>
      <td data-label="Actions">
        ${
          isUsable(key)
            ? html`<div class="actions">
              ${
                key.replacedBy
                  ? nothing
                  : html`<button type="button" @click=${() => this._askRotate(key)} aria-label="Rotate ${name} (${key.prefix}…)">
                    Rotate
                  </button>`
              }
              <button
                type="button"
                class="danger"
                @click=${() => this._askRevoke(key)}
                aria-label="Revoke ${name} (${key.prefix}…)"
              >
                Revoke
              </button>
            </div>`
            : nothing
        }
      </td>
    </tr>`
  }

  private _renderScriptTags() {
    const publishable = (this._keys ?? []).filter((k) => k.type === 'publishable' && isUsable(k))
    if (publishable.length === 0) return nothing
    return html`<h2>Script tags</h2>
      <p class="muted">
        Paste one before <code>&lt;/body&gt;</code> on every page of your website. The full key is
        only shown when a key is created: replace the shortened key (ending in …) with it.
      </p>
      <div class="tags">
        ${publishable.map((key) => {
          const tag = scriptTag(`${key.prefix}…`)
          return html`<div>
            <strong>${key.name || key.prefix}</strong>
            <pre>${tag}</pre>
            <aa-copy-button .text=${tag} label="Copy script tag"></aa-copy-button>
          </div>`
        })}
      </div>`
  }

  private _renderCreate() {
    const f = this._createErrors.fields
    const publishable = this._type === 'publishable'
    return html`<h2>Create a key</h2>
      <form class="stack card" @submit=${this._create}>
        <aa-error-banner .message=${this._createErrors.message}></aa-error-banner>
        <fieldset>
          <legend>Type</legend>
          <div class="create-type">
            <label class="inline"
              ><input
                type="radio"
                name="type"
                value="publishable"
                .checked=${publishable}
                @change=${() => {
                  this._type = 'publishable'
                }}
              />Publishable (for your website)</label
            >
            <label class="inline"
              ><input
                type="radio"
                name="type"
                value="secret"
                .checked=${!publishable}
                @change=${() => {
                  this._type = 'secret'
                }}
              />Secret (for your servers)</label
            >
          </div>
        </fieldset>
        <label for="key-name"
          ><span id="key-name-label">Name</span>
          <span class="hint" id="key-name-hint">So you recognise it later, such as “Main website”.</span>
          <input
            id="key-name"
            name="name"
            maxlength="100"
            autocomplete="off"
            aria-labelledby="key-name-label"
            aria-describedby="key-name-hint"
          />
        </label>
        <label for="key-mode"
          >Mode
          <select id="key-mode" name="mode">
            <option value="live">Live</option>
            <option value="test">Test</option>
          </select>
        </label>
        ${
          publishable
            ? html`<label for="key-origins"
              ><span id="origins-label">Allowed origins</span>
              <span class="hint" id="origins-hint"
                >One per line, such as https://www.hilltopmotors.com or https://*.hilltopmotors.com.
                The widget only works on pages from these.</span
              >
              <textarea
                id="key-origins"
                name="allowedOrigins"
                rows="3"
                required
                aria-labelledby="origins-label"
                aria-describedby="origins-hint ${f.allowedOrigins ? 'origins-error' : ''}"
                aria-invalid=${f.allowedOrigins ? 'true' : 'false'}
              ></textarea>
              ${
                f.allowedOrigins
                  ? html`<span class="field-error" id="origins-error">${f.allowedOrigins}</span>`
                  : nothing
              }
            </label>`
            : html`<fieldset>
              <legend>Scopes</legend>
              <p class="hint">What this key may do. Give a server only what it needs.</p>
              <div class="scopes">
                ${KEY_SCOPES.map(
                  (scope) =>
                    html`<label class="inline"
                      ><input type="checkbox" name="scopes" value=${scope} checked />${SCOPE_LABELS[scope]}</label
                    >`,
                )}
              </div>
              ${f.scopes ? html`<span class="field-error">${f.scopes}</span>` : nothing}
            </fieldset>`
        }
        <div class="actions">
          <!-- aria-disabled, not disabled: a disabled button drops the keyboard focus, which then
            has nowhere to come back to when the new key's dialog closes. -->
          <button class="primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
            ${this._busy ? 'Creating…' : `Create ${publishable ? 'publishable' : 'secret'} key`}
          </button>
        </div>
      </form>`
  }

  private _renderCreatedDialog() {
    const key = this._created
    return html`<dialog id="created" aria-labelledby="created-title" @close=${this._closedCreated}>
      ${
        key
          ? html`<h2 id="created-title">Your new ${key.type} key</h2>
            <p>
              <strong>Copy it now: this is the only time the full key is shown.</strong>
              ${key.type === 'secret' ? 'Store it where your servers keep their secrets.' : ''}
            </p>
            <pre class="key-value" aria-label="The new key">${key.key}</pre>
            <p><aa-copy-button .text=${key.key} label="Copy key"></aa-copy-button></p>
            ${
              key.type === 'publishable'
                ? html`<p>Or paste this into your website’s pages:</p>
                  <pre>${scriptTag(key.key)}</pre>
                  <p>
                    <aa-copy-button .text=${scriptTag(key.key)} label="Copy script tag"></aa-copy-button>
                  </p>`
                : nothing
            }
            <form method="dialog" class="actions">
              <button class="primary" autofocus>I have copied it</button>
            </form>`
          : nothing
      }
    </dialog>`
  }

  private _renderRotateDialog() {
    const key = this._target
    return html`<dialog id="rotate" aria-labelledby="rotate-title">
      ${
        key
          ? html`<h2 id="rotate-title">Rotate ${key.name || key.prefix}</h2>
            <p>
              A new key replaces this one with the same
              ${key.type === 'publishable' ? 'origins' : 'scopes'}. Keep the old key working long
              enough to put the new one everywhere it is used.
            </p>
            <aa-error-banner .message=${this._dialogError}></aa-error-banner>
            <form class="stack" @submit=${this._rotate}>
              <label for="overlap"
                >Old key keeps working for
                <select id="overlap" name="overlap">
                  ${OVERLAPS.map(
                    (o) =>
                      html`<option value=${o.seconds} ?selected=${o.seconds === 86_400}>${o.label}</option>`,
                  )}
                </select>
              </label>
              <div class="actions">
                <button class="primary" type="submit" ?disabled=${this._busy}>Rotate key</button>
                <button type="button" @click=${() => this._rotateDialog?.close()}>Cancel</button>
              </div>
            </form>`
          : nothing
      }
    </dialog>`
  }

  private _renderRevokeDialog() {
    const key = this._target
    return html`<dialog id="revoke" aria-labelledby="revoke-title">
      ${
        key
          ? html`<h2 id="revoke-title">Revoke ${key.name || key.prefix}?</h2>
            <p>
              ${
                key.type === 'publishable'
                  ? 'The assistant stops working on websites using this key, straight away.'
                  : 'Servers using this key are refused from now on.'
              }
              This cannot be undone.
            </p>
            <aa-error-banner .message=${this._dialogError}></aa-error-banner>
            <div class="actions">
              <button class="danger" type="button" @click=${this._revoke} ?disabled=${this._busy}>
                Revoke key
              </button>
              <button type="button" autofocus @click=${() => this._revokeDialog?.close()}>
                Cancel
              </button>
            </div>`
          : nothing
      }
    </dialog>`
  }

  private async _create(event: SubmitEvent) {
    event.preventDefault()
    if (this._busy) return
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const body: CreateKeyRequest & { scopes?: KeyScope[] } = {
      type: this._type,
      mode: data.get('mode') === 'test' ? 'test' : 'live',
    }
    const name = String(data.get('name') ?? '').trim()
    if (name) body.name = name
    if (this._type === 'publishable') {
      body.allowedOrigins = String(data.get('allowedOrigins') ?? '')
        .split(/[\s,]+/)
        .map((o) => o.trim().replace(/\/+$/, ''))
        .filter(Boolean)
    } else {
      body.scopes = data.getAll('scopes').map(String) as KeyScope[]
      if (body.scopes.length === 0) {
        this._createErrors = { message: '', fields: { scopes: 'Choose at least one scope.' } }
        return
      }
    }
    this._busy = true
    this._createErrors = { message: '', fields: {} }
    try {
      const created = await this.api.request<CreatedApiKey>('POST', '/keys', body)
      form.reset()
      this._type = 'publishable'
      await this._showCreated(created)
    } catch (err) {
      const errors = formErrors(err)
      // Validation paths look like `allowedOrigins.0`: the field is the part before the dot.
      for (const [path, message] of Object.entries(errors.fields)) {
        const root = path.split('.')[0] ?? path
        errors.fields[root] ??= message
      }
      if (err instanceof Error && /origin/i.test(err.message) && !errors.fields.allowedOrigins) {
        errors.fields.allowedOrigins = err.message
      }
      this._createErrors = errors
    } finally {
      this._busy = false
    }
  }

  private async _showCreated(created: CreatedApiKey) {
    this._created = created
    await this._load()
    await this.updateComplete
    openDialog(this._createdDialog)
  }

  private _closedCreated() {
    // The full key leaves memory with the dialog.
    this._created = undefined
  }

  private async _askRotate(key: KeySummary) {
    this._target = key
    this._dialogError = ''
    await this.updateComplete
    openDialog(this._rotateDialog)
  }

  private async _askRevoke(key: KeySummary) {
    this._target = key
    this._dialogError = ''
    await this.updateComplete
    openDialog(this._revokeDialog)
  }

  private async _rotate(event: SubmitEvent) {
    event.preventDefault()
    const key = this._target
    if (!key) return
    const overlap = Number(new FormData(event.target as HTMLFormElement).get('overlap') ?? 86_400)
    const body: RotateKeyRequest = { overlapSeconds: overlap }
    this._busy = true
    try {
      const created = await this.api.request<CreatedApiKey>(
        'POST',
        `/keys/${encodeURIComponent(key.id)}/rotate`,
        body,
      )
      this._rotateDialog?.close()
      await this._showCreated(created)
    } catch (err) {
      this._dialogError = formErrors(err).message
    } finally {
      this._busy = false
    }
  }

  private async _revoke() {
    const key = this._target
    if (!key) return
    this._busy = true
    try {
      await this.api.request('POST', `/keys/${encodeURIComponent(key.id)}/revoke`)
      this._revokeDialog?.close()
      await this._load()
      // The revoked key's buttons are gone with their focus: the list of keys takes it.
      await this.updateComplete
      this.renderRoot.querySelector<HTMLElement>('#keys-title')?.focus()
    } catch (err) {
      this._dialogError = formErrors(err).message
    } finally {
      this._busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-keys-page': AaKeysPage
  }
}
