import { AvatarAdamError, createStaffClient } from '@avataradam/sdk'
import type { ChatError, ChatMessage } from '@avataradam/sdk/protocol'
import { decodeJwt, SignJWT } from 'jose'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portalCall, type SignedIn, signUp } from './support/auth.ts'
import { ask, eventually, sleep, slowAnswerer } from './support/chat.ts'
import {
  api,
  connectVisitor,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

const JWT_SECRET = 'a test secret that is long enough for HS256 signing'
const CHECK_MS = 300

/**
 * A portal member's staff socket ends when their access token would no longer be accepted: at
 * its expiry, and within a check interval of signing out.
 */
describe('a member’s staff socket lasts as long as their access token', () => {
  let server: TestServer
  const cleanup: (() => unknown)[] = []
  beforeAll(async () => {
    server = await startTestServer({
      env: { AUTH_JWT_SECRET: JWT_SECRET },
      parts: { answerer: slowAnswerer(['Nine', 'to', 'five.'], 5) },
      staffTokenCheckMs: CHECK_MS,
    })
  })
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step()
    await server?.stop()
  })

  /** A signed-up dealership with a visitor in one of its conversations. */
  async function dealershipWithConversation() {
    const owner = await signUp(server)
    const key = await api(server, owner.token, 'POST', '/v1/keys', {
      type: 'publishable',
      allowedOrigins: [TEST_ORIGIN],
    })
    expect(key.status).toBe(201)
    const visitor = await connectVisitor(visitorClient(server, { key: key.body.key }))
    cleanup.push(() => visitor.close())
    const { ack } = await ask(visitor, 'When do you open?')
    return { owner, visitor, conversationId: ack.conversationId }
  }

  /** The member's token again, expiring `seconds` from now. */
  function expiringToken(owner: SignedIn, seconds: number) {
    const now = Math.floor(Date.now() / 1000)
    return new SignJWT({ ...decodeJwt(owner.token), iat: now, exp: now + seconds })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(JWT_SECRET))
  }

  /** A raw staff socket watching `conversationId`, recording what it receives. */
  async function watcher(accessToken: string, conversationId: string) {
    const socket = connect(server.url, {
      auth: { accessToken },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    }) as VisitorClient
    cleanup.push(() => socket.close())
    const seen = { messages: [] as ChatMessage[], errors: [] as ChatError[], disconnect: '' }
    socket.on('chat:message', (m) => seen.messages.push(m))
    socket.on('chat:error', (e) => seen.errors.push(e))
    socket.on('disconnect', (reason) => {
      seen.disconnect = reason
    })
    await connectVisitor(socket)
    const watch = await socket.emitWithAck('staff:watch', { conversationId })
    expect(watch).toMatchObject({ conversationId })
    return { socket, seen }
  }

  it('disconnects a watching member within a check of signing out, and streams nothing more', async () => {
    const { owner, visitor, conversationId } = await dealershipWithConversation()
    const { seen } = await watcher(owner.token, conversationId)
    await ask(visitor, 'And on Saturday?', { conversationId })
    await eventually(async () => seen.messages.length === 1)

    const logout = await portalCall(server, 'POST', '/v1/auth/logout', { cookie: owner.cookie })
    expect(logout.status).toBe(204)
    const started = Date.now()
    await eventually(async () => seen.disconnect, 5000)
    // The verifier trusts a session for a second; then one check interval at most.
    expect(Date.now() - started).toBeLessThan(1000 + CHECK_MS * 3 + 500)
    expect(seen.disconnect).toBe('io server disconnect')
    expect(seen.errors.map((e) => e.code)).toEqual(['invalid_token'])

    await ask(visitor, 'And on Sunday?', { conversationId })
    await sleep(200)
    expect(seen.messages.map((m) => m.text)).toEqual(['And on Saturday?'])
  })

  it('disconnects a member’s socket when its access token expires', async () => {
    const { owner, visitor, conversationId } = await dealershipWithConversation()
    const token = await expiringToken(owner, 2)
    const expiresAt = decodeJwt(token).exp! * 1000
    const { seen } = await watcher(token, conversationId)
    await eventually(async () => seen.disconnect, 5000)
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt - 50)
    expect(Date.now()).toBeLessThan(expiresAt + CHECK_MS + 500)
    await ask(visitor, 'Still there?', { conversationId })
    await sleep(200)
    expect(seen.messages).toEqual([])
  })

  it('lets the SDK staff client carry on with a fresh token after one expires', async () => {
    const { owner, visitor, conversationId } = await dealershipWithConversation()
    const tokens = [await expiringToken(owner, 2), owner.token]
    let asked = 0
    const client = createStaffClient({
      baseUrl: server.url,
      accessToken: () => tokens[Math.min(asked++, tokens.length - 1)]!,
    })
    cleanup.push(() => client.close())
    const messages: string[] = []
    const errors: string[] = []
    await client.watchConversation(conversationId, {
      message: (m) => messages.push(m.text),
      error: (e) => errors.push(e.code),
    })
    // The token lasts 2 s; on a busy machine the server's check, the disconnect and the
    // client's reconnect with a fresh token can take several times that.
    await eventually(async () => asked >= 2, 15_000)
    await ask(visitor, 'After the renewal?', { conversationId })
    await eventually(async () => messages.includes('After the renewal?'), 8000)
    expect(errors).toEqual([])
  })

  it('tells the SDK staff client of a sign-out and does not retry it', async () => {
    const { owner, conversationId } = await dealershipWithConversation()
    let asked = 0
    const client = createStaffClient({
      baseUrl: server.url,
      accessToken: () => {
        asked++
        return owner.token
      },
    })
    cleanup.push(() => client.close())
    const errors: string[] = []
    await client.watchConversation(conversationId, { error: (e) => errors.push(e.code) })
    await portalCall(server, 'POST', '/v1/auth/logout', { cookie: owner.cookie })
    await eventually(async () => errors.length > 0, 5000)
    expect(errors).toEqual(['invalid_token'])
    await sleep(CHECK_MS * 3)
    expect(asked).toBe(1)
    const again = await client.watchConversation(conversationId, {}).catch((err: unknown) => err)
    expect(AvatarAdamError.isInstance(again) && again.code).toBe('invalid_token')
  })
})
