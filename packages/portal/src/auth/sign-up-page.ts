import type { AuthSession, SignUpRequest } from '@avataradam/sdk/protocol'
import { html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { field, formValues, signedInEvent } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/error-banner.ts'

/**
 * A new dealership and its owner.
 *
 * @fires aa-signed-in - detail: the AuthSession
 */
@customElement('aa-sign-up-page')
export class AaSignUpPage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor query = new URLSearchParams()

  @state() accessor _busy = false
  @state() accessor _errors: FormErrors = { message: '', fields: {} }

  override render() {
    const f = this._errors.fields
    return html`<aa-error-banner .message=${this._errors.message}></aa-error-banner>
      <form class="stack" @submit=${this._submit}>
        ${field({
          label: 'Dealership name',
          name: 'dealershipName',
          autocomplete: 'organization',
          required: true,
          error: f.dealershipName,
        })}
        ${field({ label: 'Your name', name: 'name', autocomplete: 'name', required: true, error: f.name })}
        ${field({
          label: 'Email',
          name: 'email',
          type: 'email',
          autocomplete: 'email',
          required: true,
          error: f.email,
        })}
        ${field({
          label: 'Password',
          name: 'password',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 10,
          hint: 'At least 10 characters.',
          error: f.password,
        })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? 'Creating…' : 'Create account'}
          </button>
        </div>
      </form>
      <p class="muted">Already have an account? <a href=${href('/sign-in')}>Sign in</a></p>`
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault()
    const v = formValues(event.target as HTMLFormElement)
    const body: SignUpRequest = {
      dealershipName: v.dealershipName?.trim() ?? '',
      name: v.name?.trim() ?? '',
      email: v.email?.trim() ?? '',
      password: v.password ?? '',
    }
    this._busy = true
    this._errors = { message: '', fields: {} }
    try {
      const session = await this.api.request<AuthSession>('POST', '/auth/signup', body)
      this.dispatchEvent(signedInEvent(session))
    } catch (err) {
      this._errors = formErrors(err, { email_taken: 'email', weak_password: 'password' })
    } finally {
      this._busy = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-sign-up-page': AaSignUpPage
  }
}
