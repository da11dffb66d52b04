import type { WidgetSettings } from '@avataradam/sdk'
import { ATTRIBUTES } from './attributes.ts'
import type { AvatarAdamPanel } from './avatar-adam-panel.ts'
import { DEFAULT_SUGGESTIONS, defaultGreeting, launcherLabel } from './launcher-strings.ts'
import { launcherStyles } from './launcher-styles.ts'
import { loadPanel, scriptOrigin } from './loader.ts'
import type { ClientFactory, PanelConfig, Position, Theme } from './types.ts'
import type { VideoAvatarFactory } from './video-avatar.ts'

/** The panel's parts, re-exported so `avatar-adam::part(…)` reaches into it. */
const PANEL_PARTS = [
  'panel',
  'header',
  'avatar',
  'title',
  'status',
  'notice',
  'messages',
  'message',
  'message-visitor',
  'message-assistant',
  'bubble',
  'citations',
  'typing',
  'suggestions',
  'suggestion',
  'handoff',
  'form',
  'input',
  'button',
  'send',
  'mic',
  'mute',
  'close',
  'new-conversation',
].join(', ')

const CHAT_ICON =
  'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z' +
  'm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z'
const CLOSE_ICON =
  'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z'

function icon(path: string, className: string): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = document.createElementNS(ns, 'svg')
  svg.setAttribute('viewBox', '0 0 24 24')
  svg.setAttribute('aria-hidden', 'true')
  svg.setAttribute('class', className)
  const d = document.createElementNS(ns, 'path')
  d.setAttribute('d', path)
  svg.append(d)
  return svg
}

// Server-side rendering (Next.js, Nuxt, Angular SSR) evaluates this module without a DOM.
const Base = (globalThis.HTMLElement ?? class {}) as typeof HTMLElement

/**
 * Constructable stylesheets satisfy `style-src 'self'`; a `<style>` is the fallback for browsers
 * without them.
 */
function adoptStyles(root: ShadowRoot, text: string): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet()
    sheet.replaceSync(text)
    root.adoptedStyleSheets = [sheet]
  } else {
    const style = document.createElement('style')
    style.textContent = text
    root.append(style)
  }
}

/**
 * `<avatar-adam>`: a dealership's talking assistant. Only this launcher loads with the page; the
 * chat panel (Lit, the SDK, Socket.io, the avatar) is imported the first time it opens, and
 * fetched early when the launcher is hovered or focused.
 *
 * Written without Lit on purpose: it is the part every page view pays for.
 *
 * @example
 * ```html
 * <avatar-adam key="pk_live_…" server="https://chat.example.com" theme="auto"></avatar-adam>
 * ```
 *
 * The dealership's settings (name, greeting, suggestions, colours, avatar, languages, hours)
 * arrive from the server once connected. What the page sets explicitly wins over them: the
 * `assistant-name`, `greeting`, `suggestions` and `locale` attributes (and the `suggestions`
 * property), and `--avatar-adam-accent` / `--avatar-adam-on-accent` in the page's CSS.
 * The panel speaks the page's `locale`, else the visitor's language (among the dealership's, when
 * it lists them): its words, and the default greeting and suggestions, in English or Spanish.
 * `.settings`, when set, is used instead of the server's; with `preview` it is the only source
 * and nothing connects (the portal's live preview).
 *
 * @fires avatar-adam-open - The panel opened.
 * @fires avatar-adam-close - The panel closed.
 * @fires avatar-adam-send - The visitor sent a message; `detail: { text }`.
 * @fires avatar-adam-answer - An answer finished; `detail` is the SDK's `ChatDone`.
 * @fires avatar-adam-status - The connection changed; `detail: { status }`.
 * @fires avatar-adam-error - Something failed; `detail: { code, message }`.
 * @fires avatar-adam-settings - The dealership's widget settings arrived or changed; `detail` is
 *   the `WidgetSettings` (already applied).
 * @fires avatar-adam-avatar - Which avatar shows: `detail: { provider: 'heygen' | 'builtin',
 *   reason? }`; `reason` says why the built-in face shows after trying HeyGen's video.
 *
 * @csspart launcher - The round button that opens and closes the chat.
 * @csspart panel - The chat dialog.
 * @csspart header - The dialog's title bar (avatar, name, buttons).
 * @csspart avatar - The animated face, or the HeyGen video (a `video` element) in its place.
 * @csspart title - The assistant's name.
 * @csspart status - The connection line under the name.
 * @csspart notice - Reconnecting and unavailable messages.
 * @csspart messages - The conversation list.
 * @csspart message - Each message; also `message-visitor` or `message-assistant`.
 * @csspart bubble - The text of a message.
 * @csspart citations - The collapsible sources of an answer.
 * @csspart typing - The typing indicator.
 * @csspart suggestions - The suggested questions; each is a `suggestion`.
 * @csspart handoff - The button under an answer that offers to put the visitor in touch with the
 *   team (also a `button`); it opens the contact form.
 * @csspart form - The input row; `input`, `send` and `mic` are inside it.
 * @csspart button - Every icon button, and the `handoff` button; also `mute`, `close`,
 *   `new-conversation`.
 *
 * @cssprop --avatar-adam-accent - Launcher, visitor bubbles, send button and links.
 * @cssprop --avatar-adam-on-accent - Text and icons on the accent colour.
 * @cssprop --avatar-adam-surface - The panel's background.
 * @cssprop --avatar-adam-surface-alt - Assistant bubbles and the input.
 * @cssprop --avatar-adam-text - Text colour.
 * @cssprop --avatar-adam-muted - Secondary text.
 * @cssprop --avatar-adam-border - Borders of the panel and input.
 * @cssprop --avatar-adam-focus - The focus ring.
 * @cssprop --avatar-adam-danger - Error text.
 * @cssprop --avatar-adam-font - The font family.
 * @cssprop --avatar-adam-radius - Corner radius of the panel.
 * @cssprop --avatar-adam-offset - Distance from the corner of the window.
 * @cssprop --avatar-adam-z-index - Stacking order of launcher and panel.
 * @cssprop --avatar-adam-skin - The avatar's face colour; also `--avatar-adam-hair`.
 */
export class AvatarAdam extends Base {
  static observedAttributes = [...ATTRIBUTES, 'publishable-key', 'preview']

  /** Builds the visitor client. Default: the SDK's `createClient`; tests pass a fake. */
  clientFactory: ClientFactory | undefined
  /**
   * Starts the HeyGen video avatar for a session the server minted. Default: HeyGen's web SDK
   * (`@heygen/liveavatar-web-sdk`), imported only when the dealership turned HeyGen on.
   */
  videoAvatarFactory: VideoAvatarFactory | undefined
  /** How long the video avatar may take to appear before the built-in face stays. */
  videoAvatarTimeoutMs = 20_000

  #button: HTMLButtonElement
  #panel: AvatarAdamPanel | undefined
  #loading: Promise<AvatarAdamPanel> | undefined
  #suggestions: string[] | undefined
  /** Given by the page (the portal's preview); wins over the server's. */
  #settings: WidgetSettings | undefined
  /** The dealership's, from the server (`widget:settings`). */
  #serverSettings: WidgetSettings | undefined
  /** Opening at page load must not steal focus from the page; later openings move it in. */
  #connected = false

  constructor() {
    super()
    const root = this.attachShadow({ mode: 'open' })
    adoptStyles(root, launcherStyles)
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'launcher'
    button.setAttribute('part', 'launcher')
    button.setAttribute('aria-controls', 'panel')
    button.setAttribute('aria-haspopup', 'dialog')
    button.setAttribute('aria-expanded', 'false')
    button.append(icon(CHAT_ICON, 'chat'), icon(CLOSE_ICON, 'close'))
    button.addEventListener('click', () => this.toggle())
    // Start fetching the panel while the visitor is still reaching for the button.
    const preload = () => void this.preload().catch(() => {})
    button.addEventListener('pointerenter', preload)
    button.addEventListener('focus', preload)
    this.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && this.open) {
        event.stopPropagation()
        this.open = false
      }
    })
    root.append(button)
    this.#button = button
    this.#label()
  }

  /**
   * The publishable key (`pk_live_…` or `pk_test_…`). React and Vue keep a `key` prop for
   * themselves, so the `publishable-key` attribute is accepted too.
   */
  get key(): string {
    return this.getAttribute('key') ?? this.getAttribute('publishable-key') ?? ''
  }
  set key(value: string) {
    this.setAttribute('key', value)
  }

  /** The AvatarAdam server. Default: the origin this script was loaded from. */
  get server(): string {
    return this.getAttribute('server') || scriptOrigin
  }
  set server(value: string) {
    this.setAttribute('server', value)
  }

  /** `bottom-right` (default) or `bottom-left`. */
  get position(): Position {
    return this.getAttribute('position') === 'bottom-left' ? 'bottom-left' : 'bottom-right'
  }
  set position(value: Position) {
    this.setAttribute('position', value)
  }

  /** Whether the chat panel is open. Reflects to the `open` attribute. */
  get open(): boolean {
    return this.hasAttribute('open')
  }
  set open(value: boolean) {
    this.toggleAttribute('open', value)
  }

  /**
   * BCP 47 language of the panel's words, its speech and `lang`, and of the launcher's label.
   * Default: `navigator.language` (the panel then follows the dealership's languages, if set).
   */
  get locale(): string {
    return this.getAttribute('locale') || globalThis.navigator?.language || 'en-US'
  }
  set locale(value: string) {
    this.setAttribute('locale', value)
  }

  /** `light` (default), `dark`, or `auto` to follow the visitor's system setting. */
  get theme(): Theme {
    const value = this.getAttribute('theme')
    return value === 'dark' || value === 'auto' ? value : 'light'
  }
  set theme(value: Theme) {
    this.setAttribute('theme', value)
  }

  /**
   * Widget settings to render from instead of the server's; with `preview`, the only source.
   * Setting it again (a new object) updates the widget at once.
   */
  get settings(): WidgetSettings | undefined {
    return this.#settings
  }
  set settings(value: WidgetSettings | undefined) {
    this.#settings = value
    this.#settingsChanged()
  }

  /**
   * Renders the panel, open, from `settings` without connecting to a server (no key needed):
   * the portal's live preview. Reflects the `preview` attribute.
   */
  get preview(): boolean {
    return this.hasAttribute('preview')
  }
  set preview(value: boolean) {
    this.toggleAttribute('preview', value)
  }

  /** The settings in force: the page's, else (outside a preview) the server's. */
  get #effective(): WidgetSettings | undefined {
    return this.#settings ?? (this.preview ? undefined : this.#serverSettings)
  }

  /**
   * The name shown in the panel's title and spoken by screen readers: the attribute, else the
   * dealership's setting, else `Adam`.
   */
  get assistantName(): string {
    return this.getAttribute('assistant-name') || this.#effective?.assistantName || 'Adam'
  }
  set assistantName(value: string) {
    this.setAttribute('assistant-name', value)
  }

  /**
   * The first message of every conversation: the attribute, else the dealership's setting, else
   * the default, which the panel says in its language (this returns it in English).
   */
  get greeting(): string {
    return (
      this.getAttribute('greeting') ||
      this.#effective?.greeting ||
      defaultGreeting(this.assistantName)
    )
  }
  set greeting(value: string) {
    this.setAttribute('greeting', value)
  }

  /**
   * Questions offered before the first message. The attribute takes a JSON array or a list
   * separated by `|`; an empty list shows none. The defaults (`DEFAULT_SUGGESTIONS`, in English)
   * are asked in the panel's language.
   */
  get suggestions(): string[] {
    if (this.#suggestions) return this.#suggestions
    const attribute = this.getAttribute('suggestions')
    if (attribute !== null) return parseList(attribute)
    return this.#effective?.suggestions ?? DEFAULT_SUGGESTIONS
  }
  set suggestions(value: string[]) {
    this.#suggestions = value
    this.#sync()
  }

  connectedCallback(): void {
    this.#connected = true
  }

  disconnectedCallback(): void {
    this.#connected = false
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (name === 'assistant-name' || name === 'locale') this.#label()
    if (name === 'open' && (old === null) !== (value === null)) this.#openChanged(value !== null)
    if (name === 'preview') {
      this.#settingsChanged()
      if (value !== null) this.open = true
    }
    this.#sync()
  }

  /** Opens the chat. */
  show(): void {
    this.open = true
  }

  /** Closes the chat. */
  close(): void {
    this.open = false
  }

  toggle(): void {
    this.open = !this.open
  }

  /** Fetches the panel without opening it; resolves once it is ready. */
  preload(): Promise<AvatarAdamPanel> {
    // Through a promise, so even a loader that throws at once is reported like a failed fetch.
    this.#loading ??= Promise.resolve()
      .then(loadPanel)
      .then(
        () => this.#createPanel(),
        (error: unknown) => {
          // Let the next click try again (a flaky network, a deploy in progress).
          this.#loading = undefined
          this.#emit('avatar-adam-error', {
            code: 'network_error',
            message: 'The chat could not be loaded.',
          })
          throw error
        },
      )
    return this.#loading
  }

  #createPanel(): AvatarAdamPanel {
    const panel = document.createElement('avatar-adam-panel')
    panel.id = 'panel'
    panel.setAttribute('exportparts', PANEL_PARTS)
    panel.hidden = true
    panel.addEventListener('avatar-adam-close-request', () => {
      // A preview stays open: it is the page's content.
      if (!this.preview) this.open = false
    })
    panel.addEventListener('avatar-adam-settings', (event) => {
      this.#serverSettings = (event as CustomEvent<WidgetSettings>).detail
      this.#settingsChanged()
      this.#emit('avatar-adam-settings', this.#serverSettings)
    })
    this.#panel = panel
    this.#sync()
    this.shadowRoot!.append(panel)
    return panel
  }

  async #openChanged(open: boolean): Promise<void> {
    this.#button.setAttribute('aria-expanded', String(open))
    this.#emit(open ? 'avatar-adam-open' : 'avatar-adam-close')
    if (!open) {
      const hadFocus = this.matches(':focus-within')
      if (this.#panel) {
        this.#panel.open = false
        this.#panel.hidden = true
      }
      if (hadFocus) this.#button.focus()
      return
    }
    const moveFocus = this.#connected
    let panel: AvatarAdamPanel
    try {
      panel = await this.preload()
    } catch {
      this.open = false
      return
    }
    if (!this.open) return
    panel.hidden = false
    panel.open = true
    await panel.updateComplete
    if (moveFocus) panel.focusInput()
  }

  #sync(): void {
    if (!this.#panel) return
    const settings = this.#effective
    const config: PanelConfig = {
      key: this.key,
      server: this.server,
      // Only the page's own: otherwise the panel picks among the dealership's languages.
      locale: this.getAttribute('locale') ?? '',
      assistantName: this.assistantName,
      greeting: this.greeting,
      suggestions: this.suggestions,
      position: this.position,
      clientFactory: this.clientFactory,
      videoAvatarFactory: this.videoAvatarFactory,
      videoAvatarTimeoutMs: this.videoAvatarTimeoutMs,
      avatarImage: settings?.avatar.kind === 'image' ? settings.avatar.url : '',
      languages: settings?.languages ?? [],
      hours: settings?.hours ?? null,
      preview: this.preview,
    }
    Object.assign(this.#panel, config)
  }

  /** Name, colours and panel follow new settings. */
  #settingsChanged(): void {
    const colors = this.#effective?.colors
    // Beneath the page's own --avatar-adam-accent and --avatar-adam-on-accent (see launcher-styles).
    if (colors) {
      this.style.setProperty('--_settings-accent', colors.primary)
      this.style.setProperty('--_settings-on-accent', colors.onPrimary)
    } else {
      this.style.removeProperty('--_settings-accent')
      this.style.removeProperty('--_settings-on-accent')
    }
    this.#label()
    this.#sync()
  }

  #label(): void {
    const label = launcherLabel(this.locale, this.assistantName)
    this.#button.setAttribute('aria-label', label)
    this.#button.title = label
  }

  #emit(type: string, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
  }
}

/** `["a","b"]` or `a | b`. */
export function parseList(text: string): string[] {
  const trimmed = text.trim()
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed)
      if (Array.isArray(parsed)) return parsed.filter((s): s is string => typeof s === 'string')
    } catch {
      // Not JSON after all: read it as a `|` list.
    }
  }
  return trimmed
    .split('|')
    .map((s) => s.trim())
    .filter(Boolean)
}

// Another copy (the CDN script and an npm bundle on one page) may have defined it first.
if (globalThis.customElements && !customElements.get('avatar-adam')) {
  customElements.define('avatar-adam', AvatarAdam)
}

declare global {
  interface HTMLElementTagNameMap {
    'avatar-adam': AvatarAdam
  }
}
