import { css, html, LitElement } from 'lit'
import { customElement, property, state } from 'lit/decorators.js'

/** Copies text to the clipboard; falls back to a hidden textarea where the API is missing. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (plain http, older browsers) or permission refused.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.style.position = 'fixed'
    area.style.opacity = '0'
    document.body.append(area)
    area.select()
    let copied = false
    try {
      copied = document.execCommand('copy')
    } catch {}
    area.remove()
    return copied
  }
}

/**
 * A button that copies `text` and says so (politely announced).
 *
 * @example html`<aa-copy-button .text=${key} label="Copy key"></aa-copy-button>`
 */
@customElement('aa-copy-button')
export class AaCopyButton extends LitElement {
  static override styles = css`
    button {
      font: inherit;
      font-weight: 600;
      min-height: 44px;
      padding: 8px 14px;
      border-radius: calc(var(--portal-radius, 8px) * 0.75);
      border: 1px solid var(--portal-border, #d4d8de);
      background: var(--portal-surface, #fff);
      color: var(--portal-text, #17191c);
      cursor: pointer;
    }
    button:focus-visible {
      outline: 3px solid var(--portal-focus, #f59e0b);
      outline-offset: 2px;
    }
    .status {
      margin-left: 8px;
      font-size: 0.875rem;
      color: var(--portal-muted, #5b6270);
    }
  `

  @property() accessor text = ''
  @property() accessor label = 'Copy'
  @state() accessor _status = ''

  override render() {
    return html`<button type="button" @click=${this._copy}>${this.label}</button
      ><span class="status" role="status" aria-live="polite">${this._status}</span>`
  }

  private async _copy() {
    this._status = (await copyText(this.text))
      ? 'Copied.'
      : 'Could not copy: select the text and copy it yourself.'
    setTimeout(() => {
      this._status = ''
    }, 4000)
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-copy-button': AaCopyButton
  }
}
