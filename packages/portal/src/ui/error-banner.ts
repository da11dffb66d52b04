import { css, html, LitElement, nothing } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/**
 * An error message that screen readers announce as it appears (`role="alert"`). Renders
 * nothing without a message.
 *
 * @example html`<aa-error-banner .message=${this._error}></aa-error-banner>`
 */
@customElement('aa-error-banner')
export class AaErrorBanner extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
    div {
      border: 1px solid var(--portal-danger, #b42318);
      border-left-width: 4px;
      border-radius: var(--portal-radius, 8px);
      padding: 10px 12px;
      margin: 0 0 var(--portal-space, 16px);
      color: var(--portal-danger, #b42318);
      background: var(--portal-surface, #fff);
    }
  `

  /** The text to show; empty or undefined hides the banner. */
  @property() accessor message: string | undefined

  override render() {
    // The live region stays in the page so a new message is announced, not just shown.
    return html`<span role="alert">${this.message ? html`<div>${this.message}</div>` : nothing}</span>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-error-banner': AaErrorBanner
  }
}
