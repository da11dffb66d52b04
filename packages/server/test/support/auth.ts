import type { AuthSession } from '@avataradam/sdk/protocol'
import { Secret, TOTP } from 'otpauth'
import type { TestServer } from './server.ts'
import { api } from './server.ts'

export const PASSWORD = 'correct horse battery'

/** A REST call as a browser on the portal would make it: Origin of the server itself. */
export function portalCall(
  server: TestServer,
  method: string,
  path: string,
  options: {
    body?: unknown
    cookie?: string
    token?: string
    ip?: string
    origin?: string | null
  } = {},
) {
  const headers: Record<string, string> = {}
  const origin = options.origin === undefined ? server.url : options.origin
  if (origin) headers.origin = origin
  if (options.cookie) headers.cookie = `aa_refresh=${options.cookie}`
  if (options.ip) headers['x-forwarded-for'] = options.ip
  return api(server, options.token ?? null, method, path, options.body, headers)
}

/** The refresh token a response set in its `aa_refresh` cookie (undefined when none, '' when cleared). */
export function refreshCookie(headers: Headers): string | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith('aa_refresh='))
  return cookie?.slice('aa_refresh='.length).split(';')[0]
}

export interface SignedIn {
  session: AuthSession
  token: string
  cookie: string
}

const unique = () => crypto.randomUUID().slice(0, 8)

/** A random address, so throttling counts apart per test (the server trusts one proxy hop). */
export const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`

/** Signs up a new dealership; returns its owner's session. */
export async function signUp(
  server: TestServer,
  overrides: { email?: string; dealershipName?: string; password?: string } = {},
): Promise<SignedIn & { email: string }> {
  const email = overrides.email ?? `owner-${unique()}@dealer.example`
  const res = await portalCall(server, 'POST', '/v1/auth/signup', {
    body: {
      dealershipName: overrides.dealershipName ?? `Motors ${unique()}`,
      name: 'Olive Owner',
      email,
      password: overrides.password ?? PASSWORD,
    },
  })
  if (res.status !== 201) throw new Error(`sign-up: ${res.status} ${JSON.stringify(res.body)}`)
  return { email, ...sessionOf(res) }
}

export function sessionOf(res: { headers: Headers; body: AuthSession }): SignedIn {
  return { session: res.body, token: res.body.accessToken, cookie: refreshCookie(res.headers)! }
}

export async function login(
  server: TestServer,
  email: string,
  password = PASSWORD,
  extra: { totp?: string; recoveryCode?: string; ip?: string } = {},
) {
  const { ip, ...rest } = extra
  return portalCall(server, 'POST', '/v1/auth/login', {
    body: { email, password, ...rest },
    ip: ip ?? randomIp(),
  })
}

/** The current code of a TOTP secret, or the one of `offsetSteps` steps away. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return TOTP.generate({
    secret: Secret.fromBase32(secret),
    period: 30,
    timestamp: Date.now() + offsetSteps * 30_000,
  })
}

/** The link in the newest email to `to`, read from the outbox table (as the portal's outbox does). */
export async function linkInMail(server: TestServer, to: string, path: string): Promise<string> {
  const rows = await server.db.query<{ text_body: string }>(
    `select text_body from mail_outbox where lower(recipient) = lower($1) order by created_at desc limit 1`,
    [to],
  )
  const match = rows[0]?.text_body.match(new RegExp(`https?://\\S+${path}\\?token=(\\S+)`))
  if (!match) throw new Error(`no ${path} link in mail to ${to}`)
  return decodeURIComponent(match[1]!)
}
