import { css } from 'lit'

/**
 * What the data pages share: the shell's custom properties (with fallbacks, so a page also reads
 * well on its own), form controls, buttons, status lines and tables that reflow on phones.
 */
export const pageStyles = css`
  :host {
    display: block;
    color: var(--portal-text, #111827);
    font: inherit;
    --_space: var(--portal-space, 1rem);
    --_radius: var(--portal-radius, 8px);
    --_border: var(--portal-border, #d1d5db);
    --_muted: var(--portal-muted, #4b5563);
    --_accent: var(--portal-accent, #1d4ed8);
    --_on-accent: var(--portal-on-accent, #ffffff);
    --_danger: var(--portal-danger, #b91c1c);
    --_surface: var(--portal-surface, #ffffff);
    --_bg: var(--portal-bg, #f3f4f6);
  }
  * {
    box-sizing: border-box;
  }
  h1 {
    font-size: 1.5rem;
    margin: 0 0 var(--_space);
  }
  h2 {
    font-size: 1.15rem;
    margin: 0 0 calc(var(--_space) / 2);
  }
  section.card {
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-bottom: var(--_space);
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  .button {
    font: inherit;
    min-height: 2.5rem;
    padding: 0.4rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: inherit;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    color: var(--_danger);
    border-color: currentColor;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  a:focus-visible,
  [tabindex]:focus-visible,
  /* Date and time inputs focus a part inside themselves, which then matches only :focus-within. */
  input[type='date']:focus-within,
  input[type='time']:focus-within {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  a {
    color: var(--_accent);
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.25rem;
  }
  input:not([type='checkbox']):not([type='radio']):not([type='color']),
  select,
  textarea {
    font: inherit;
    width: 100%;
    min-height: 2.5rem;
    padding: 0.4rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: inherit;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--_space) / 2);
    align-items: end;
  }
  .row > .grow {
    flex: 1 1 12rem;
  }
  .field {
    margin-bottom: var(--_space);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-weight: normal;
    min-height: 2.5rem;
  }
  .status {
    min-height: 1.5em;
  }
  .badge {
    display: inline-block;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.8rem;
    border: 1px solid var(--_border);
    background: var(--_bg);
    white-space: nowrap;
  }
  .badge.ok {
    border-color: var(--portal-ok, #15803d);
    color: var(--portal-ok, #15803d);
  }
  .badge.bad {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .badge.accent {
    border-color: var(--_accent);
    color: var(--_accent);
  }
  progress {
    width: 100%;
    height: 0.6rem;
    accent-color: var(--_accent);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    text-align: left;
    padding: 0.5rem;
    border-bottom: 1px solid var(--_border);
    vertical-align: top;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  /* Tables become one card per row on phones: each cell shows its column name. */
  @media (max-width: 700px) {
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
    table.reflow tr {
      display: block;
      border-bottom: 1px solid var(--_border);
      padding: 0.5rem 0;
    }
    table.reflow td {
      display: grid;
      grid-template-columns: 7rem 1fr;
      gap: 0.5rem;
      border: 0;
      padding: 0.2rem 0;
    }
    table.reflow td::before {
      content: attr(data-label);
      font-weight: 600;
      color: var(--_muted);
    }
  }
`
