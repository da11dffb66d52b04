const ORIGIN = /^(https?):\/\/(\*\.)?((?:[a-z0-9-]+\.)*[a-z0-9-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/
const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' }

interface Origin {
  scheme: string
  wildcard: boolean
  host: string
  port: string
}

function parse(value: string): Origin | null {
  const match = ORIGIN.exec(value.trim().toLowerCase().replace(/\/$/, ''))
  if (!match) return null
  const [, scheme = '', wildcard, host = '', port] = match
  if (port !== undefined && Number(port) > 65535) return null
  return {
    scheme,
    wildcard: wildcard !== undefined,
    host,
    port: port ?? DEFAULT_PORT[scheme] ?? '',
  }
}

function format(o: Origin): string {
  const port = o.port === DEFAULT_PORT[o.scheme] ? '' : `:${o.port}`
  return `${o.scheme}://${o.wildcard ? '*.' : ''}${o.host}${port}`
}

/**
 * Checks and normalises an allowed origin: scheme, host and optional port, where the host may
 * start with `*.` to allow every subdomain. Returns `null` when it is not one.
 *
 * @example
 * ```ts
 * normalizeAllowedOrigin('HTTPS://Shop.Example.com:443/') // 'https://shop.example.com'
 * normalizeAllowedOrigin('https://*.example.com')          // 'https://*.example.com'
 * normalizeAllowedOrigin('https://example.com/path')       // null
 * ```
 */
export function normalizeAllowedOrigin(value: string): string | null {
  const origin = parse(value)
  return origin ? format(origin) : null
}

/**
 * Whether a browser origin is on an allow-list: scheme, host and port must match exactly, except
 * that `*.example.com` matches any subdomain of example.com (not example.com itself).
 */
export function isOriginAllowed(origin: string, allowed: readonly string[]): boolean {
  const o = parse(origin)
  if (!o || o.wildcard) return false
  return allowed.some((entry) => {
    const a = parse(entry)
    if (!a || a.scheme !== o.scheme || a.port !== o.port) return false
    return a.wildcard ? o.host.endsWith(`.${a.host}`) : a.host === o.host
  })
}
