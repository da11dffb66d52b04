/**
 * Logs and traces must not carry a secret a URL holds: the invitation token in
 * `GET /v1/auth/invitations/{token}`, and the `?token=` of a portal link (reset, invitation).
 */
const INVITATION_PATH = /^(\/v1\/auth\/invitations\/)(?!accept$)[^/]+$/
const TOKEN_QUERY = /[?&]token=/i

/** The path with a token in it replaced by `<redacted>`. */
export function redactPath(path: string): string {
  return path.replace(INVITATION_PATH, '$1<redacted>')
}

/**
 * A full URL with its path redacted, and without its query string when that holds a token.
 *
 * @example
 * ```ts
 * redactUrl('https://x.example/portal/reset-password?token=abc') // 'https://x.example/portal/reset-password'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return '<unparsable URL>'
  }
  const search = TOKEN_QUERY.test(parsed.search) ? '' : parsed.search
  return `${parsed.origin}${redactPath(parsed.pathname)}${search}`
}
