import { request } from 'node:http'
import { decodeJwt, SignJWT } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  linkInMail,
  login,
  PASSWORD,
  portalCall,
  randomIp,
  refreshCookie,
  sessionOf,
  signUp,
  totpCode,
} from './support/auth.ts'
import { capturingLogger } from './support/logs.ts'
import { startOtlpReceiver } from './support/otlp-receiver.ts'
import { api, startTestServer, type TestServer } from './support/server.ts'

const JWT_SECRET = 'a test secret that is long enough for HS256 signing'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({
    env: {
      AUTH_JWT_SECRET: JWT_SECRET,
      // Each test throttles its own made-up address (X-Forwarded-For).
      TRUST_PROXY_HOPS: '1',
    },
  })
})
afterAll(() => server?.stop())

describe('sign-up and sign-in', () => {
  it('creates a dealership and its owner, signed in with a refresh cookie', async () => {
    const res = await portalCall(server, 'POST', '/v1/auth/signup', {
      body: {
        dealershipName: 'Sunrise Motors',
        name: 'Sam Owner',
        email: `Sam-${crypto.randomUUID()}@Sunrise.example`,
        password: PASSWORD,
      },
    })
    expect(res.status).toBe(201)
    expect(res.body.account).toMatchObject({
      name: 'Sam Owner',
      role: 'owner',
      dealershipName: 'Sunrise Motors',
      totpEnabled: false,
    })
    expect(res.body.account.permissions).toContain('audit')
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('aa_refresh='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Strict/)
    expect(cookie).toMatch(/Path=\/v1\/auth/)
    const claims = decodeJwt(res.body.accessToken)
    expect(claims).toMatchObject({ sub: res.body.account.id, tid: res.body.account.tenantId })
    expect(claims.exp! - claims.iat!).toBe(600)

    const me = await api(server, res.body.accessToken, 'GET', '/v1/me')
    expect(me.status).toBe(200)
    expect(me.body).toEqual(res.body.account)
    // The access token works on the rest of /v1 too.
    const keys = await api(server, res.body.accessToken, 'GET', '/v1/keys')
    expect(keys.status).toBe(200)
  })

  it('stores the password only as an argon2id hash with OWASP parameters', async () => {
    const owner = await signUp(server)
    const [row] = await server.db.query<{ password_hash: string }>(
      'select password_hash from members where lower(email) = lower($1)',
      [owner.email],
    )
    expect(row!.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
    expect(row!.password_hash).not.toContain(PASSWORD)
  })

  it('refuses a short password, and an email taken (in any case)', async () => {
    const weak = await portalCall(server, 'POST', '/v1/auth/signup', {
      body: { dealershipName: 'X', name: 'X', email: 'weak@dealer.example', password: 'short' },
    })
    expect(weak.status).toBe(400)
    expect(weak.body.error.code).toBe('weak_password')
    const { email } = await signUp(server)
    const again = await portalCall(server, 'POST', '/v1/auth/signup', {
      body: { dealershipName: 'X', name: 'X', email: email.toUpperCase(), password: PASSWORD },
    })
    expect(again.status).toBe(409)
    expect(again.body.error.code).toBe('email_taken')
  })

  it('signs in with the right password only, and the same answer for an unknown email', async () => {
    const { email } = await signUp(server)
    const ok = await login(server, email.toUpperCase())
    expect(ok.status).toBe(200)
    expect(refreshCookie(ok.headers)).toBeTruthy()
    const wrong = await login(server, email, 'not the password at all')
    expect(wrong.status).toBe(401)
    expect(wrong.body.error.code).toBe('invalid_credentials')
    const unknown = await login(server, `nobody-${crypto.randomUUID()}@dealer.example`)
    expect(unknown.status).toBe(401)
    expect(unknown.body.error).toEqual(wrong.body.error)
  })

  it('throttles failures per account (and a success clears them)', async () => {
    const { email } = await signUp(server)
    for (let i = 0; i < 4; i++) {
      expect((await login(server, email, 'wrong password!')).status).toBe(401)
    }
    // The fifth attempt succeeds and starts the count afresh.
    expect((await login(server, email)).status).toBe(200)
    for (let i = 0; i < 5; i++) {
      expect((await login(server, email, 'wrong password!')).status).toBe(401)
    }
    // From any address, even with the right password.
    const limited = await login(server, email)
    expect(limited.status).toBe(429)
    expect(limited.body.error.code).toBe('rate_limited')
    expect(limited.body.error.retryAfter).toBeGreaterThan(0)
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    // An unknown email is throttled alike, so throttling tells no account apart.
    const unknown = `nobody-${crypto.randomUUID()}@dealer.example`
    for (let i = 0; i < 5; i++) {
      expect((await login(server, unknown, 'wrong password!')).status).toBe(401)
    }
    expect((await login(server, unknown)).status).toBe(429)
  })

  it('counts sign-in attempts made at once before checking any of them', async () => {
    const { email } = await signUp(server)
    const results = await Promise.all(
      Array.from({ length: 20 }, () => login(server, email, 'wrong password!')),
    )
    const codes = results.map((r) => r.body.error.code)
    expect(codes.filter((c) => c === 'invalid_credentials').length).toBeLessThanOrEqual(5)
    expect(codes.filter((c) => c === 'rate_limited').length).toBeGreaterThanOrEqual(15)
    // The right password right after waits for the window too.
    const right = await login(server, email)
    expect(right.status).toBe(429)
    expect(right.body.error.retryAfter).toBeGreaterThan(0)
  })

  it('throttles failures per address, across accounts', async () => {
    const ip = randomIp()
    for (let i = 0; i < 30; i++) {
      const res = await login(server, `guess-${i}@dealer.example`, 'wrong password!', { ip })
      expect(res.status).toBe(401)
    }
    const { email } = await signUp(server)
    const limited = await login(server, email, PASSWORD, { ip })
    expect(limited.status).toBe(429)
    expect(limited.body.error.retryAfter).toBeGreaterThan(0)
    // Another address is not affected.
    expect((await login(server, email)).status).toBe(200)
  })
})

describe('sessions', () => {
  it('rotates the refresh token on each refresh', async () => {
    const first = await signUp(server)
    const res = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: first.cookie })
    expect(res.status).toBe(200)
    const second = sessionOf(res)
    expect(second.cookie).toBeTruthy()
    expect(second.cookie).not.toBe(first.cookie)
    expect(second.session.account.id).toBe(first.session.account.id)
    expect((await api(server, second.token, 'GET', '/v1/me')).status).toBe(200)
    const third = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: second.cookie })
    expect(third.status).toBe(200)
  })

  it('revokes the whole family when a rotated refresh token is used again', async () => {
    const first = await signUp(server)
    const second = sessionOf(
      await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: first.cookie }),
    )
    const reused = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: first.cookie })
    expect(reused.status).toBe(401)
    expect(reused.body.error.code).toBe('refresh_reused')
    // The newer refresh token and access token die with it.
    const newer = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: second.cookie })
    expect(newer.status).toBe(401)
    expect(newer.body.error.code).toBe('invalid_token')
    const me = await api(server, second.token, 'GET', '/v1/me')
    expect(me.status).toBe(401)
    expect(me.body.error.code).toBe('invalid_token')
    // A sign-in elsewhere is another family, untouched.
    const audit = await api(
      server,
      sessionOf(await login(server, first.email)).token,
      'GET',
      '/v1/audit-log',
    )
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toContain(
      'auth.refresh_reused',
    )
  })

  it('lets only one of two simultaneous refreshes with the same token win', async () => {
    const { cookie } = await signUp(server)
    const results = await Promise.all(
      [1, 2].map(() => portalCall(server, 'POST', '/v1/auth/refresh', { cookie })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 401])
  })

  it('tells an expired access token from an invalid one', async () => {
    const { token } = await signUp(server)
    const claims = decodeJwt(token)
    const now = Math.floor(Date.now() / 1000)
    const expired = await new SignJWT({ ...claims, iat: now - 700, exp: now - 100 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(JWT_SECRET))
    const res = await api(server, expired, 'GET', '/v1/me')
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('token_expired')

    const [header, payload, signature] = token.split('.')
    const tampered = `${header}.${Buffer.from(
      JSON.stringify({ ...claims, role: 'owner', tid: crypto.randomUUID() }),
    ).toString('base64url')}.${signature}`
    expect(payload).toBeTruthy()
    const bad = await api(server, tampered, 'GET', '/v1/me')
    expect(bad.status).toBe(401)
    expect(bad.body.error.code).toBe('invalid_token')
    const otherKey = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode('another secret, of another server, long enough'))
    expect((await api(server, otherKey, 'GET', '/v1/me')).body.error.code).toBe('invalid_token')
  })

  it('logs out: the refresh token and the access token stop working, the cookie is cleared', async () => {
    const { token, cookie } = await signUp(server)
    const res = await portalCall(server, 'POST', '/v1/auth/logout', { cookie })
    expect(res.status).toBe(204)
    expect(res.headers.getSetCookie().join()).toMatch(/aa_refresh=;.*Max-Age=0/)
    expect((await portalCall(server, 'POST', '/v1/auth/refresh', { cookie })).status).toBe(401)
    expect((await api(server, token, 'GET', '/v1/me')).body.error.code).toBe('invalid_token')
  })

  it('refuses a refresh token whose session was revoked, even one left unrevoked by a race', async () => {
    const { cookie } = await signUp(server)
    expect((await portalCall(server, 'POST', '/v1/auth/logout', { cookie })).status).toBe(204)
    // As a refresh racing the logout would leave it: a token of the session, itself not revoked.
    await server.db.query(
      `update refresh_tokens set revoked_at = null where token_hash = sha256(convert_to($1, 'UTF8'))`,
      [cookie],
    )
    const res = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie })
    expect(res.status).toBe(401)
    expect(res.body.error.code).toBe('invalid_token')
  })

  it('refuses state-changing /v1/auth requests from another origin (CSRF)', async () => {
    const { email, cookie } = await signUp(server)
    const evil = 'https://evil.example'
    const loginRes = await portalCall(server, 'POST', '/v1/auth/login', {
      body: { email, password: PASSWORD },
      origin: evil,
    })
    expect(loginRes.status).toBe(403)
    expect(loginRes.body.error.code).toBe('origin_not_allowed')
    const refreshRes = await portalCall(server, 'POST', '/v1/auth/refresh', {
      cookie,
      origin: evil,
    })
    expect(refreshRes.status).toBe(403)
    // The cookie-authenticated ones need proof they come from the portal.
    const bare = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie, origin: null })
    expect(bare.status).toBe(403)
    expect(bare.body.error.code).toBe('origin_required')
    const sameSite = await api(server, null, 'POST', '/v1/auth/refresh', undefined, {
      cookie: `aa_refresh=${cookie}`,
      'sec-fetch-site': 'same-origin',
    })
    expect(sameSite.status).toBe(200)
  })
})

describe('two-factor sign-in', () => {
  it('asks for a code, refuses a wrong or reused one, takes a recovery code once', async () => {
    const owner = await signUp(server)
    const setup = await api(server, owner.token, 'POST', '/v1/me/totp/setup')
    expect(setup.status).toBe(200)
    expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//)
    const secret: string = setup.body.secret
    const wrongConfirm = await api(server, owner.token, 'POST', '/v1/me/totp/confirm', {
      code: '000000',
      password: PASSWORD,
    })
    expect(wrongConfirm.body.error.code).toBe('invalid_totp')
    // The access token alone (stolen, say) cannot turn it on and lock the owner out.
    const noPassword = await api(server, owner.token, 'POST', '/v1/me/totp/confirm', {
      code: totpCode(secret, -1),
    })
    expect(noPassword.status).toBe(400)
    const wrongPassword = await api(server, owner.token, 'POST', '/v1/me/totp/confirm', {
      code: totpCode(secret, -1),
      password: 'not the password at all',
    })
    expect(wrongPassword.body.error.code).toBe('invalid_credentials')
    expect((await api(server, owner.token, 'GET', '/v1/me')).body.totpEnabled).toBe(false)
    // A code from the step before is still taken (clocks drift).
    const confirmed = await api(server, owner.token, 'POST', '/v1/me/totp/confirm', {
      code: totpCode(secret, -1),
      password: PASSWORD,
    })
    expect(confirmed.status).toBe(200)
    const recoveryCodes: string[] = confirmed.body.recoveryCodes
    expect(recoveryCodes).toHaveLength(10)
    expect(new Set(recoveryCodes).size).toBe(10)

    const required = await login(server, owner.email)
    expect(required.status).toBe(401)
    expect(required.body.error.code).toBe('totp_required')
    const wrong = await login(server, owner.email, PASSWORD, { totp: '123456' })
    expect(wrong.body.error.code).toBe('invalid_totp')
    const right = await login(server, owner.email, PASSWORD, { totp: totpCode(secret) })
    expect(right.status).toBe(200)
    expect(right.body.account.totpEnabled).toBe(true)
    const reused = await login(server, owner.email, PASSWORD, { totp: totpCode(secret) })
    expect(reused.body.error.code).toBe('invalid_totp')
    // A wrong password is refused before the code is even looked at.
    const badPassword = await login(server, owner.email, 'wrong password!', {
      totp: totpCode(secret, 1),
    })
    expect(badPassword.body.error.code).toBe('invalid_credentials')

    const recovery = await login(server, owner.email, PASSWORD, {
      recoveryCode: recoveryCodes[0]!.toUpperCase(),
    })
    expect(recovery.status).toBe(200)
    const again = await login(server, owner.email, PASSWORD, { recoveryCode: recoveryCodes[0]! })
    expect(again.body.error.code).toBe('invalid_totp')

    const audit = await api(server, recovery.body.accessToken, 'GET', '/v1/audit-log')
    const actions = audit.body.entries.map((e: { action: string }) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'auth.totp_enabled',
        'auth.recovery_code_used',
        'auth.sign_in_failed',
        'auth.signed_in',
        'auth.signed_up',
      ]),
    )

    // Turning it off needs the password and a fresh code.
    const token = recovery.body.accessToken
    const offWrongPassword = await api(server, token, 'POST', '/v1/me/totp/disable', {
      password: 'wrong password!',
      code: totpCode(secret, 1),
    })
    expect(offWrongPassword.body.error.code).toBe('invalid_credentials')
    const off = await api(server, token, 'POST', '/v1/me/totp/disable', {
      password: PASSWORD,
      code: totpCode(secret, 1),
    })
    expect(off.status).toBe(204)
    expect((await login(server, owner.email)).status).toBe(200)
  })
})

describe('password reset and change', () => {
  it('emails a link that sets a new password once and signs out every session', async () => {
    const owner = await signUp(server)
    const unknown = await portalCall(server, 'POST', '/v1/auth/password-reset', {
      body: { email: `nobody-${crypto.randomUUID()}@dealer.example` },
    })
    expect(unknown.status).toBe(202)
    const res = await portalCall(server, 'POST', '/v1/auth/password-reset', {
      body: { email: owner.email },
    })
    expect(res.status).toBe(202)
    const token = await linkInMail(server, owner.email, '/portal/reset-password')
    // Not in the dealership's outbox, where an admin could use it.
    const outbox = await api(server, owner.token, 'GET', '/v1/outbox')
    expect(outbox.body.messages).toEqual([])

    const weak = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'short' },
    })
    expect(weak.body.error.code).toBe('weak_password')
    const done = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'a brand new password' },
    })
    expect(done.status).toBe(204)
    const twice = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token, password: 'yet another password' },
    })
    expect(twice.body.error.code).toBe('invalid_token')

    expect((await api(server, owner.token, 'GET', '/v1/me')).body.error.code).toBe('invalid_token')
    const refresh = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: owner.cookie })
    expect(refresh.status).toBe(401)
    expect((await login(server, owner.email)).status).toBe(401)
    expect((await login(server, owner.email, 'a brand new password')).status).toBe(200)
  })

  it('spends the other reset links once the password is reset or changed', async () => {
    const owner = await signUp(server)
    const requestLink = async () => {
      const res = await portalCall(server, 'POST', '/v1/auth/password-reset', {
        ip: randomIp(),
        body: { email: owner.email },
      })
      expect(res.status).toBe(202)
      return linkInMail(server, owner.email, '/portal/reset-password')
    }
    const older = await requestLink()
    const newer = await requestLink()
    expect(newer).not.toBe(older)
    const reset = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token: newer, password: 'a brand new password' },
    })
    expect(reset.status).toBe(204)
    const stale = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token: older, password: 'the attacker password' },
    })
    expect(stale.body.error.code).toBe('invalid_token')

    // A link sent before a password change stops working too.
    const signedIn = sessionOf(await login(server, owner.email, 'a brand new password'))
    const beforeChange = await requestLink()
    const changed = await api(server, signedIn.token, 'POST', '/v1/me/password', {
      currentPassword: 'a brand new password',
      newPassword: 'the newest password',
    })
    expect(changed.status).toBe(204)
    const afterChange = await portalCall(server, 'POST', '/v1/auth/password-reset/confirm', {
      body: { token: beforeChange, password: 'the attacker password' },
    })
    expect(afterChange.body.error.code).toBe('invalid_token')
    expect((await login(server, owner.email, 'the newest password')).status).toBe(200)
  })

  it('never points an emailed link at a host the request names, without PUBLIC_URL', async () => {
    const owner = await signUp(server)
    const before = await mailTo(server, owner.email)
    // fetch cannot forge Host; node:http can, as any attacker's script would.
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL('/v1/auth/password-reset', server.url)
      const req = request(
        url,
        { method: 'POST', headers: { host: 'evil.example', 'content-type': 'application/json' } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.end(JSON.stringify({ email: owner.email }))
    })
    expect(status).toBe(501)
    expect(await mailTo(server, owner.email)).toBe(before)
  })

  it('changes the password with the current one, signing out the other sessions', async () => {
    const owner = await signUp(server)
    const other = sessionOf(await login(server, owner.email))
    const wrong = await api(server, owner.token, 'POST', '/v1/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new password',
    })
    expect(wrong.body.error.code).toBe('invalid_credentials')
    const ok = await api(server, owner.token, 'POST', '/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    })
    expect(ok.status).toBe(204)
    expect((await api(server, owner.token, 'GET', '/v1/me')).status).toBe(200)
    expect((await api(server, other.token, 'GET', '/v1/me')).status).toBe(401)
    expect((await login(server, owner.email, 'a brand new password')).status).toBe(200)
  })
})

describe('unauthenticated requests that hash a password or send mail', () => {
  let limited: TestServer
  beforeAll(async () => {
    limited = await startTestServer({
      env: { TRUST_PROXY_HOPS: '1', RATE_LIMIT_ACCOUNT_REQUESTS_PER_IP: '3' },
    })
  })
  afterAll(() => limited?.stop())

  const expectLimited = (res: { status: number; body: { error: { retryAfter?: number } } }) => {
    expect(res.status).toBe(429)
    expect(res.body.error.retryAfter).toBeGreaterThan(0)
  }

  it('throttles sign-ups per address', async () => {
    const ip = randomIp()
    const signup = () =>
      portalCall(limited, 'POST', '/v1/auth/signup', {
        ip,
        body: {
          dealershipName: 'Spam Motors',
          name: 'Spam',
          email: `spam-${crypto.randomUUID()}@dealer.example`,
          password: PASSWORD,
        },
      })
    for (let i = 0; i < 3; i++) expect((await signup()).status).toBe(201)
    expectLimited(await signup())
    // Another address is not affected.
    expect((await signUp(limited)).cookie).toBeTruthy()
  })

  it('refuses a made-up reset or invitation token, and throttles those per address', async () => {
    const ip = randomIp()
    for (const [path, body] of [
      ['/v1/auth/password-reset/confirm', { token: 'made-up', password: PASSWORD }],
      ['/v1/auth/invitations/accept', { token: 'made-up', name: 'Mal', password: PASSWORD }],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const res = await portalCall(limited, 'POST', path, { ip, body })
        expect(res.body.error.code).toBe(
          path.endsWith('confirm') ? 'invalid_token' : 'invitation_invalid',
        )
      }
      expectLimited(await portalCall(limited, 'POST', path, { ip, body }))
    }
  })

  it('throttles reset requests per address, and sends a few emails per address an hour', async () => {
    const owner = await signUp(server)
    const sent = await mailTo(server, owner.email)
    // Ten requests from ten addresses: all answered alike, three emails sent.
    for (let i = 0; i < 10; i++) {
      const res = await portalCall(server, 'POST', '/v1/auth/password-reset', {
        ip: randomIp(),
        body: { email: owner.email.toUpperCase() },
      })
      expect(res.status).toBe(202)
    }
    expect((await mailTo(server, owner.email)) - sent).toBe(3)

    const ip = randomIp()
    for (let i = 0; i < 3; i++) {
      const res = await portalCall(limited, 'POST', '/v1/auth/password-reset', {
        ip,
        body: { email: `nobody-${crypto.randomUUID()}@dealer.example` },
      })
      expect(res.status).toBe(202)
    }
    expectLimited(
      await portalCall(limited, 'POST', '/v1/auth/password-reset', {
        ip,
        body: { email: `nobody-${crypto.randomUUID()}@dealer.example` },
      }),
    )
  })
})

describe('tokens in URLs', () => {
  it('keeps them out of the request log and out of traces', async () => {
    const receiver = await startOtlpReceiver()
    const { log, lines } = capturingLogger()
    const traced = await startTestServer({
      log,
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
    })
    const secret = `tok${crypto.randomUUID().replaceAll('-', '')}`
    try {
      const preview = await api(traced, null, 'GET', `/v1/auth/invitations/${secret}`)
      expect(preview.body.error.code).toBe('invitation_invalid')
      await api(traced, null, 'GET', `/portal/reset-password?token=${secret}`)
      await api(traced, null, 'GET', '/v1/openapi.json?kept=yes')
    } finally {
      // Shutting down exports what the batch still holds.
      await traced.stop()
      await receiver.close()
    }
    const requests = lines.filter((l) => l.msg === 'request')
    expect(requests.map((l) => l.path)).toContain('/v1/auth/invitations/<redacted>')
    expect(JSON.stringify(lines)).not.toContain(secret)

    // This process's fetches to the server are traced too (undici client spans, with url.path):
    // those are the caller's, which holds the token anyway, not the server's.
    const spans = receiver.spans.filter((s) => !('url.path' in s.attributes))
    expect(spans.length).toBeLessThan(receiver.spans.length)
    const urls = spans.map((s) => String(s.attributes['url.full'] ?? ''))
    expect(urls.some((u) => u.endsWith('/v1/auth/invitations/<redacted>'))).toBe(true)
    expect(urls.some((u) => u.endsWith('/portal/reset-password'))).toBe(true)
    // Other query strings stay.
    expect(urls.some((u) => u.endsWith('/v1/openapi.json?kept=yes'))).toBe(true)
    expect(JSON.stringify(spans)).not.toContain(secret)
  })
})

describe('the demo', () => {
  it('has an owner account for the demo dealership, with the password DEMO_OWNER_PASSWORD says', async () => {
    const demo = await startTestServer({
      env: { AVATARADAM_DEMO: 'true', DEMO_OWNER_PASSWORD: 'demo owner password' },
    })
    try {
      expect(demo.demo?.owner?.email).toBe('owner@demo.avataradam.dev')
      // Chosen, so not printed.
      expect(demo.demo?.owner?.password).toBeUndefined()
      const res = await login(demo, 'owner@demo.avataradam.dev', 'demo owner password')
      expect(res.status).toBe(200)
      expect(res.body.account).toMatchObject({ role: 'owner', dealershipName: "Adam's Auto Sales" })
      expect(res.body.account.tenantId).toBe(demo.demo?.tenantId)
    } finally {
      await demo.stop()
    }
  })
})

/** How many emails the server stored for `recipient`. */
async function mailTo(server: TestServer, recipient: string): Promise<number> {
  const [row] = await server.db.query<{ n: number }>(
    'select count(*)::int as n from mail_outbox where recipient = $1',
    [recipient],
  )
  return row?.n ?? 0
}
