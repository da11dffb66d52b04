import type {
  Account,
  ChangePasswordRequest,
  TotpConfirmed,
  TotpDisableRequest,
  TotpSetup,
} from '@avataradam/sdk/protocol'
import { css, html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { field, formValues } from '../ui/field.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { qrCodeDataUrl } from '../ui/qr-code.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/copy-button.ts'
import '../ui/error-banner.ts'

const NO_ERRORS: FormErrors = { message: '', fields: {} }

/** The signed-in member's own security: password, and two-factor with recovery codes. */
@customElement('aa-security-page')
export class AaSecurityPage extends LitElement {
  static override styles = [
    portalStyles,
    css`
      .qr {
        width: 200px;
        height: 200px;
        image-rendering: pixelated;
        background: white;
      }
      .codes {
        columns: 2;
        list-style: none;
        padding: 0;
        font-family: var(--portal-mono, monospace);
      }
    `,
  ]

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _passwordErrors = NO_ERRORS
  @state() accessor _passwordStatus = ''
  @state() accessor _totpErrors = NO_ERRORS
  @state() accessor _totpStatus = ''
  @state() accessor _setup: TotpSetup | undefined
  @state() accessor _recoveryCodes: string[] | undefined
  /** Follows the account, then what this page changed. */
  @state() accessor _totpEnabled: boolean | undefined
  @state() accessor _busy = false

  private get _enabled() {
    return this._totpEnabled ?? this.account?.totpEnabled ?? false
  }

  override render() {
    return html`${this._renderPassword()} ${this._renderTotp()}`
  }

  private _renderPassword() {
    const f = this._passwordErrors.fields
    return html`<h2>Password</h2>
      <form class="stack card" @submit=${this._changePassword}>
        <aa-error-banner .message=${this._passwordErrors.message}></aa-error-banner>
        <input type="text" name="username" autocomplete="username" .value=${this.account?.email ?? ''} hidden />
        ${field({
          label: 'Current password',
          name: 'currentPassword',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          error: f.currentPassword,
        })}
        ${field({
          label: 'New password',
          name: 'newPassword',
          type: 'password',
          autocomplete: 'new-password',
          required: true,
          minlength: 10,
          hint: 'At least 10 characters. Your other sessions are signed out.',
          error: f.newPassword,
        })}
        <p role="status" aria-live="polite">${this._passwordStatus}</p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>Change password</button>
        </div>
      </form>`
  }

  private _renderTotp() {
    return html`<h2>Two-factor authentication</h2>
      <div class="card">
        <aa-error-banner .message=${this._totpErrors.message}></aa-error-banner>
        <p role="status" aria-live="polite">${this._totpStatus}</p>
        ${
          this._recoveryCodes
            ? this._renderRecoveryCodes(this._recoveryCodes)
            : this._setup
              ? this._renderSetup(this._setup)
              : this._enabled
                ? this._renderDisable()
                : html`<p>
                    Two-factor is <strong>off</strong>. With it on, signing in also asks for a code
                    from an authenticator app on your phone.
                  </p>
                  <button class="primary" type="button" @click=${this._startSetup} ?disabled=${this._busy}>
                    Set up two-factor
                  </button>`
        }
      </div>`
  }

  private _renderSetup(setup: TotpSetup) {
    return html`<ol>
        <li>
          <p>Scan this code with your authenticator app (Google Authenticator, 1Password, Authy…):</p>
          <img class="qr" src=${qrCodeDataUrl(setup.otpauthUrl)} alt="QR code for your authenticator app" />
          <p>
            Cannot scan? Enter this key instead: <code>${setup.secret}</code>
            <aa-copy-button .text=${setup.secret} label="Copy key"></aa-copy-button>
          </p>
        </li>
        <li>
          <p>Enter the 6-digit code the app shows, and your password to confirm it is you:</p>
          <form class="stack" @submit=${this._confirm}>
            ${field({
              label: 'Code',
              name: 'code',
              inputmode: 'numeric',
              autocomplete: 'one-time-code',
              pattern: '[0-9]{6}',
              maxlength: 6,
              required: true,
              error: this._totpErrors.fields.code,
            })}
            ${field({
              label: 'Password',
              name: 'password',
              type: 'password',
              autocomplete: 'current-password',
              required: true,
              error: this._totpErrors.fields.password,
            })}
            <div class="actions">
              <button class="primary" type="submit" ?disabled=${this._busy}>Turn on two-factor</button>
              <button type="button" @click=${this._cancelSetup}>Cancel</button>
            </div>
          </form>
        </li>
      </ol>`
  }

  private _renderRecoveryCodes(codes: string[]) {
    const text = codes.join('\n')
    return html`<p><strong>Two-factor is on.</strong> Save these recovery codes now: each signs
        you in once if you lose your phone, and they are not shown again.</p>
      <ul class="codes" aria-label="Recovery codes">
        ${codes.map((c) => html`<li>${c}</li>`)}
      </ul>
      <div class="actions">
        <aa-copy-button .text=${text} label="Copy codes"></aa-copy-button>
        <button type="button" @click=${() => this._download(text)}>Download as a file</button>
        <button class="primary" type="button" @click=${this._doneWithCodes}>I have saved them</button>
      </div>`
  }

  private _renderDisable() {
    const f = this._totpErrors.fields
    return html`<p>Two-factor is <strong>on</strong>.</p>
      <form class="stack" @submit=${this._disable}>
        <p class="hint">To turn it off, confirm with your password and a current code.</p>
        <input type="text" name="username" autocomplete="username" .value=${this.account?.email ?? ''} hidden />
        ${field({
          label: 'Password',
          name: 'password',
          type: 'password',
          autocomplete: 'current-password',
          required: true,
          error: f.password,
        })}
        ${field({
          label: 'Code from your authenticator app',
          name: 'code',
          inputmode: 'numeric',
          autocomplete: 'one-time-code',
          required: true,
          error: f.code,
        })}
        <div class="actions">
          <button class="danger" type="submit" ?disabled=${this._busy}>Turn off two-factor</button>
        </div>
      </form>`
  }

  private async _run(action: () => Promise<void>, onError: (err: unknown) => void) {
    this._busy = true
    try {
      await action()
    } catch (err) {
      onError(err)
    } finally {
      this._busy = false
    }
  }

  private async _changePassword(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const v = formValues(form)
    const body: ChangePasswordRequest = {
      currentPassword: v.currentPassword ?? '',
      newPassword: v.newPassword ?? '',
    }
    this._passwordErrors = NO_ERRORS
    this._passwordStatus = ''
    await this._run(
      async () => {
        await this.api.request('POST', '/me/password', body)
        form.reset()
        this._passwordStatus = 'Your password is changed. Other sessions were signed out.'
      },
      (err) => {
        this._passwordErrors = formErrors(err, {
          invalid_credentials: 'currentPassword',
          weak_password: 'newPassword',
        })
      },
    )
  }

  private async _startSetup() {
    this._totpErrors = NO_ERRORS
    this._totpStatus = ''
    await this._run(
      async () => {
        this._setup = await this.api.request<TotpSetup>('POST', '/me/totp/setup')
        // The button that had focus is gone: continue where the member types next.
        await this.updateComplete
        this.renderRoot.querySelector<HTMLInputElement>('input[name="code"]')?.focus()
      },
      (err) => {
        this._totpErrors = formErrors(err)
      },
    )
  }

  private _cancelSetup() {
    this._setup = undefined
    this._totpErrors = NO_ERRORS
  }

  private async _confirm(event: SubmitEvent) {
    event.preventDefault()
    const values = formValues(event.target as HTMLFormElement)
    const code = values.code?.trim() ?? ''
    this._totpErrors = NO_ERRORS
    await this._run(
      async () => {
        const confirmed = await this.api.request<TotpConfirmed>('POST', '/me/totp/confirm', {
          code,
          password: values.password ?? '',
        })
        this._setup = undefined
        this._totpEnabled = true
        this._recoveryCodes = confirmed.recoveryCodes
      },
      (err) => {
        this._totpErrors = formErrors(err, {
          invalid_totp: 'code',
          invalid_credentials: 'password',
        })
      },
    )
  }

  private _download(text: string) {
    const url = URL.createObjectURL(new Blob([`${text}\n`], { type: 'text/plain' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'avataradam-recovery-codes.txt'
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }

  private _doneWithCodes() {
    // The codes leave memory once the member has them.
    this._recoveryCodes = undefined
    this._totpStatus = 'Two-factor is on.'
  }

  private async _disable(event: SubmitEvent) {
    event.preventDefault()
    const v = formValues(event.target as HTMLFormElement)
    const body: TotpDisableRequest = { password: v.password ?? '', code: v.code?.trim() ?? '' }
    this._totpErrors = NO_ERRORS
    await this._run(
      async () => {
        await this.api.request('POST', '/me/totp/disable', body)
        this._totpEnabled = false
        this._totpStatus = 'Two-factor is off.'
      },
      (err) => {
        this._totpErrors = formErrors(err, {
          invalid_credentials: 'password',
          invalid_totp: 'code',
        })
      },
    )
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-security-page': AaSecurityPage
  }
}
