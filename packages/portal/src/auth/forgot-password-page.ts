import { html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { field, formValues } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/error-banner.ts'

/** Asks for a reset link. Says the same whether or not the address has an account. */
@customElement('aa-forgot-password-page')
export class AaForgotPasswordPage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor query = new URLSearchParams()

  @state() accessor _busy = false
  @state() accessor _sentTo = ''
  @state() accessor _errors: FormErrors = { message: '', fields: {} }

  override render() {
    if (this._sentTo) {
      return html`<p role="status">
          If an account exists for <strong>${this._sentTo}</strong>, we sent it a link to choose a
          new password. The link works for a limited time.
        </p>
        <p><a href=${href('/sign-in')}>Back to sign in</a></p>`
    }
    return html`<aa-error-banner .message=${this._errors.message}></aa-error-banner>
      <p>Enter your email address and we will send you a link to choose a new password.</p>
      <form class="stack" @submit=${this._submit}>
        ${field({
          label: 'Email',
          name: 'email',
          type: 'email',
          autocomplete: 'email',
          required: true,
          error: this._errors.fields.email,
        })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>Send link</button>
          <a href=${href('/sign-in')}>Back to sign in</a>
        </div>
      </form>`
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault()
    const email = formValues(event.target as HTMLFormElement).email?.trim() ?? ''
    this._busy = true
    this._errors = { message: '', fields: {} }
    try {
      await this.api.request('POST', '/auth/password-reset', { email })
      this._sentTo = email
    } catch (err) {
      this._errors = formErrors(err)
    } finally {
      this._busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-forgot-password-page': AaForgotPasswordPage
  }
}
