/**
 * The launcher's styles, and the theme every part of the widget reads: the page's
 * `--avatar-adam-*` variables (inherited through the shadow roots) win over these defaults.
 * Plain text rather than Lit's `css` so the first script stays free of Lit.
 */

const light = `
  --_accent: var(--avatar-adam-accent, var(--_settings-accent, #1a56db));
  --_on-accent: var(--avatar-adam-on-accent, var(--_settings-on-accent, #fff));
  --_surface: var(--avatar-adam-surface, #fff);
  --_surface-alt: var(--avatar-adam-surface-alt, #eef1f5);
  --_text: var(--avatar-adam-text, #1b1f24);
  --_muted: var(--avatar-adam-muted, #4d5562);
  --_border: var(--avatar-adam-border, #747c88);
  --_focus: var(--avatar-adam-focus, #1a56db);
  --_danger: var(--avatar-adam-danger, #b3261e);
  color-scheme: light;`

// Every pair keeps 4.5:1 for text and 3:1 for borders and focus rings (WCAG 2.2 AA).
const dark = `
  --_accent: var(--avatar-adam-accent, var(--_settings-accent, #8ab4f8));
  --_on-accent: var(--avatar-adam-on-accent, var(--_settings-on-accent, #0b1d3a));
  --_surface: var(--avatar-adam-surface, #1e2126);
  --_surface-alt: var(--avatar-adam-surface-alt, #2b2f36);
  --_text: var(--avatar-adam-text, #e8eaed);
  --_muted: var(--avatar-adam-muted, #b4bac3);
  --_border: var(--avatar-adam-border, #8b93a0);
  --_focus: var(--avatar-adam-focus, #8ab4f8);
  --_danger: var(--avatar-adam-danger, #f2b8b5);
  color-scheme: dark;`

export const launcherStyles = `
:host {
  all: initial;
  display: block;
  ${light}
  --_font: var(--avatar-adam-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  --_radius: var(--avatar-adam-radius, 16px);
  --_offset: var(--avatar-adam-offset, 20px);
  --_z: var(--avatar-adam-z-index, 2147483000);
}
:host([theme='dark']) {${dark}}
@media (prefers-color-scheme: dark) {
  :host([theme='auto']) {${dark}}
}
:host([hidden]) { display: none; }
/* A preview (the portal's) shows the panel alone, in the page's layout. */
:host([preview]) .launcher { display: none; }
.launcher {
  position: fixed;
  z-index: var(--_z);
  bottom: var(--_offset);
  right: var(--_offset);
  width: 60px;
  height: 60px;
  margin: 0;
  padding: 0;
  border: 0;
  border-radius: 50%;
  display: grid;
  place-items: center;
  cursor: pointer;
  background: var(--_accent);
  color: var(--_on-accent);
  box-shadow: 0 4px 14px rgb(0 0 0 / 0.28);
  transition: transform 0.15s ease;
}
:host([position='bottom-left']) .launcher { right: auto; left: var(--_offset); }
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible {
  outline: 3px solid var(--_focus);
  outline-offset: 3px;
}
.launcher svg { width: 28px; height: 28px; fill: currentColor; }
.launcher .close, :host([open]) .launcher .chat { display: none; }
:host([open]) .launcher .close { display: block; }
@media (max-width: 480px) {
  /* The panel covers the screen and has its own close button. */
  :host([open]) .launcher { visibility: hidden; }
}
@media (prefers-reduced-motion: reduce) {
  .launcher { transition: none; }
  .launcher:hover { transform: none; }
}
`
