import type { AuthSession, InvitationPreview } from '@avataradam/sdk/protocol'
import { html, LitElement, type PropertyValues } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { field, formValues, signedInEvent } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/error-banner.ts'

const ROLE_NAMES = { owner: 'an owner', admin: 'an admin', agent: 'an agent' } as const

/**
 * `/portal/accept-invite?token=…`: shows what the invitation is for, then creates the member.
 *
 * @fires aa-signed-in - detail: the AuthSession
 */
@customElement('aa-accept-invite-page')
export class AaAcceptInvitePage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor query = new URLSearchParams()

  @state() accessor _preview: InvitationPreview | undefined
  @state() accessor _invalid = ''
  @state() accessor _busy = false
  @state() accessor _errors: FormErrors = { message: '', fields: {} }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('query')) void this._load()
  }

  private async _load() {
    const token = this.query.get('token')
    this._preview = undefined
    this._invalid = ''
    if (!token) {
      this._invalid = 'This link is missing its token. Open the link from the email again.'
      return
    }
    try {
      this._preview = await this.api.request<InvitationPreview>(
        'GET',
        `/auth/invitations/${encodeURIComponent(token)}`,
      )
    } catch (err) {
      this._invalid = formErrors(err).message
    }
  }

  override render() {
    if (this._invalid) {
      return html`<aa-error-banner .message=${this._invalid}></aa-error-banner>
        <p>
          Invitations expire and work once. Ask the person who invited you to send a new one, or
          <a href=${href('/sign-in')}>sign in</a> if you already joined.
        </p>`
    }
    const p = this._preview
    if (!p) return html`<p role="status" class="muted">Checking the invitation…</p>`
    const f = this._errors.fields
    return html`<p>
        You are invited to join <strong>${p.dealershipName}</strong> as ${ROLE_NAMES[p.role]},
        with the address <strong>${p.email}</strong>.
      </p>
      <aa-error-banner .message=${this._errors.message}></aa-error-banner>
      <form class="stack" @submit=${this._submit}>
        ${field({ label: 'Your name', name: 'name', autocomplete: 'name', required: true, error: f.name })}
        ${field({
          label: 'Choose a password',
          name: 'password',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 10,
          hint: 'At least 10 characters.',
          error: f.password,
        })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>Join ${p.dealershipName}</button>
        </div>
      </form>`
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault()
    const v = formValues(event.target as HTMLFormElement)
    this._busy = true
    this._errors = { message: '', fields: {} }
    try {
      const session = await this.api.request<AuthSession>('POST', '/auth/invitations/accept', {
        token: this.query.get('token'),
        name: v.name?.trim() ?? '',
        password: v.password ?? '',
      })
      this.dispatchEvent(signedInEvent(session))
    } catch (err) {
      this._errors = formErrors(err, { weak_password: 'password' })
    } finally {
      this._busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-accept-invite-page': AaAcceptInvitePage
  }
}
