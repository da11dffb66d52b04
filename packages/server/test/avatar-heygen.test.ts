import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import type { Ack, AvatarSession } from '@avataradam/sdk/protocol'
import { io } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.ts'
import { runChecks } from '../src/doctor.ts'
import { createLogger } from '../src/logger.ts'
import { createLiveAvatar } from '../src/providers/avatar/heygen-liveavatar.ts'
import { AvatarProviderError } from '../src/providers/avatar/index.ts'
import { createSecretBox } from '../src/secrets/secret-box.ts'
import { createProviderOverrides } from '../src/tenants/provider-overrides.ts'
import { startHeygenServer } from './support/heygen-server.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type TestTenant,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

const SERVER_KEY = `la-server-${randomBytes(8).toString('hex')}`
const ALPHA_KEY = `la-alpha-${randomBytes(8).toString('hex')}`
// Each run comes from its own address (through a trusted proxy): with Redis, per-address limits
// are shared by every run within the minute.
const RUN_ADDRESS = `10.${randomBytes(3).join('.')}`

let heygen: Awaited<ReturnType<typeof startHeygenServer>>
let server: TestServer
let alpha: TestTenant
let bravo: TestTenant
let charlie: TestTenant
const logLines: string[] = []
/** Everything any visitor socket received: events and acks. */
const socketPayloads: unknown[] = []
/** Every REST response body. */
const apiBodies: unknown[] = []

beforeAll(async () => {
  heygen = await startHeygenServer([SERVER_KEY, ALPHA_KEY])
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk))
      done()
    },
  })
  server = await startTestServer({
    env: {
      AVATARADAM_SECRET_KEYS: randomBytes(32).toString('base64'),
      // Built-in by default; the server's HeyGen key is there for dealerships that turn it on.
      AVATAR_PROVIDER: 'builtin',
      HEYGEN_API_KEY: SERVER_KEY,
      HEYGEN_AVATAR_ID: 'server-avatar',
      HEYGEN_VOICE_ID: 'server-voice',
      HEYGEN_BASE_URL: heygen.url,
      HEYGEN_TIMEOUT_MS: '300',
      HEYGEN_MAX_SESSION_SECONDS: '300',
      RATE_LIMIT_AVATAR_SESSIONS_PER_MINUTE: '3',
      TRUST_PROXY_HOPS: '1',
    },
    log: createLogger('trace', sink),
  })
  alpha = await createTenant(server, 'Alpha Autos')
  bravo = await createTenant(server, 'Bravo Motors')
  charlie = await createTenant(server, 'Charlie Cars')
})
afterAll(async () => {
  await server.db.query('delete from tenants where id = any($1::uuid[])', [
    [alpha.tenantId, bravo.tenantId, charlie.tenantId],
  ])
  await server.stop()
  await heygen.close()
})

async function rest(tenant: TestTenant, method: string, route: string, body?: unknown) {
  const res = await api(server, tenant.secret.key, method, route, body)
  apiBodies.push(res.body)
  return res
}

/** One visitor of `tenant` asks `times` times which avatar to show. */
async function avatarSessions(tenant: TestTenant, times = 1): Promise<Ack<AvatarSession>[]> {
  const socket: VisitorClient = await connectVisitor(
    io(server.url, {
      auth: { key: tenant.publishable.key, visitorId: `visitor_${crypto.randomUUID()}` },
      transports: ['websocket'],
      extraHeaders: { origin: TEST_ORIGIN, 'x-forwarded-for': RUN_ADDRESS },
      reconnection: false,
      autoConnect: false,
      forceNew: true,
    }),
  )
  socket.onAny((...args) => socketPayloads.push(args))
  try {
    const acks: Ack<AvatarSession>[] = []
    for (let i = 0; i < times; i++) acks.push(await socket.emitWithAck('avatar:session', {}))
    socketPayloads.push(acks)
    return acks
  } finally {
    socket.close()
  }
}
const avatarSession = async (tenant: TestTenant) => (await avatarSessions(tenant))[0]!

describe('the HeyGen LiveAvatar adapter', () => {
  const adapter = (timeoutMs = 300) =>
    createLiveAvatar({
      apiKey: SERVER_KEY,
      avatarId: 'avatar-1',
      voiceId: 'voice-1',
      language: 'es',
      baseUrl: heygen.url,
      timeoutMs,
      maxSessionSeconds: 120,
    })
  const visitor = { tenantId: 't', visitorId: 'v' }
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('minted')
      },
      (err: unknown) => {
        expect(AvatarProviderError.isInstance(err)).toBe(true)
        expect((err as Error).message).not.toContain(SERVER_KEY)
        return err as AvatarProviderError
      },
    )

  it('mints a session token with X-API-KEY and the documented FULL-mode body', async () => {
    const seen = heygen.requests.length
    const before = Date.now()
    const minted = await adapter().mintSession(visitor)
    const sent = heygen.requests[seen]!
    expect(sent.method).toBe('POST')
    expect(sent.path).toBe('/v1/sessions/token')
    expect(sent.headers['x-api-key']).toBe(SERVER_KEY)
    expect(sent.headers['content-type']).toBe('application/json')
    expect(sent.body).toEqual({
      mode: 'FULL',
      avatar_id: 'avatar-1',
      avatar_persona: { voice_id: 'voice-1', language: 'es' },
      is_sandbox: false,
      max_session_duration: 120,
    })
    expect(heygen.tokens.get(minted.token)).toEqual({ avatarId: 'avatar-1', apiKey: SERVER_KEY })
    expect(minted.sessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(minted.apiUrl).toBe(heygen.url)
    expect(minted.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 120_000)
    expect(minted.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 120_000)
  })

  it('reports a refused key as unauthorized, without the key', async () => {
    const err = await failure(
      createLiveAvatar({
        apiKey: 'la-wrong',
        avatarId: 'a',
        language: 'en',
        baseUrl: heygen.url,
        timeoutMs: 300,
        maxSessionSeconds: 60,
      }).mintSession(visitor),
    )
    expect(err).toMatchObject({ reason: 'unauthorized', status: 401 })
    expect(err.message).toContain('Invalid API key')
    expect(err.message).not.toContain('la-wrong')
  })

  it('passes on 429 with its Retry-After', async () => {
    heygen.next({
      status: 429,
      headers: { 'retry-after': '7' },
      body: { code: 429, message: 'Too many sessions' },
    })
    const err = await failure(adapter().mintSession(visitor))
    expect(err).toMatchObject({ reason: 'rate_limited', status: 429, retryAfter: 7 })
  })

  it('reports 5xx, a 422 validation error and an echoed key as unavailable, redacted', async () => {
    heygen.next({ status: 503, body: { code: 503, message: `upstream down for ${SERVER_KEY}` } })
    const down = await failure(adapter().mintSession(visitor))
    expect(down).toMatchObject({ reason: 'unavailable', status: 503 })
    expect(down.message).toContain('[redacted]')
    heygen.next({ status: 422, body: { detail: [{ loc: ['body', 'avatar_id'], msg: 'bad' }] } })
    expect(await failure(adapter().mintSession(visitor))).toMatchObject({
      reason: 'unavailable',
      status: 422,
    })
  })

  it('gives up after its timeout', async () => {
    heygen.next({ status: 200, delayMs: 1000, body: {} })
    const started = Date.now()
    const err = await failure(adapter(150).mintSession(visitor))
    expect(err.reason).toBe('timeout')
    expect(Date.now() - started).toBeLessThan(900)
  })

  it('refuses a malformed answer', async () => {
    heygen.next({ status: 200, body: { code: 100, data: { session_id: 's' }, message: 'ok' } })
    expect((await failure(adapter().mintSession(visitor))).reason).toBe('malformed')
    heygen.next({
      status: 200,
      body: '<html>gateway</html>',
      headers: { 'content-type': 'text/html' },
    })
    expect((await failure(adapter().mintSession(visitor))).reason).toBe('malformed')
  })
})

describe('avatar:session through real sockets', () => {
  it('gives the built-in avatar to a dealership that did not turn HeyGen on', async () => {
    const seen = heygen.requests.length
    expect(await avatarSession(charlie)).toEqual({ provider: 'builtin' })
    expect(heygen.requests.length).toBe(seen)
  })

  it("mints with a dealership's own key and avatar, for its visitors only", async () => {
    const put = await rest(alpha, 'PUT', '/v1/providers/avatar', {
      provider: 'heygen',
      apiKey: ALPHA_KEY,
      avatarId: 'alpha-avatar',
      language: 'en',
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      provider: 'heygen',
      avatarId: 'alpha-avatar',
      apiKeySet: true,
    })
    expect((await rest(alpha, 'GET', '/v1/providers')).body.avatar).toMatchObject({
      avatarId: 'alpha-avatar',
      apiKeySet: true,
    })

    const seen = heygen.requests.length
    const session = await avatarSession(alpha)
    if (!('provider' in session) || session.provider !== 'heygen') throw new Error('not heygen')
    expect(session.apiUrl).toBe(heygen.url)
    expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now() + 200_000)
    expect(heygen.tokens.get(session.sessionToken)).toEqual({
      avatarId: 'alpha-avatar',
      apiKey: ALPHA_KEY,
    })
    const sent = heygen.requests[seen]!
    expect(sent.headers['x-api-key']).toBe(ALPHA_KEY)
    // Its own avatar does not borrow the server's voice.
    expect(sent.body.avatar_persona).toEqual({ language: 'en' })

    // Bravo has not turned HeyGen on: built-in, nothing minted, and it sees no settings.
    expect(await avatarSession(bravo)).toEqual({ provider: 'builtin' })
    expect(heygen.requests.length).toBe(seen + 1)
    expect((await rest(bravo, 'GET', '/v1/providers')).body).toEqual({ llm: null, avatar: null })
  })

  it("uses the server's key and avatar for a dealership that brings neither, never another's", async () => {
    const put = await rest(bravo, 'PUT', '/v1/providers/avatar', { provider: 'heygen' })
    expect(put.body).toMatchObject({ provider: 'heygen', apiKeySet: false })
    const seen = heygen.requests.length
    const session = await avatarSession(bravo)
    if (!('provider' in session) || session.provider !== 'heygen') throw new Error('not heygen')
    expect(heygen.tokens.get(session.sessionToken)).toEqual({
      avatarId: 'server-avatar',
      apiKey: SERVER_KEY,
    })
    expect(heygen.requests[seen]!.body.avatar_persona).toEqual({
      voice_id: 'server-voice',
      language: 'en',
    })
    // Alpha's own settings stay Alpha's.
    const again = await avatarSession(alpha)
    if (!('provider' in again) || again.provider !== 'heygen') throw new Error('not heygen')
    expect(heygen.tokens.get(again.sessionToken)?.apiKey).toBe(ALPHA_KEY)
  })

  it('answers avatar_unavailable when HeyGen refuses, limits, fails or stalls, and keeps serving', async () => {
    heygen.next({ status: 429, headers: { 'retry-after': '30' }, body: { message: 'slow down' } })
    expect(await avatarSession(alpha)).toEqual({
      error: {
        code: 'avatar_unavailable',
        message: expect.stringContaining('built-in avatar'),
        retryAfter: 30,
      },
    })
    heygen.next({ status: 401, body: { code: 401, message: 'Invalid API key' } })
    expect(await avatarSession(alpha)).toMatchObject({ error: { code: 'avatar_unavailable' } })
    heygen.next({ status: 500, body: { message: 'boom' } })
    expect(await avatarSession(alpha)).toMatchObject({ error: { code: 'avatar_unavailable' } })
    heygen.next({ status: 200, body: { data: {} } })
    expect(await avatarSession(alpha)).toMatchObject({ error: { code: 'avatar_unavailable' } })
    heygen.next({ status: 200, delayMs: 1000, body: {} })
    expect(await avatarSession(alpha)).toMatchObject({ error: { code: 'avatar_unavailable' } })
    expect(await avatarSession(alpha)).toMatchObject({ provider: 'heygen' })
    const logged = logLines.join('')
    expect(logged).toContain('HeyGen session not minted')
    expect(logged).toContain('rate_limited')
  })

  it('limits sessions per visitor', async () => {
    const acks = await avatarSessions(alpha, 4)
    expect(acks.slice(0, 3).every((a) => 'provider' in a)).toBe(true)
    expect(acks[3]).toMatchObject({
      error: { code: 'rate_limited', retryAfter: expect.any(Number) },
    })
  })

  it('refuses settings that do not fit, and changes nothing', async () => {
    const before = (await rest(alpha, 'GET', '/v1/providers')).body
    const builtinWithKey = await rest(alpha, 'PUT', '/v1/providers/avatar', {
      provider: 'builtin',
      apiKey: 'x',
    })
    expect(builtinWithKey.status).toBe(400)
    expect(builtinWithKey.body.error.code).toBe('invalid_request')
    expect((await rest(alpha, 'PUT', '/v1/providers/avatar', { provider: 'did' })).status).toBe(400)
    expect((await rest(alpha, 'GET', '/v1/providers')).body).toEqual(before)
    // Without server defaults, a dealership must bring its own key and avatar.
    const bare = createProviderOverrides(server.db, createSecretBox([randomBytes(32)]))
    await expect(bare.setAvatar(alpha.tenantId, { provider: 'heygen' })).rejects.toMatchObject({
      code: 'invalid_request',
      details: { fields: ['apiKey', 'avatarId'] },
    })
  })

  it('turns HeyGen off with builtin, and back to the default when removed', async () => {
    expect((await rest(alpha, 'PUT', '/v1/providers/avatar', { provider: 'builtin' })).status).toBe(
      200,
    )
    expect(await avatarSession(alpha)).toEqual({ provider: 'builtin' })
    expect((await rest(alpha, 'DELETE', '/v1/providers/avatar')).status).toBe(204)
    expect((await rest(alpha, 'GET', '/v1/providers')).body.avatar).toBeNull()
    expect(await avatarSession(alpha)).toEqual({ provider: 'builtin' })
  })

  it('mints nothing for a key revoked while connected, and closes the connection', async () => {
    const key = await server.keys.create(alpha.tenantId, {
      type: 'publishable',
      allowedOrigins: [TEST_ORIGIN],
    })
    await rest(alpha, 'PUT', '/v1/providers/avatar', { provider: 'heygen' })
    const socket = await connectVisitor(visitorClient(server, { key: key.key }))
    socket.onAny((...args) => socketPayloads.push(args))
    await server.keys.revoke(alpha.tenantId, key.id)
    const seen = heygen.requests.length
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    expect(await socket.emitWithAck('avatar:session', {})).toMatchObject({
      error: { code: 'key_revoked' },
    })
    expect(await closed).toBe('io server disconnect')
    expect(heygen.requests.length).toBe(seen)
    await rest(alpha, 'DELETE', '/v1/providers/avatar')
  })

  it('never lets a HeyGen key out: not to sockets, API responses or logs', () => {
    const everything = JSON.stringify([socketPayloads, apiBodies]) + logLines.join('')
    expect(socketPayloads.length).toBeGreaterThan(5)
    for (const key of [SERVER_KEY, ALPHA_KEY]) expect(everything).not.toContain(key)
  })
})

describe('HeyGen as the server default', () => {
  it('gives every dealership HeyGen unless it chose the built-in avatar', async () => {
    const other = await startTestServer({
      env: {
        AVATARADAM_SECRET_KEYS: randomBytes(32).toString('base64'),
        AVATAR_PROVIDER: 'heygen',
        HEYGEN_API_KEY: SERVER_KEY,
        HEYGEN_AVATAR_ID: 'server-avatar',
        HEYGEN_BASE_URL: heygen.url,
      },
    })
    try {
      const tenant = await createTenant(other)
      const ask = async () => {
        const socket = await connectVisitor(visitorClient(other, { key: tenant.publishable.key }))
        try {
          return await socket.emitWithAck('avatar:session', {})
        } finally {
          socket.close()
        }
      }
      expect(await ask()).toMatchObject({ provider: 'heygen', sessionToken: expect.any(String) })
      await api(other, tenant.secret.key, 'PUT', '/v1/providers/avatar', { provider: 'builtin' })
      expect(await ask()).toEqual({ provider: 'builtin' })
      await other.db.query('delete from tenants where id = $1', [tenant.tenantId])
    } finally {
      await other.stop()
    }
  })
})

describe('avataradam doctor', () => {
  it('checks HeyGen by minting a token, and says why when refused', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'avataradam-doctor-'))
    try {
      const env = {
        AVATARADAM_DATA_DIR: path.join(dir, 'data'),
        AVATAR_PROVIDER: 'heygen',
        HEYGEN_AVATAR_ID: 'server-avatar',
        HEYGEN_BASE_URL: heygen.url,
      }
      const avatarCheck = async (key: string) =>
        (await runChecks(loadConfig({ ...env, HEYGEN_API_KEY: key }))).find(
          (c) => c.name === 'avatar',
        )
      expect(await avatarCheck(SERVER_KEY)).toMatchObject({
        ok: true,
        detail: expect.stringContaining('minted a session token for avatar server-avatar'),
      })
      const refused = await avatarCheck('la-wrong-key')
      expect(refused).toMatchObject({ ok: false, detail: expect.stringContaining('401') })
      expect(refused!.detail).not.toContain('la-wrong-key')
      expect(
        (await runChecks(loadConfig({ AVATARADAM_DATA_DIR: env.AVATARADAM_DATA_DIR }))).find(
          (c) => c.name === 'avatar',
        ),
      ).toMatchObject({ ok: true, detail: expect.stringContaining('built-in') })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
