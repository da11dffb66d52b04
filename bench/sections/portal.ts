import type { BenchContext } from '../lib/context.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import { type LatencySummary, summarize, timeEach } from '../lib/stats.ts'

const PASSWORD = 'a bench password, long enough'

interface Call {
  status: number
  body: Record<string, unknown>
  headers: Headers
}

async function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; cookie?: string; body?: unknown } = {},
): Promise<Call> {
  const headers: Record<string, string> = { origin: url }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.cookie) headers.cookie = `aa_refresh=${options.cookie}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  })
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers }
}

function expectStatus(res: Call, status: number, what: string) {
  if (res.status !== status) {
    throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`)
  }
}

const refreshCookie = (headers: Headers) =>
  headers
    .getSetCookie()
    .find((c) => c.startsWith('aa_refresh='))
    ?.slice('aa_refresh='.length)
    .split(';')[0]

/**
 * What signing in to the portal costs, beside what the same server does for a secret key:
 * `GET /v1/keys` with a member's access token (JWT check plus the session's state, cached for a
 * second) against the same call with a secret key (hash lookup, cached); sign-in (argon2id, by
 * design the slow part) and a refresh-token rotation against `GET /v1/me`, the cheapest
 * authenticated read.
 */
export async function benchPortal(ctx: BenchContext): Promise<SectionResult> {
  const reads = ctx.options.quick ? 200 : 1000
  const signIns = ctx.options.quick ? 10 : 40
  const notes: string[] = [
    `${reads} sequential reads per credential, ${signIns} sequential sign-ins and refreshes, one client, after 20 unmeasured warm-up reads`,
  ]
  const details: Record<string, unknown> = {}
  const figures: Figure[] = []

  for (const { name, choice, skipped } of ctx.servers.databases()) {
    if (!choice) {
      notes.push(`${name} rows skipped: ${skipped}`)
      continue
    }
    const server = await ctx.servers.get(choice)
    const { url, secretKey } = server.info
    ctx.progress(`portal: ${name}`)
    const email = `bench-${crypto.randomUUID()}@bench.local`
    const signUp = await call(url, 'POST', '/v1/auth/signup', {
      body: { dealershipName: 'Bench Motors', name: 'Bench Owner', email, password: PASSWORD },
    })
    expectStatus(signUp, 201, 'sign-up')
    const token = signUp.body.accessToken as string

    // Each credential reads its own dealership's keys: the same query, the same row count.
    const read = (credential: string) => async () => {
      expectStatus(await call(url, 'GET', '/v1/keys', { token: credential }), 200, 'GET /v1/keys')
    }
    const warm = Array.from({ length: 20 })
    await timeEach(warm, read(secretKey))
    await timeEach(warm, read(token))
    const n = Array.from({ length: reads })
    const byKey = summarize(await timeEach(n, read(secretKey)))
    const byToken = summarize(await timeEach(n, read(token)))

    const me = summarize(
      await timeEach(n, async () => {
        expectStatus(await call(url, 'GET', '/v1/me', { token }), 200, 'GET /v1/me')
      }),
    )
    const m = Array.from({ length: signIns })
    const signIn = summarize(
      await timeEach(m, async () => {
        const res = await call(url, 'POST', '/v1/auth/login', {
          body: { email, password: PASSWORD },
        })
        expectStatus(res, 200, 'sign-in')
      }),
    )
    let cookie = refreshCookie(signUp.headers)!
    const refresh = summarize(
      await timeEach(m, async () => {
        const res = await call(url, 'POST', '/v1/auth/refresh', { cookie })
        expectStatus(res, 200, 'refresh')
        cookie = refreshCookie(res.headers)!
      }),
    )
    details[name] = { byKey, byToken, me, signIn, refresh }

    const row = (label: string, value: LatencySummary, baseline: LatencySummary) =>
      (['p50', 'p95'] as const).map((p) =>
        figure({
          case: `${name}, ${label}`,
          metric: p,
          unit: 'ms',
          value: value[p],
          baseline: baseline[p],
        }),
      )
    figures.push(
      ...row('GET /v1/keys: access token (vs secret key)', byToken, byKey),
      ...row('sign-in, argon2id (vs GET /v1/me)', signIn, me),
      ...row('refresh rotation (vs GET /v1/me)', refresh, me),
    )
  }
  return {
    name: 'portal',
    title: 'Portal authentication: access tokens beside secret keys, sign-in and refresh',
    baseline:
      'the same server in the same run: GET /v1/keys with a secret key; GET /v1/me with an access token',
    figures,
    notes,
    details,
  }
}
