import { css, html, LitElement, svg, type TemplateResult } from 'lit'
import { customElement, property } from 'lit/decorators.js'

export type FaceState = 'idle' | 'listening' | 'thinking' | 'speaking'

const HAIR = 'M13 31c0-12 8-19 19-19s19 7 19 19c-4-5-9-7-15-7-7 0-11 3-17 3-3 0-5 1-6 4z'

/**
 * `<avatar-adam-face>`: the built-in avatar, an SVG face animated by CSS alone (no inline styles,
 * so it works under a strict Content-Security-Policy). It blinks when idle, pulses a ring while
 * listening, looks up with thought dots while thinking, and moves its mouth with `mouth` while
 * speaking. Decorative: the panel's title names the assistant.
 *
 * @example
 * ```html
 * <avatar-adam-face state="speaking" .mouth=${0.8}></avatar-adam-face>
 * ```
 *
 * @cssprop --avatar-adam-skin - Face colour.
 * @cssprop --avatar-adam-hair - Hair and eyebrow colour.
 * @cssprop --avatar-adam-face-size - Width and height (default 48px).
 */
@customElement('avatar-adam-face')
export class AvatarAdamFace extends LitElement {
  static override styles = css`
    :host {
      display: inline-block;
      flex: none;
      width: var(--avatar-adam-face-size, 48px);
      height: var(--avatar-adam-face-size, 48px);
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
      border-radius: 50%;
      background: var(--_surface-alt, #eef1f5);
    }
    .skin {
      fill: var(--avatar-adam-skin, #d9a066);
    }
    .hair {
      fill: var(--avatar-adam-hair, #3b2a20);
    }
    .brow,
    .smile {
      fill: none;
      stroke-linecap: round;
    }
    .brow {
      stroke: var(--avatar-adam-hair, #3b2a20);
      stroke-width: 2;
      transition: transform 0.2s;
    }
    .smile {
      stroke: #6e2a26;
      stroke-width: 2.2;
    }
    .mouth {
      fill: #6e2a26;
    }
    .eye {
      fill: #1d1d1f;
      transform-box: fill-box;
      transform-origin: center;
      animation: blink 5s infinite;
    }
    .eyes {
      transition: transform 0.3s;
    }
    .shirt {
      fill: var(--_accent, #1a56db);
    }
    .ring {
      fill: none;
      stroke: var(--_accent, #1a56db);
      stroke-width: 3;
      opacity: 0;
      transform-box: fill-box;
      transform-origin: center;
    }
    .dots circle {
      fill: var(--_muted, #4d5562);
      opacity: 0;
    }
    .head {
      animation: breathe 6s ease-in-out infinite;
    }
    :host([state='listening']) .ring {
      opacity: 1;
      animation: pulse 1.2s ease-out infinite;
    }
    :host([state='listening']) .brow {
      transform: translateY(-1.5px);
    }
    :host([state='thinking']) .eyes {
      transform: translate(1.5px, -1.5px);
    }
    :host([state='thinking']) .dots circle {
      opacity: 1;
      animation: think 1.2s ease-in-out infinite;
    }
    .dots .d2 {
      animation-delay: 0.2s;
    }
    .dots .d3 {
      animation-delay: 0.4s;
    }
    @keyframes blink {
      0%,
      92%,
      100% {
        transform: scaleY(1);
      }
      95% {
        transform: scaleY(0.1);
      }
    }
    @keyframes pulse {
      from {
        transform: scale(0.92);
        opacity: 0.9;
      }
      to {
        transform: scale(1.04);
        opacity: 0;
      }
    }
    @keyframes think {
      0%,
      100% {
        opacity: 0.25;
      }
      50% {
        opacity: 1;
      }
    }
    @keyframes breathe {
      50% {
        transform: translateY(0.6px);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      *,
      :host([state]) * {
        animation: none !important;
        transition: none !important;
      }
    }
  `

  /** What the avatar is doing. Reflects, for styling. */
  @property({ reflect: true }) accessor state: FaceState = 'idle'

  /** How open the mouth is: 0 (closed, smiling) to 1. Follows speech while speaking. */
  @property({ type: Number }) accessor mouth = 0

  override render(): TemplateResult {
    const open = Math.min(1, Math.max(0, this.mouth))
    return html`<svg viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <circle class="ring" cx="32" cy="32" r="30" />
      <path class="shirt" d="M10 64c2-8 10-12 22-12s20 4 22 12z" />
      <g class="head">
        <circle class="skin" cx="13" cy="35" r="4" />
        <circle class="skin" cx="51" cy="35" r="4" />
        <circle class="skin" cx="32" cy="34" r="19" />
        <path class="hair" d=${HAIR} />
        <path class="brow" d="M21 27.5q4-2 7 0M36 27.5q3-2 7 0" />
        <g class="eyes">
          <ellipse class="eye" cx="24.5" cy="34" rx="2.3" ry="2.9" />
          <ellipse class="eye" cx="39.5" cy="34" rx="2.3" ry="2.9" />
        </g>
        ${
          open > 0
            ? svg`<ellipse class="mouth" cx="32" cy="44.5" rx=${4 + open} ry=${1 + 3.5 * open} />`
            : svg`<path class="smile" d="M26.5 43.5q5.5 4.5 11 0" />`
        }
      </g>
      <g class="dots">
        <circle class="d1" cx="48" cy="11" r="2" />
        <circle class="d2" cx="53.5" cy="11" r="2" />
        <circle class="d3" cx="59" cy="11" r="2" />
      </g>
    </svg>`
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'avatar-adam-face': AvatarAdamFace
  }
}
