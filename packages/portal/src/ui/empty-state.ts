import { css, html, LitElement } from 'lit'
import { customElement, property } from 'lit/decorators.js'

/**
 * What a list shows when it has nothing yet: a heading, a sentence, and (slotted) the action
 * that fills it.
 *
 * @slot - an action, such as a button
 */
@customElement('aa-empty-state')
export class AaEmptyState extends LitElement {
  static override styles = css`
    :host {
      display: block;
      text-align: center;
      padding: calc(var(--portal-space, 16px) * 2) var(--portal-space, 16px);
      border: 1px dashed var(--portal-border, #d4d8de);
      border-radius: var(--portal-radius, 8px);
      background: var(--portal-surface, #fff);
    }
    p {
      margin: 0 0 12px;
      color: var(--portal-muted, #5b6270);
    }
    strong {
      display: block;
      margin-bottom: 4px;
      color: var(--portal-text, #17191c);
    }
  `

  @property() accessor heading = ''
  @property() accessor text = ''

  override render() {
    return html`<p><strong>${this.heading}</strong>${this.text}</p>
      <slot></slot>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-empty-state': AaEmptyState
  }
}
