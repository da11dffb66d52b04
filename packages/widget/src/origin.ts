/**
 * The http(s) origin of a script URL. A bundler may rewrite `import.meta.url` to a `file:` URL, and
 * a script may have no URL at all; then the page's own origin is the best guess.
 */
export function originOf(url: string | undefined): string {
  try {
    const parsed = new URL(url ?? '')
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin
  } catch {
    // Not a URL: fall through.
  }
  return globalThis.location?.origin ?? ''
}
