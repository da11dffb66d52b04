import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, sleep } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  refusal,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

let server: TestServer
let tenant: TestTenant

const FINANCING = `# Financing

## Bad credit
We work with lenders who approve buyers with bad credit or no credit history. A down payment of at least $1,000 helps approval.

## Documents to bring
Bring a driver's license, two recent pay stubs and proof of address.
`

beforeAll(async () => {
  server = await startTestServer({ env: { RATE_LIMIT_MESSAGES_PER_MINUTE: '20' } })
  tenant = await createTenant(server)
  await uploadAndWait(server, tenant.secret.key, 'financing.md', FINANCING)
})
afterAll(() => server.stop())

describe('handshake', () => {
  it('refuses a connection without a key', async () => {
    const data = await refusal(visitorClient(server, {}))
    expect(data.code).toBe('unauthorized')
  })

  it('refuses invalid, revoked and expired keys', async () => {
    expect((await refusal(visitorClient(server, { key: 'pk_live_bogus' }))).code).toBe(
      'invalid_key',
    )
    const revoked = await server.keys.create(tenant.tenantId, {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
    })
    await server.keys.revoke(tenant.tenantId, revoked.id)
    expect((await refusal(visitorClient(server, { key: revoked.key }))).code).toBe('key_revoked')
    const expiring = await server.keys.create(tenant.tenantId, {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
      expiresAt: new Date(Date.now() + 1200),
    })
    await sleep(1300)
    expect((await refusal(visitorClient(server, { key: expiring.key }))).code).toBe('key_expired')
  })

  it('refuses a secret key, which must never reach a browser', async () => {
    const data = await refusal(visitorClient(server, { key: tenant.secret.key }))
    expect(data.code).toBe('wrong_key_type')
  })

  it('refuses an origin that is not on the key allow-list, and a missing origin', async () => {
    const key = tenant.publishable.key
    const wrong = await refusal(visitorClient(server, { key }, { origin: 'https://evil.example' }))
    expect(wrong).toEqual({
      code: 'origin_not_allowed',
      message: expect.stringContaining('evil.example'),
    })
    const none = await refusal(visitorClient(server, { key }, { origin: null }))
    expect(none.code).toBe('origin_required')
  })

  it('refuses a malformed visitor id', async () => {
    const data = await refusal(
      visitorClient(server, { key: tenant.publishable.key, visitorId: 'x' }),
    )
    expect(data.code).toBe('invalid_request')
    expect(data.message).toContain('visitorId')
  })
})

describe('chat:send', () => {
  it('acks once stored, then streams deltas and a done with citations', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const { ack, deltas, done } = await ask(socket, 'Can I get financing with bad credit?')
    expect(ack).toEqual({
      conversationId: expect.any(String),
      messageId: expect.any(String),
      replyMessageId: done.messageId,
    })
    expect(deltas.length).toBeGreaterThan(0)
    expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i))
    expect(deltas.map((d) => d.text).join('')).toBe(done.text)
    expect(done.text).toMatch(/bad credit/i)
    expect(done.citations[0]).toMatchObject({
      title: 'Financing',
      snippet: expect.stringMatching(/credit/),
    })
    socket.close()
  })

  it('stores a message once however often it is sent, and answers it once', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const clientMessageId = `m_${crypto.randomUUID()}`
    const first = await ask(socket, 'What documents should I bring?', { clientMessageId })
    const again = await ask(socket, 'What documents should I bring?', { clientMessageId })
    expect(again.ack).toEqual(first.ack)
    expect(again.done).toEqual(first.done)
    expect(again.deltas).toEqual([])
    const history = await socket.emitWithAck('conversation:history', {
      conversationId: first.ack.conversationId,
    })
    if ('error' in history) throw new Error(history.error.message)
    expect(history.messages.map((m) => m.role)).toEqual(['visitor', 'assistant'])
    socket.close()
  })

  it('continues a conversation and returns its history in order, after a given message', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const one = await ask(socket, 'Can I get financing with bad credit?')
    const two = await ask(socket, 'What documents should I bring?', {
      conversationId: one.ack.conversationId,
    })
    expect(two.ack.conversationId).toBe(one.ack.conversationId)
    const all = await socket.emitWithAck('conversation:history', {
      conversationId: one.ack.conversationId,
    })
    if ('error' in all) throw new Error(all.error.message)
    expect(all.messages.map((m) => m.id)).toEqual([
      one.ack.messageId,
      one.done.messageId,
      two.ack.messageId,
      two.done.messageId,
    ])
    expect(all.messages[1]!.citations).toEqual(one.done.citations)
    const after = await socket.emitWithAck('conversation:history', {
      conversationId: one.ack.conversationId,
      afterMessageId: one.done.messageId,
    })
    if ('error' in after) throw new Error(after.error.message)
    expect(after.messages.map((m) => m.id)).toEqual([two.ack.messageId, two.done.messageId])
    socket.close()
  })

  it('records the page a message is sent from with its conversation, else the handshake page', async () => {
    const home = { url: `${TEST_ORIGIN}/`, title: 'Home' }
    const socket = await connectVisitor(
      visitorClient(server, { key: tenant.publishable.key, page: home }),
    )
    const pageOf = async (conversationId: string) =>
      (await api(server, tenant.secret.key, 'GET', `/v1/conversations/${conversationId}`)).body.page
    // A single-page site moved on without reconnecting: the message says where the visitor is.
    const civic = {
      url: `${TEST_ORIGIN}/inventory/civic`,
      title: '2021 Honda Civic',
      vehicle: { stockNumber: 'STK1', year: 2021, make: 'Honda', model: 'Civic' },
    }
    const moved = await ask(socket, 'Do you work with bad credit?', { page: civic })
    expect(await pageOf(moved.ack.conversationId)).toEqual(civic)
    // A page that does not fit is ignored, not refused.
    const odd = await ask(socket, 'Do you work with bad credit?', {
      page: { url: 'javascript:alert(1)' },
    })
    expect(await pageOf(odd.ack.conversationId)).toEqual(home)
    socket.close()
  })

  it('says plainly when the documents do not cover the question, without citations', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const { done } = await ask(socket, 'What is the capital of France?')
    expect(done.citations).toEqual([])
    expect(done.text).toMatch(/don't have|do not have/i)
    socket.close()
  })

  it("refuses another visitor's conversation", async () => {
    const a = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const b = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const { ack } = await ask(a, 'Can I get financing with bad credit?')
    const send = await b.emitWithAck('chat:send', {
      text: 'hello',
      clientMessageId: `m_${crypto.randomUUID()}`,
      conversationId: ack.conversationId,
    })
    expect(send).toEqual({ error: { code: 'conversation_not_found', message: expect.any(String) } })
    const history = await b.emitWithAck('conversation:history', {
      conversationId: ack.conversationId,
    })
    expect(history).toMatchObject({ error: { code: 'conversation_not_found' } })
    a.close()
    b.close()
  })
})

describe('bad input over the socket', () => {
  it('answers wrong payloads with invalid_request and stores nothing', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const countMessages = () =>
      server.db.query<{ n: number }>(
        'select count(*)::int as n from messages where tenant_id = $1',
        [tenant.tenantId],
      )
    const [before] = await countMessages()
    for (const payload of [
      null,
      'text',
      { text: 42, clientMessageId: 'abcdefgh' },
      { text: '   ', clientMessageId: 'abcdefgh' },
      { text: 'hi', clientMessageId: 'bad id!' },
      { text: 'hi', clientMessageId: 'abcdefgh', conversationId: 'not-a-uuid' },
    ]) {
      // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong payloads
      const res = await socket.emitWithAck('chat:send', payload as any)
      expect(res).toMatchObject({ error: { code: 'invalid_request' } })
    }
    const [after] = await countMessages()
    expect(after!.n).toBe(before!.n)
    socket.close()
  })

  it('refuses a message over the length limit with message_too_long', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const res = await socket.emitWithAck('chat:send', {
      text: 'a'.repeat(2001),
      clientMessageId: `m_${crypto.randomUUID()}`,
    })
    expect(res).toMatchObject({ error: { code: 'message_too_long', details: { maxChars: 2000 } } })
    socket.close()
  })

  it('answers unknown events with unknown_event, by ack or chat:error', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    // biome-ignore lint/suspicious/noExplicitAny: an event the protocol does not have
    const raw = socket as any
    const acked = await raw.emitWithAck('admin:dropTables', {})
    expect(acked).toMatchObject({ error: { code: 'unknown_event' } })
    const viaEvent = new Promise((resolve) => socket.once('chat:error', resolve))
    raw.emit('whatever')
    expect(await viaEvent).toMatchObject({ code: 'unknown_event' })
    socket.close()
  })

  it('reports a missing ack callback as chat:error', async () => {
    const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const error = new Promise((resolve) => socket.once('chat:error', resolve))
    // biome-ignore lint/suspicious/noExplicitAny: no ack on purpose
    ;(socket as any).emit('chat:send', { text: 42 })
    expect(await error).toMatchObject({ code: 'invalid_request' })
    socket.close()
  })

  it('closes only the connection that sends an oversized packet', async () => {
    const bystander = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const flooder = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const closed = new Promise((resolve) => flooder.once('disconnect', resolve))
    flooder.emit(
      'chat:send',
      { text: 'x'.repeat(200 * 1024), clientMessageId: 'oversized1' },
      () => {},
    )
    expect(await closed).toBe('transport close')
    const { done } = await ask(bystander, 'Can I get financing with bad credit?')
    expect(done.text).toMatch(/credit/i)
    bystander.close()
  })

  it('rate-limits a flooding visitor while others keep chatting', async () => {
    const flooder = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        flooder.emitWithAck('chat:send', {
          text: `spam ${i}`,
          clientMessageId: `flood_${i}_${crypto.randomUUID()}`,
        }),
      ),
    )
    const limited = results.filter((r) => 'error' in r && r.error.code === 'rate_limited')
    expect(limited.length).toBeGreaterThanOrEqual(20)
    expect(limited[0]).toMatchObject({ error: { retryAfter: expect.any(Number) } })
    const other = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
    const { done } = await ask(other, 'What documents should I bring?')
    expect(done.text).toMatch(/pay stubs/i)
    flooder.close()
    other.close()
  })
})

describe('keys revoked while connected', () => {
  it('refuses the next message and closes the connection', async () => {
    const key = await server.keys.create(tenant.tenantId, {
      type: 'publishable',
      allowedOrigins: ['https://dealer.example'],
    })
    const socket = await connectVisitor(visitorClient(server, { key: key.key }))
    await ask(socket, 'What documents should I bring?')
    await server.keys.revoke(tenant.tenantId, key.id)
    const closed = new Promise((resolve) => socket.once('disconnect', resolve))
    const res = await socket.emitWithAck('chat:send', {
      text: 'hi',
      clientMessageId: `m_${crypto.randomUUID()}`,
    })
    expect(res).toMatchObject({ error: { code: 'key_revoked' } })
    expect(await closed).toBe('io server disconnect')
  })
})
