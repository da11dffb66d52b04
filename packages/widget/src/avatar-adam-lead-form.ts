import type { Lead, LeadRequest, LeadSubmitPayload } from '@avataradam/sdk'
import { css, html, LitElement, nothing, type TemplateResult } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'
import { codeOf, errorText } from './error-text.ts'
import { STRINGS, type Strings } from './strings.ts'

/** What the form sends; the SDK adds the client lead id when it is missing. */
export type LeadSubmission = Omit<LeadSubmitPayload, 'clientLeadId'> & { clientLeadId: string }

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const PHONE = /^\+?[0-9 ().-]+$/

/**
 * `<avatar-adam-lead-form>`: the contact form the assistant offers in the chat (a test drive, a
 * quote, a call back) after a `lead:request`. Name, email or phone, an optional message and
 * consent; prefilled with what the visitor already said. Every field has a label, errors are
 * announced and focus the field at fault, and it works with the keyboard alone. Sending twice
 * (after an error) reuses one client lead id, so the server stores the lead once.
 *
 * @fires avatar-adam-lead - The lead was stored; `detail` is the SDK's `Lead`.
 */
@customElement('avatar-adam-lead-form')
export class AvatarAdamLeadForm extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    form,
    .sent {
      display: grid;
      gap: 6px;
      padding: 10px 12px;
      border: 1px solid var(--_border, #747c88);
      border-radius: 12px;
      background: var(--_surface, #fff);
    }
    .reason {
      margin: 0 0 4px;
      font-weight: 600;
    }
    label {
      font-size: 13px;
    }
    input[type='text'],
    input[type='email'],
    input[type='tel'],
    textarea {
      width: 100%;
      box-sizing: border-box;
      padding: 7px 9px;
      border: 1px solid var(--_border, #747c88);
      border-radius: 8px;
      font: inherit;
      color: inherit;
      background: inherit;
    }
    textarea {
      min-height: 60px;
      resize: vertical;
    }
    .consent {
      display: flex;
      gap: 8px;
      align-items: flex-start;
    }
    .hint {
      margin: 0;
      font-size: 12px;
      opacity: 0.8;
    }
    .error {
      margin: 0;
      color: var(--_error, #b3261e);
      font-size: 13px;
    }
    button {
      justify-self: start;
      padding: 8px 16px;
      border: 0;
      border-radius: 999px;
      background: var(--_accent, #1a56db);
      color: var(--_on-accent, #fff);
      font: inherit;
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.6;
      cursor: default;
    }
    :focus-visible {
      outline: 2px solid var(--_accent, #1a56db);
      outline-offset: 2px;
    }
    .sent {
      margin: 0;
    }
  `

  /** The assistant's request: the reason, the vehicle and what to prefill. */
  @property({ attribute: false }) accessor request: LeadRequest | undefined
  /** Sends the lead (the SDK client's `submitLead`). */
  @property({ attribute: false }) accessor submit:
    | ((lead: LeadSubmission) => Promise<Lead>)
    | undefined

  /** The form's words, in the panel's language. */
  @property({ attribute: false }) accessor strings: Strings['lead'] = STRINGS.en!.lead

  @state() accessor _sending = false
  @state() accessor _sent: Lead | undefined
  @state() accessor _error = ''

  // One id per form: a second press after a lost answer must not store a second lead.
  #clientLeadId = `l_${Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')}`

  override render(): TemplateResult {
    const request = this.request
    if (!request) return html``
    if (this._sent) {
      return html`<p class="sent" role="status" part="lead-sent">
        ${this.strings.thanks.replace('{name}', this._sent.name)}
      </p>`
    }
    const prefill = request.prefill ?? {}
    const t = this.strings
    return html`<form
      part="lead-form"
      aria-labelledby="lead-reason"
      novalidate
      @submit=${this.#onSubmit}
    >
      <p class="reason" id="lead-reason">${request.reason}</p>
      ${request.vehicle?.name ? html`<p class="hint">${request.vehicle.name}</p>` : nothing}
      <label for="lead-name">${t.name}</label>
      <input
        id="lead-name"
        name="name"
        type="text"
        autocomplete="name"
        required
        maxlength="120"
        .value=${prefill.name ?? ''}
      />
      <label for="lead-email">${t.email}</label>
      <input
        id="lead-email"
        name="email"
        type="email"
        autocomplete="email"
        maxlength="254"
        aria-describedby="lead-contact-hint"
        .value=${prefill.email ?? ''}
      />
      <label for="lead-phone">${t.phone}</label>
      <input
        id="lead-phone"
        name="phone"
        type="tel"
        autocomplete="tel"
        maxlength="25"
        aria-describedby="lead-contact-hint"
        .value=${prefill.phone ?? ''}
      />
      <p class="hint" id="lead-contact-hint">${t.contactHint}</p>
      <label for="lead-message">${t.message}</label>
      <textarea
        id="lead-message"
        name="message"
        maxlength="2000"
        .value=${prefill.message ?? ''}
      ></textarea>
      <label class="consent">
        <input id="lead-consent" name="consent" type="checkbox" required />
        <span>${t.consent}</span>
      </label>
      <p class="error" role="alert" part="lead-error">${this._error}</p>
      <button type="submit" part="lead-submit" ?disabled=${this._sending}>
        ${this._sending ? t.sending : t.send}
      </button>
    </form>`
  }

  #field<T extends HTMLInputElement | HTMLTextAreaElement = HTMLInputElement>(id: string): T {
    return this.renderRoot.querySelector<T>(`#${id}`)!
  }

  /** The form's values, or the first problem and the field it is in. */
  #read(): { lead: LeadSubmission } | { problem: string; field: string } {
    const value = (id: string) => this.#field(id).value.trim()
    const name = value('lead-name')
    const email = value('lead-email')
    const phone = value('lead-phone')
    const message = value('lead-message')
    const t = this.strings
    if (!name) return { problem: t.needName, field: 'lead-name' }
    if (!email && !phone) {
      return { problem: t.needContact, field: 'lead-email' }
    }
    if (email && !EMAIL.test(email)) {
      return { problem: t.badEmail, field: 'lead-email' }
    }
    const digits = phone.replace(/\D/g, '').length
    if (phone && (!PHONE.test(phone) || digits < 7 || digits > 20)) {
      return { problem: t.badPhone, field: 'lead-phone' }
    }
    if (!this.#field('lead-consent').checked) {
      return {
        problem: t.needConsent,
        field: 'lead-consent',
      }
    }
    const request = this.request!
    return {
      lead: {
        clientLeadId: this.#clientLeadId,
        conversationId: request.conversationId,
        name,
        ...(email ? { email } : {}),
        ...(phone ? { phone } : {}),
        ...(message ? { message } : {}),
        consent: true,
        reason: request.reason,
        ...(request.vehicle ? { vehicle: request.vehicle } : {}),
      },
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault()
    if (this._sending || !this.submit) return
    const read = this.#read()
    if ('problem' in read) {
      this._error = read.problem
      this.#field(read.field).focus()
      return
    }
    this._error = ''
    this._sending = true
    try {
      this._sent = await this.submit(read.lead)
      this.dispatchEvent(
        new CustomEvent('avatar-adam-lead', { detail: this._sent, bubbles: true, composed: true }),
      )
    } catch (error) {
      const code = codeOf(error)
      this._error =
        code === 'invalid_request'
          ? this.strings.checkDetails
          : code === 'rate_limited'
            ? this.strings.tooMany
            : errorText(code)
    } finally {
      this._sending = false
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'avatar-adam-lead-form': AvatarAdamLeadForm
  }
}
