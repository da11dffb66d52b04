/** Where the portal is served; every route's path is under it. */
export const BASE = '/portal'

/** A location inside the portal: the path after {@link BASE} and the query. */
export interface Place {
  /** Such as `/keys`; `/` for the portal's root. */
  path: string
  query: URLSearchParams
}

/** Where the browser is now, inside the portal. */
export function currentPlace(location: Location = window.location): Place {
  let path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/'
  if (path === '') path = '/'
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1)
  return { path, query: new URLSearchParams(location.search) }
}

/** The full URL path of a portal path, such as `/portal/keys`. */
export const href = (path: string) => `${BASE}${path === '/' ? '' : path}`

/**
 * History API navigation for the portal: pushes `/portal/…` URLs, follows back and forward, and
 * turns clicks on same-origin `/portal/…` links (in any shadow root) into navigations, so links
 * stay real `<a href>`s that open in new tabs and work without the router.
 */
export class Router {
  readonly #onChange: (place: Place) => void

  constructor(onChange: (place: Place) => void) {
    this.#onChange = onChange
  }

  start(): void {
    window.addEventListener('popstate', this.#onPopState)
    document.addEventListener('click', this.#onClick)
  }

  stop(): void {
    window.removeEventListener('popstate', this.#onPopState)
    document.removeEventListener('click', this.#onClick)
  }

  /** Goes to a portal path (`/keys`, `/reset-password?token=…`). */
  navigate(path: string, options: { replace?: boolean } = {}): void {
    const url = href(path)
    if (options.replace) history.replaceState(null, '', url)
    else history.pushState(null, '', url)
    this.#onChange(currentPlace())
  }

  #onPopState = () => this.#onChange(currentPlace())

  #onClick = (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0) return
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const anchor = event
      .composedPath()
      .find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement)
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return
    const url = new URL(anchor.href, location.href)
    if (url.origin !== location.origin) return
    if (url.pathname !== BASE && !url.pathname.startsWith(`${BASE}/`)) return
    event.preventDefault()
    history.pushState(null, '', url.pathname + url.search + url.hash)
    this.#onChange(currentPlace())
  }
}
