import { html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, type PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { field, formValues } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/error-banner.ts'

/** `/portal/reset-password?token=…`: the emailed link's page. Signs out everywhere on success. */
@customElement('aa-reset-password-page')
export class AaResetPasswordPage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor query = new URLSearchParams()

  @state() accessor _busy = false
  @state() accessor _done = false
  @state() accessor _errors: FormErrors = { message: '', fields: {} }

  override render() {
    const token = this.query.get('token')
    if (!token) {
      return html`<p>This link is missing its token. Open the link from the email again, or
          <a href=${href('/forgot-password')}>ask for a new one</a>.</p>`
    }
    if (this._done) {
      return html`<p role="status">
          Your password is changed. For your safety every session was signed out.
        </p>
        <p><a href=${href('/sign-in')}>Sign in with your new password</a></p>`
    }
    return html`<aa-error-banner .message=${this._errors.message}></aa-error-banner>
      <form class="stack" @submit=${this._submit}>
        ${field({
          label: 'New password',
          name: 'password',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 10,
          hint: 'At least 10 characters.',
          error: this._errors.fields.password,
        })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>Change password</button>
        </div>
      </form>`
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault()
    const password = formValues(event.target as HTMLFormElement).password ?? ''
    this._busy = true
    this._errors = { message: '', fields: {} }
    try {
      await this.api.request('POST', '/auth/password-reset/confirm', {
        token: this.query.get('token'),
        password,
      })
      this._done = true
    } catch (err) {
      this._errors = formErrors(err, { weak_password: 'password' })
      if (
        err instanceof ApiError &&
        (err.code === 'invalid_token' || err.code === 'token_expired')
      ) {
        this._errors.message =
          'This link has expired or was already used. Ask for a new one from the sign-in page.'
      }
    } finally {
      this._busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-reset-password-page': AaResetPasswordPage
  }
}
