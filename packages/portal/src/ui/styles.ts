import { css } from 'lit'

/**
 * What every portal page shares: forms, buttons, tables that reflow on phones, dialogs and a
 * visible focus ring. Pages add `static override styles = [portalStyles, css`…`]`.
 */
export const portalStyles = css`
  :host {
    display: block;
    color: var(--portal-text, #17191c);
    font-family: var(--portal-font, system-ui, sans-serif);
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible,
  /* Date and time inputs focus a part inside themselves, which then matches only :focus-within. */
  input[type='date']:focus-within,
  input[type='time']:focus-within {
    outline: 3px solid var(--portal-focus, #f59e0b);
    outline-offset: 2px;
  }
  h2 {
    font-size: 1.15rem;
    margin: calc(var(--portal-space, 16px) * 1.5) 0 calc(var(--portal-space, 16px) * 0.5);
  }
  p {
    margin: 0 0 calc(var(--portal-space, 16px) * 0.75);
  }
  .muted {
    color: var(--portal-muted, #5b6270);
  }
  .card {
    background: var(--portal-surface, #fff);
    border: 1px solid var(--portal-border, #d4d8de);
    border-radius: var(--portal-radius, 8px);
    padding: var(--portal-space, 16px);
    margin-bottom: var(--portal-space, 16px);
  }
  form.stack,
  .stack {
    display: grid;
    gap: calc(var(--portal-space, 16px) * 0.75);
    max-width: 32rem;
  }
  label {
    display: grid;
    gap: 4px;
    font-weight: 600;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: 8px;
    font-weight: normal;
  }
  fieldset {
    border: 1px solid var(--portal-border, #d4d8de);
    border-radius: var(--portal-radius, 8px);
    padding: calc(var(--portal-space, 16px) * 0.75);
    margin: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .hint {
    font-weight: normal;
    font-size: 0.875rem;
    color: var(--portal-muted, #5b6270);
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--portal-bg, #fff);
    border: 1px solid var(--portal-border, #d4d8de);
    border-radius: calc(var(--portal-radius, 8px) * 0.75);
    padding: 8px 10px;
    min-height: 44px;
    width: 100%;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border-color: var(--portal-danger, #b42318);
  }
  .field-error {
    color: var(--portal-danger, #b42318);
    font-weight: normal;
    font-size: 0.875rem;
  }
  button,
  .button {
    font: inherit;
    font-weight: 600;
    min-height: 44px;
    padding: 8px 16px;
    border-radius: calc(var(--portal-radius, 8px) * 0.75);
    border: 1px solid var(--portal-border, #d4d8de);
    background: var(--portal-surface, #fff);
    color: var(--portal-text, #17191c);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 6px;
  }
  button.primary {
    background: var(--portal-accent, #1d4ed8);
    border-color: var(--portal-accent, #1d4ed8);
    color: var(--portal-on-accent, #fff);
  }
  button.danger {
    color: var(--portal-danger, #b42318);
    border-color: currentColor;
  }
  button.link {
    border: none;
    background: none;
    color: var(--portal-accent, #1d4ed8);
    padding: 0;
    min-height: 0;
    text-decoration: underline;
    font-weight: normal;
  }
  button[disabled],
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  a {
    color: var(--portal-accent, #1d4ed8);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  code,
  pre,
  .mono {
    font-family: var(--portal-mono, ui-monospace, monospace);
    font-size: 0.875rem;
  }
  pre {
    white-space: pre-wrap;
    word-break: break-all;
    background: var(--portal-bg, #f4f5f7);
    border: 1px solid var(--portal-border, #d4d8de);
    border-radius: calc(var(--portal-radius, 8px) * 0.75);
    padding: 10px;
    margin: 0;
  }
  .badge {
    display: inline-block;
    padding: 0 8px;
    border-radius: 999px;
    font-size: 0.8rem;
    border: 1px solid var(--portal-border, #d4d8de);
    white-space: nowrap;
  }
  .badge.ok {
    border-color: var(--portal-ok, #15803d);
    color: var(--portal-ok, #15803d);
  }
  .badge.warn {
    border-color: var(--portal-warn, #9a6700);
    color: var(--portal-warn, #9a6700);
  }
  .badge.off {
    border-color: var(--portal-danger, #b42318);
    color: var(--portal-danger, #b42318);
  }

  /* Tables: rows become cards on narrow screens, each cell labelled by its column (data-label). */
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--portal-surface, #fff);
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 8px 10px;
    border-bottom: 1px solid var(--portal-border, #d4d8de);
    overflow-wrap: break-word;
  }
  th {
    font-size: 0.875rem;
    color: var(--portal-muted, #5b6270);
  }
  @media (max-width: 720px) {
    /* The hidden header row must not widen the page: the table clips what sticks out of it. */
    table.reflow {
      position: relative;
      overflow-x: clip;
    }
    table.reflow thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
    }
    table.reflow,
    table.reflow tbody,
    table.reflow tr,
    table.reflow td {
      display: block;
      width: 100%;
    }
    table.reflow tr {
      border: 1px solid var(--portal-border, #d4d8de);
      border-radius: var(--portal-radius, 8px);
      margin-bottom: 12px;
      padding: 4px 0;
    }
    table.reflow td {
      border: none;
      display: grid;
      grid-template-columns: 8rem 1fr;
      gap: 8px;
    }
    table.reflow td > * {
      justify-self: start;
    }
    table.reflow td::before {
      content: attr(data-label);
      font-weight: 600;
      color: var(--portal-muted, #5b6270);
    }
  }

  dialog {
    border: 1px solid var(--portal-border, #d4d8de);
    border-radius: var(--portal-radius, 8px);
    background: var(--portal-surface, #fff);
    color: var(--portal-text, #17191c);
    padding: calc(var(--portal-space, 16px) * 1.5);
    width: min(36rem, calc(100vw - 24px));
    max-height: calc(100dvh - 24px);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  dialog h2 {
    margin-top: 0;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`
