import { AvatarAdamError, createStaffClient } from '@avataradam/sdk'
import type { ChatDelta, ChatDone, ChatMessage } from '@avataradam/sdk/protocol'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask, eventually, slowAnswerer } from './support/chat.ts'
import {
  connectVisitor,
  createTenant,
  refusal,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type TestTenant,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

const WORDS = ['We', 'open', 'at', 'nine', 'on', 'weekdays.']

describe('staff live view', () => {
  let server: TestServer
  let tenant: TestTenant
  let other: TestTenant
  const cleanup: (() => unknown)[] = []
  beforeAll(async () => {
    server = await startTestServer({ parts: { answerer: slowAnswerer(WORDS, 20) } })
    tenant = await createTenant(server)
    other = await createTenant(server, 'Other Motors')
  })
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step()
    await server?.stop()
  })

  async function visitor(t: TestTenant = tenant): Promise<VisitorClient> {
    const socket = await connectVisitor(visitorClient(server, { key: t.publishable.key }))
    cleanup.push(() => socket.close())
    return socket
  }

  function staff(t: TestTenant = tenant) {
    const client = createStaffClient({ secretKey: t.secret.key, baseUrl: server.url })
    cleanup.push(() => client.close())
    return client
  }

  it('shows staff a conversation’s history, then its messages and answer as they stream', async () => {
    const socket = await visitor()
    const first = await ask(socket, 'When do you open?')
    const conversationId = first.ack.conversationId

    const messages: ChatMessage[] = []
    const deltas: ChatDelta[] = []
    const dones: ChatDone[] = []
    const watch = await staff().watchConversation(conversationId, {
      message: (m) => messages.push(m),
      delta: (d) => deltas.push(d),
      done: (d) => dones.push(d),
    })
    expect(watch.conversationId).toBe(conversationId)
    expect(watch.messages.map((m) => [m.role, m.text])).toEqual([
      ['visitor', 'When do you open?'],
      ['assistant', WORDS.join(' ')],
    ])
    expect(watch.answering).toBe(false)

    const second = await ask(socket, 'And on Saturday?', { conversationId })
    await eventually(async () => dones.length === 1)
    expect(messages.map((m) => m.text)).toEqual(['And on Saturday?'])
    expect(deltas.map((d) => d.text).join('')).toBe(WORDS.join(' '))
    expect(deltas.every((d) => d.messageId === second.ack.replyMessageId)).toBe(true)
    expect(dones[0]).toEqual(second.done)
  })

  it('refuses another dealership’s conversation, and an unknown one, as not found', async () => {
    const socket = await visitor(other)
    const theirs = await ask(socket, 'Do you sell trucks?')
    const mine = staff()
    const refused = await mine
      .watchConversation(theirs.ack.conversationId, { done: () => {} })
      .catch((err: unknown) => err)
    expect(AvatarAdamError.isInstance(refused) && refused.code).toBe('conversation_not_found')
    const unknown = await mine
      .watchConversation(crypto.randomUUID(), {})
      .catch((err: unknown) => err)
    expect(AvatarAdamError.isInstance(unknown) && unknown.code).toBe('conversation_not_found')
    // And nothing of theirs reaches a staff socket that asked.
    const seen: ChatDone[] = []
    await mine.watchConversation((await ask(await visitor(), 'Hi')).ack.conversationId, {
      done: (d) => seen.push(d),
    })
    await ask(socket, 'And vans?', { conversationId: theirs.ack.conversationId })
    expect(seen).toEqual([])
  })

  it('lets a staff socket send no visitor event, and a visitor watch nothing', async () => {
    const raw = connect(server.url, {
      auth: { key: tenant.secret.key },
      transports: ['websocket'],
      forceNew: true,
    }) as VisitorClient
    cleanup.push(() => raw.close())
    await connectVisitor(raw)
    const send = await raw.emitWithAck('chat:send', { text: 'Hi', clientMessageId: 'msg_12345678' })
    expect(send).toMatchObject({ error: { code: 'wrong_key_type' } })
    const lead = await raw.emitWithAck('lead:submit', {} as never)
    expect(lead).toMatchObject({ error: { code: 'wrong_key_type' } })
    const bad = await raw.emitWithAck('staff:watch', { conversationId: 'nope' })
    expect(bad).toMatchObject({ error: { code: 'invalid_request' } })

    const socket = await visitor()
    const { ack } = await ask(socket, 'Hello')
    const watch = await socket.emitWithAck('staff:watch', { conversationId: ack.conversationId })
    expect(watch).toMatchObject({ error: { code: 'wrong_key_type' } })
  })

  it('refuses a secret key from a browser, and a revoked one', async () => {
    const browser = connect(server.url, {
      auth: { key: tenant.secret.key },
      transports: ['websocket'],
      extraHeaders: { origin: TEST_ORIGIN },
      forceNew: true,
      autoConnect: false,
      reconnection: false,
    }) as VisitorClient
    expect((await refusal(browser)).code).toBe('wrong_key_type')
    // A sandboxed frame or opaque page sends `Origin: null`: still a browser.
    const sandboxed = connect(server.url, {
      auth: { key: tenant.secret.key },
      transports: ['websocket'],
      extraHeaders: { origin: 'null' },
      forceNew: true,
      autoConnect: false,
      reconnection: false,
    }) as VisitorClient
    expect((await refusal(sandboxed)).code).toBe('wrong_key_type')

    const key = await server.keys.create(tenant.tenantId, { type: 'secret' })
    const client = staff()
    const revoked = createStaffClient({
      secretKey: key.key,
      baseUrl: server.url,
      socketOptions: { reconnection: false },
    })
    cleanup.push(() => revoked.close())
    const { ack } = await ask(await visitor(), 'Hello')
    await revoked.watchConversation(ack.conversationId, {})
    await server.keys.revoke(tenant.tenantId, key.id)
    const after = await eventually(async () =>
      revoked.watchConversation(ack.conversationId, {}).then(
        () => false,
        (err: unknown) => err,
      ),
    )
    expect(AvatarAdamError.isInstance(after) && after.code).toBe('key_revoked')
    // Other staff keys are unaffected.
    await expect(client.watchConversation(ack.conversationId, {})).resolves.toMatchObject({
      conversationId: ack.conversationId,
    })
  })
})
