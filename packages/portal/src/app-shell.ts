import type { Account, AuthSession } from '@avataradam/sdk/protocol'
import { css, html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import type { PortalRoute } from './api.ts'
import type { PortalClient, SignOutReason } from './api-client.ts'
import { currentPlace, href, type Place, Router } from './router.ts'
import {
  ALWAYS_PUBLIC,
  PREFERRED_LANDING,
  type PublicRoute,
  publicRoutes,
  routes,
} from './routes.ts'
import './ui/error-banner.ts'

/** What the main area shows. */
type View =
  | { kind: 'loading' }
  | { kind: 'page'; route: PortalRoute | PublicRoute; element: HTMLElement }
  | { kind: 'forbidden'; route: PortalRoute }
  | { kind: 'not-found' }
  | { kind: 'failed'; title: string; message: string }

const SIGNED_OUT_NOTES: Record<SignOutReason, string> = {
  signed_out: 'You signed out.',
  expired: 'Your session ended. Sign in again to continue.',
  reused:
    'For your safety you were signed out everywhere: this session was used from another place. Sign in again, and change your password if that was not you.',
}

const ROLE_NAMES = { owner: 'Owner', admin: 'Admin', agent: 'Agent' } as const

/**
 * `<aa-app-shell>`: the portal's frame. Restores the session, routes between pages, shows the
 * navigation the member's role allows and moves focus to each page's heading.
 *
 * Signed-in pages get `.api` and `.account`; public (auth) pages get `.api` and `.query` and
 * fire `aa-signed-in` (detail: AuthSession) when they start a session.
 */
@customElement('aa-app-shell')
export class AaAppShell extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
      --nav-width: 15rem;
    }
    *,
    *::before,
    *::after {
      box-sizing: border-box;
    }
    :focus-visible {
      outline: 3px solid var(--portal-focus, #f59e0b);
      outline-offset: 2px;
    }
    .skip {
      position: absolute;
      left: 8px;
      top: -100px;
      z-index: 100;
      background: var(--portal-accent);
      color: var(--portal-on-accent);
      padding: 8px 14px;
      border-radius: var(--portal-radius);
    }
    .skip:focus {
      top: 8px;
    }
    header {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 8px var(--portal-space);
      min-height: 56px;
      background: var(--portal-surface);
      border-bottom: 1px solid var(--portal-border);
      position: sticky;
      top: 0;
      z-index: 10;
    }
    .brand {
      font-weight: 700;
      color: var(--portal-text);
      text-decoration: none;
    }
    .dealership {
      color: var(--portal-muted);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .who {
      margin-left: auto;
      display: flex;
      align-items: center;
      gap: 12px;
      min-width: 0;
    }
    .member {
      text-align: right;
      line-height: 1.2;
      font-size: 0.9rem;
    }
    .member small {
      display: block;
      color: var(--portal-muted);
    }
    button {
      font: inherit;
      font-weight: 600;
      min-height: 44px;
      padding: 8px 14px;
      border-radius: calc(var(--portal-radius) * 0.75);
      border: 1px solid var(--portal-border);
      background: var(--portal-surface);
      color: var(--portal-text);
      cursor: pointer;
    }
    .menu {
      display: none;
    }
    .layout {
      display: grid;
      grid-template-columns: var(--nav-width) minmax(0, 1fr);
      min-height: calc(100vh - 56px);
    }
    nav {
      background: var(--portal-surface);
      border-right: 1px solid var(--portal-border);
      padding: var(--portal-space) 8px;
    }
    nav ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 2px;
    }
    nav a {
      display: block;
      padding: 10px 12px;
      border-radius: calc(var(--portal-radius) * 0.75);
      color: var(--portal-text);
      text-decoration: none;
    }
    nav a:hover {
      background: var(--portal-bg);
    }
    nav a[aria-current='page'] {
      background: var(--portal-accent);
      color: var(--portal-on-accent);
      font-weight: 600;
    }
    main {
      padding: calc(var(--portal-space) * 1.5);
      min-width: 0;
      max-width: 72rem;
    }
    main:focus {
      outline: none;
    }
    h1 {
      font-size: 1.6rem;
      margin: 0 0 var(--portal-space);
    }
    h1:focus {
      outline: none;
    }
    h1:focus-visible {
      outline: 3px solid var(--portal-focus);
    }
    .public {
      max-width: 28rem;
      margin: 0 auto;
      padding: calc(var(--portal-space) * 2) var(--portal-space);
    }
    .public .brand {
      display: block;
      margin-bottom: var(--portal-space);
      font-size: 1.2rem;
    }
    .public .panel {
      background: var(--portal-surface);
      border: 1px solid var(--portal-border);
      border-radius: var(--portal-radius);
      padding: calc(var(--portal-space) * 1.5);
    }
    .note {
      border-left: 4px solid var(--portal-accent);
      background: var(--portal-surface);
      padding: 8px 12px;
      margin-bottom: var(--portal-space);
    }
    .loading {
      color: var(--portal-muted);
    }
    .scrim {
      display: none;
    }

    /* Phones: the navigation becomes a drawer behind a menu button. */
    @media (max-width: 800px) {
      .menu {
        display: inline-flex;
      }
      .dealership,
      .member small {
        display: none;
      }
      .layout {
        display: block;
      }
      nav {
        position: fixed;
        top: 0;
        bottom: 0;
        left: 0;
        width: min(80vw, 18rem);
        z-index: 30;
        transform: translateX(-105%);
        transition: transform 0.2s ease;
        visibility: hidden;
        box-shadow: 0 0 24px rgb(0 0 0 / 0.3);
      }
      nav.open {
        transform: none;
        visibility: visible;
      }
      .scrim.open {
        display: block;
        position: fixed;
        inset: 0;
        z-index: 20;
        background: rgb(0 0 0 / 0.4);
        border: none;
        border-radius: 0;
      }
      main {
        padding: var(--portal-space);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      nav {
        transition: none;
      }
    }
  `

  /** The portal's API client (main.ts creates it). */
  @property({ attribute: false }) accessor api!: PortalClient

  /** undefined while the session is being restored; null when signed out. */
  @state() accessor _account: Account | null | undefined = undefined
  @state() accessor _place: Place = currentPlace()
  @state() accessor _view: View = { kind: 'loading' }
  @state() accessor _menuOpen = false
  @state() accessor _note = ''

  @query('h1') accessor _heading: HTMLElement | null = null
  @query('.menu') accessor _menuButton: HTMLButtonElement | null = null

  private readonly _router = new Router((place) => this._go(place))
  /** A signed-in page asked for while signed out: where to go after signing in. */
  private _returnTo: string | undefined
  /** Focus the heading after a navigation, not on the first load (screen readers start at the top). */
  private _focusHeading = false
  private _renderToken = 0

  override connectedCallback(): void {
    super.connectedCallback()
    this._router.start()
    document.addEventListener('keydown', this._onKeydown)
    void this._restore()
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this._router.stop()
    document.removeEventListener('keydown', this._onKeydown)
  }

  /** Called by the API client whenever the session ends. */
  signedOut(reason: SignOutReason): void {
    this._account = null
    this._note = SIGNED_OUT_NOTES[reason]
    if (!ALWAYS_PUBLIC.has(this._place.path)) this._router.navigate('/sign-in', { replace: true })
    else void this._resolve()
  }

  private async _restore() {
    this._account = await this.api.restore()
    await this._resolve()
  }

  private _go(place: Place) {
    this._place = place
    this._menuOpen = false
    this._focusHeading = true
    void this._resolve()
  }

  private _allowed(route: PortalRoute, account: Account): boolean {
    return !route.permission || account.permissions.includes(route.permission)
  }

  private _landing(account: Account): string {
    const visible = routes.filter((r) => this._allowed(r, account))
    return (visible.find((r) => r.path === PREFERRED_LANDING) ?? visible[0])?.path ?? '/security'
  }

  /** Decides what the current place shows, redirecting where the session says so. */
  private async _resolve() {
    const account = this._account
    if (account === undefined) return
    const { path } = this._place
    const publicRoute = publicRoutes.find((r) => r.path === path)

    if (!account) {
      if (publicRoute) return this._show(publicRoute)
      if (path !== '/')
        this._returnTo = path + (this._place.query.size ? `?${this._place.query}` : '')
      return this._router.navigate('/sign-in', { replace: true })
    }
    if (path === '/' || (publicRoute && !ALWAYS_PUBLIC.has(path))) {
      return this._router.navigate(this._landing(account), { replace: true })
    }
    if (publicRoute) return this._show(publicRoute)
    const route = routes.find((r) => r.path === path)
    if (!route) return this._setView({ kind: 'not-found' }, 'Page not found')
    if (!this._allowed(route, account))
      return this._setView({ kind: 'forbidden', route }, route.title)
    return this._show(route)
  }

  private async _show(route: PortalRoute | PublicRoute) {
    const token = ++this._renderToken
    if (this._view.kind !== 'page' || this._view.route !== route) {
      this._setView({ kind: 'loading' }, route.title)
      try {
        await route.load()
      } catch {
        if (token !== this._renderToken) return
        return this._setView(
          {
            kind: 'failed',
            title: route.title,
            message:
              'This page could not be loaded. Check your connection and reload the page; the portal may have been updated.',
          },
          route.title,
        )
      }
      if (token !== this._renderToken) return
    }
    const element =
      this._view.kind === 'page' && this._view.route === route
        ? this._view.element
        : document.createElement(route.tag)
    const props = element as HTMLElement & Record<string, unknown>
    props.api = this.api
    if (routes.includes(route as PortalRoute)) props.account = this._account
    else props.query = this._place.query
    this._setView({ kind: 'page', route, element }, route.title)
  }

  private _setView(view: View, title: string) {
    this._view = view
    document.title = `${title} · AvatarAdam portal`
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('_view') && this._view.kind !== 'loading' && this._focusHeading) {
      this._focusHeading = false
      this._heading?.focus()
    }
  }

  private _onSignedIn = (event: Event) => {
    const session = (event as CustomEvent<AuthSession>).detail
    this._account = this.api.startSession(session)
    this._note = ''
    const next = this._returnTo
    this._returnTo = undefined
    this._router.navigate(next ?? this._landing(this._account), { replace: true })
  }

  private async _signOut() {
    await this.api.signOut()
  }

  private _toggleMenu() {
    this._menuOpen = !this._menuOpen
    if (this._menuOpen) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLElement>('nav a')?.focus(),
      )
    }
  }

  private _closeMenu() {
    this._menuOpen = false
    this._menuButton?.focus()
  }

  private _onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this._menuOpen) this._closeMenu()
  }

  private _skip(event: Event) {
    event.preventDefault()
    this._heading?.focus()
  }

  override render() {
    if (this._account === undefined) return html`<p class="loading" role="status">Loading…</p>`
    const view = this._view
    const title =
      view.kind === 'page' || view.kind === 'forbidden'
        ? view.route.title
        : view.kind === 'failed'
          ? view.title
          : view.kind === 'not-found'
            ? 'Page not found'
            : ''
    if (!this._account) return this._renderPublic(title)
    return this._renderSignedIn(this._account, title)
  }

  private _renderPublic(title: string) {
    return html`<a class="skip" href="#main" @click=${this._skip}>Skip to content</a>
      <div class="public" @aa-signed-in=${this._onSignedIn}>
        <a class="brand" href=${href('/sign-in')}>AvatarAdam portal</a>
        <main id="main" class="panel">
          ${title ? html`<h1 tabindex="-1">${title}</h1>` : nothing}
          ${
            this._note && this._place.path === '/sign-in'
              ? html`<p class="note" role="status">${this._note}</p>`
              : nothing
          }
          ${this._renderView()}
        </main>
      </div>`
  }

  private _renderSignedIn(account: Account, title: string) {
    const current = this._place.path
    const nav = routes.filter((r) => this._allowed(r, account))
    return html`<a class="skip" href="#main" @click=${this._skip}>Skip to content</a>
      <header>
        <button
          class="menu"
          type="button"
          aria-expanded=${this._menuOpen ? 'true' : 'false'}
          aria-controls="nav"
          @click=${this._toggleMenu}
        >
          Menu
        </button>
        <a class="brand" href=${href(this._landing(account))}>AvatarAdam</a>
        <span class="dealership">${account.dealershipName}</span>
        <div class="who">
          <span class="member">${account.name}<small>${ROLE_NAMES[account.role]}</small></span>
          <button type="button" @click=${this._signOut}>Sign out</button>
        </div>
      </header>
      <div class="layout">
        <button
          class="scrim ${this._menuOpen ? 'open' : ''}"
          type="button"
          tabindex="-1"
          aria-label="Close menu"
          @click=${this._closeMenu}
        ></button>
        <nav id="nav" class=${this._menuOpen ? 'open' : ''} aria-label="Portal">
          <ul>
            ${nav.map(
              (r) =>
                html`<li>
                  <a href=${href(r.path)} aria-current=${r.path === current ? 'page' : 'false'}
                    >${r.title}</a
                  >
                </li>`,
            )}
          </ul>
        </nav>
        <main id="main">
          ${title ? html`<h1 tabindex="-1">${title}</h1>` : nothing} ${this._renderView()}
        </main>
      </div>`
  }

  private _renderView() {
    const view = this._view
    switch (view.kind) {
      case 'loading':
        return html`<p class="loading" role="status">Loading…</p>`
      case 'page':
        return view.element
      case 'forbidden':
        return html`<p>
          Your role cannot open this page. Ask an owner or an admin of your dealership if you need
          it.
        </p>`
      case 'not-found':
        return html`<p>There is no page at <code>${href(this._place.path)}</code>.</p>
          <p><a href=${href('/')}>Go to the portal’s start page</a></p>`
      case 'failed':
        return html`<aa-error-banner .message=${view.message}></aa-error-banner>
          <button type="button" @click=${() => location.reload()}>Reload</button>`
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-app-shell': AaAppShell
  }
}
