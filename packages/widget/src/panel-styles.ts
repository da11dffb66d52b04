import { css } from 'lit'

/**
 * The chat dialog. Colours come from the `--_*` theme variables `<avatar-adam>` defines (see
 * launcher-styles.ts); the fallbacks only matter for the panel used on its own.
 */
export const panelStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .panel {
    position: fixed;
    z-index: var(--_z, 2147483000);
    right: var(--_offset, 20px);
    bottom: calc(var(--_offset, 20px) + 72px);
    width: min(390px, calc(100vw - 2 * var(--_offset, 20px)));
    height: min(640px, calc(100vh - var(--_offset, 20px) - 100px));
    display: flex;
    flex-direction: column;
    overflow: hidden;
    background: var(--_surface, #fff);
    color: var(--_text, #1b1f24);
    border: 1px solid var(--_border, #747c88);
    border-radius: var(--_radius, 16px);
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.3);
    font: 15px/1.45 var(--_font, system-ui, sans-serif);
    text-align: start;
    animation: rise 0.18s ease-out;
  }
  :host([position='bottom-left']) .panel {
    right: auto;
    left: var(--_offset, 20px);
  }
  @media (max-width: 480px) {
    .panel {
      inset: 0;
      width: auto;
      height: auto;
      border: 0;
      border-radius: 0;
    }
  }
  @keyframes rise {
    from {
      opacity: 0;
      transform: translateY(12px);
    }
  }

  header {
    display: flex;
    align-items: center;
    gap: 10px;
    padding: 10px 8px 10px 14px;
    border-bottom: 1px solid var(--_surface-alt, #eef1f5);
  }
  .avatar-video {
    flex: none;
    width: calc(var(--avatar-adam-face-size, 48px) * 1.5);
    height: calc(var(--avatar-adam-face-size, 48px) * 1.5);
    border-radius: 50%;
    object-fit: cover;
    background: var(--_surface-alt, #eef1f5);
  }
  .heading {
    flex: 1;
    min-width: 0;
  }
  .avatar-image {
    flex: none;
    width: var(--avatar-adam-face-size, 48px);
    height: var(--avatar-adam-face-size, 48px);
    border-radius: 50%;
    object-fit: cover;
    background: var(--_surface-alt, #eef1f5);
  }
  .language {
    flex: none;
    max-width: 8em;
    padding: 4px;
    font: inherit;
    font-size: 13px;
    color: var(--_text, #1b1f24);
    background: var(--_surface, #fff);
    border: 1px solid var(--_border, #747c88);
    border-radius: 6px;
  }
  .language:focus-visible {
    outline: 3px solid var(--_focus, #1a56db);
    outline-offset: 1px;
  }
  /* The portal's live preview: the panel sits in the page's layout, not in a window corner. */
  :host([preview]) .panel {
    position: relative;
    inset: auto;
    right: auto;
    bottom: auto;
    left: auto;
    width: 100%;
    max-width: 390px;
    height: 560px;
    animation: none;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    line-height: 1.3;
  }
  .presence {
    margin: 0;
    font-size: 13px;
    color: var(--_muted, #4d5562);
  }

  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  button:focus-visible,
  input:focus-visible,
  a:focus-visible,
  summary:focus-visible {
    outline: 3px solid var(--_focus, #1a56db);
    outline-offset: 2px;
  }
  button:disabled {
    cursor: default;
    opacity: 0.55;
  }
  .icon {
    flex: none;
    display: grid;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: 0;
    border-radius: 50%;
    background: transparent;
  }
  .icon:hover:not(:disabled) {
    background: var(--_surface-alt, #eef1f5);
  }
  .icon[aria-pressed='true'] {
    color: var(--_accent, #1a56db);
  }
  svg {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }

  .notice {
    margin: 0;
    padding: 8px 14px;
    font-size: 14px;
    background: var(--_surface-alt, #eef1f5);
  }
  .notice:empty {
    display: none;
  }

  .messages {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    margin: 0;
    padding: 14px;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 10px;
  }
  .message {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 88%;
  }
  .lead {
    max-width: 92%;
  }
  .message.visitor {
    align-self: flex-end;
    align-items: flex-end;
  }
  .bubble {
    padding: 8px 12px;
    border-radius: 14px 14px 14px 4px;
    background: var(--_surface-alt, #eef1f5);
    overflow-wrap: anywhere;
    white-space: normal;
  }
  .visitor .bubble {
    border-radius: 14px 14px 4px 14px;
    background: var(--_accent, #1a56db);
    color: var(--_on-accent, #fff);
    white-space: pre-wrap;
  }
  .bubble p,
  .bubble ul {
    margin: 0 0 6px;
  }
  .bubble p:last-child,
  .bubble ul:last-child {
    margin-bottom: 0;
  }
  .bubble ul {
    padding-left: 20px;
  }
  .bubble a {
    color: var(--_accent, #1a56db);
    text-decoration: underline;
  }
  .error {
    margin: 4px 0 0;
    font-size: 14px;
    color: var(--_danger, #b3261e);
  }
  .link-button {
    margin-top: 2px;
    padding: 2px 0;
    border: 0;
    background: none;
    color: var(--_accent, #1a56db);
    text-decoration: underline;
  }

  details {
    margin-top: 4px;
    font-size: 13px;
    color: var(--_muted, #4d5562);
  }
  summary {
    cursor: pointer;
    padding: 2px 0;
  }
  details ul {
    margin: 4px 0 0;
    padding: 0;
    list-style: none;
  }
  details li {
    margin-top: 6px;
    padding-left: 8px;
    border-left: 3px solid var(--_surface-alt, #eef1f5);
  }
  .source-title {
    display: block;
    font-weight: 600;
    color: var(--_text, #1b1f24);
  }

  .typing {
    display: flex;
    gap: 4px;
    padding: 12px 14px;
  }
  .typing span {
    width: 7px;
    height: 7px;
    border-radius: 50%;
    background: var(--_muted, #4d5562);
    animation: typing 1.2s ease-in-out infinite;
  }
  .typing span:nth-child(2) {
    animation-delay: 0.15s;
  }
  .typing span:nth-child(3) {
    animation-delay: 0.3s;
  }
  @keyframes typing {
    0%,
    60%,
    100% {
      transform: translateY(0);
      opacity: 0.5;
    }
    30% {
      transform: translateY(-4px);
      opacity: 1;
    }
  }

  .suggestions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    padding: 0 14px 10px;
  }
  .suggestion {
    padding: 6px 12px;
    border: 1px solid var(--_accent, #1a56db);
    border-radius: 16px;
    background: var(--_surface, #fff);
    color: var(--_accent, #1a56db);
    font-size: 14px;
    text-align: start;
  }
  .suggestion:hover {
    background: var(--_surface-alt, #eef1f5);
  }
  /* The hand-off: a suggestion, filled. Its focus ring is every button's, offset from the fill. */
  .action {
    margin-top: 6px;
    padding: 6px 14px;
    border: 1px solid var(--_accent, #1a56db);
    border-radius: 16px;
    background: var(--_accent, #1a56db);
    color: var(--_on-accent, #fff);
    font-size: 14px;
    font-weight: 600;
    text-align: start;
  }
  .action:hover {
    box-shadow: 0 2px 6px rgb(0 0 0 / 0.25);
  }

  form {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px;
    border-top: 1px solid var(--_surface-alt, #eef1f5);
  }
  input {
    flex: 1;
    min-width: 0;
    height: 42px;
    padding: 0 14px;
    border: 1px solid var(--_border, #747c88);
    border-radius: 21px;
    background: var(--_surface, #fff);
    color: var(--_text, #1b1f24);
    font: inherit;
  }
  input::placeholder {
    color: var(--_muted, #4d5562);
    opacity: 1;
  }
  .send {
    background: var(--_accent, #1a56db);
    color: var(--_on-accent, #fff);
  }
  .send:hover:not(:disabled) {
    background: var(--_accent, #1a56db);
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }

  @media (prefers-reduced-motion: reduce) {
    *,
    .panel {
      animation: none !important;
      transition: none !important;
    }
  }
`
