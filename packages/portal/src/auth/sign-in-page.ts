import type { AuthSession, LoginRequest } from '@avataradam/sdk/protocol'
import { html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { ApiError, type PortalApi } from '../api.ts'
import { href } from '../router.ts'
import { field, formValues, signedInEvent } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/error-banner.ts'

/**
 * Sign in with email and password; with two-factor on, a second step asks for the 6-digit code
 * (or a recovery code).
 *
 * @fires aa-signed-in - detail: the AuthSession
 */
@customElement('aa-sign-in-page')
export class AaSignInPage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor query = new URLSearchParams()

  @state() accessor _step: 'password' | 'code' = 'password'
  @state() accessor _useRecovery = false
  @state() accessor _busy = false
  @state() accessor _errors: FormErrors = { message: '', fields: {} }
  /** The first step's answers, sent again with the code. */
  private _credentials = { email: '', password: '' }

  override render() {
    const e = this._errors
    return html`<aa-error-banner .message=${e.message}></aa-error-banner>
      ${this._step === 'password' ? this._passwordStep() : this._codeStep()}`
  }

  private _passwordStep() {
    const f = this._errors.fields
    return html`<form class="stack" @submit=${this._submit}>
        ${field({
          label: 'Email',
          name: 'email',
          type: 'email',
          value: this._credentials.email,
          autocomplete: 'username',
          required: true,
          error: f.email,
        })}
        ${field({
          label: 'Password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          error: f.password,
        })}
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>
            ${this._busy ? 'Signing in…' : 'Sign in'}
          </button>
          <a href=${href('/forgot-password')}>Forgot your password?</a>
        </div>
      </form>
      <p class="muted">
        New dealership? <a href=${href('/sign-up')}>Create an account</a>
      </p>`
  }

  private _codeStep() {
    const f = this._errors.fields
    return html`<form class="stack" @submit=${this._submit}>
      <p>Two-factor authentication is on for ${this._credentials.email}.</p>
      ${
        this._useRecovery
          ? field({
              label: 'Recovery code',
              name: 'recoveryCode',
              autocomplete: 'off',
              required: true,
              hint: 'One of the codes you saved when you turned on two-factor. Each works once.',
              error: f.recoveryCode,
            })
          : field({
              label: 'Code from your authenticator app',
              name: 'totp',
              inputmode: 'numeric',
              autocomplete: 'one-time-code',
              pattern: '[0-9]{6}',
              maxlength: 6,
              required: true,
              hint: '6 digits',
              error: f.totp,
            })
      }
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this._busy}>
          ${this._busy ? 'Checking…' : 'Verify and sign in'}
        </button>
        <button class="link" type="button" @click=${this._toggleRecovery}>
          ${this._useRecovery ? 'Use a code from the app' : 'Use a recovery code'}
        </button>
        <button class="link" type="button" @click=${this._back}>Back</button>
      </div>
    </form>`
  }

  private async _submit(event: SubmitEvent) {
    event.preventDefault()
    const values = formValues(event.target as HTMLFormElement)
    if (this._step === 'password') {
      this._credentials = { email: values.email ?? '', password: values.password ?? '' }
    }
    const body: LoginRequest = { ...this._credentials }
    if (values.totp) body.totp = values.totp.trim()
    if (values.recoveryCode) body.recoveryCode = values.recoveryCode.trim()
    this._busy = true
    this._errors = { message: '', fields: {} }
    try {
      const session = await this.api.request<AuthSession>('POST', '/auth/login', body)
      this.dispatchEvent(signedInEvent(session))
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        this._step = 'code'
        await this.updateComplete
        this.renderRoot.querySelector('input')?.focus()
        return
      }
      this._errors = formErrors(err, {
        invalid_totp: this._useRecovery ? 'recoveryCode' : 'totp',
      })
    } finally {
      this._busy = false
    }
  }

  private _toggleRecovery() {
    this._useRecovery = !this._useRecovery
    this._errors = { message: '', fields: {} }
    void this.updateComplete.then(() => this.renderRoot.querySelector('input')?.focus())
  }

  private _back() {
    this._step = 'password'
    this._useRecovery = false
    this._errors = { message: '', fields: {} }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-sign-in-page': AaSignInPage
  }
}
