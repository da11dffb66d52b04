import { afterEach, describe, expect, it } from 'vitest'
import { eventually, sleep, slowAnswerer } from '../../server/test/support/chat.ts'
import { uploadAndWait } from '../../server/test/support/documents.ts'
import {
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
} from '../../server/test/support/server.ts'
import {
  AvatarAdamError,
  type ClientOptions,
  createClient,
  type VisitorClient,
} from '../src/index.ts'

const servers: TestServer[] = []
const clients: VisitorClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.close()
  // Newest first: a restarted server shares its data folder with the one that created it.
  for (const s of servers.splice(0).reverse()) await s.stop()
})

async function setup(parts?: Parameters<typeof startTestServer>[0]) {
  const server = await startTestServer(parts)
  servers.push(server)
  const tenant = await createTenant(server)
  return { server, tenant }
}

function client(server: TestServer, options: Partial<ClientOptions> & { key: string }) {
  const c = createClient({
    baseUrl: server.url,
    origin: TEST_ORIGIN,
    storage: false,
    socketOptions: { transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 },
    ...options,
  })
  clients.push(c)
  return c
}

const HOURS =
  '# Hours\n\n## Sales\nOur showroom is open Saturday from 9am to 6pm.\n\n## Service\nService opens at 7:30am on weekdays.'

describe('createClient', () => {
  it('streams an answer as deltas and resolves to the message with citations', async () => {
    const { server, tenant } = await setup()
    await uploadAndWait(server, tenant.secret.key, 'hours.md', HOURS)
    const c = client(server, { key: tenant.publishable.key })
    const answer = c.ask('When is the showroom open on Saturday?')
    const texts: string[] = []
    for await (const delta of answer) texts.push(delta.text)
    const done = await answer
    expect(texts.join('')).toBe(done.text)
    // The showroom's hours, read from the document as the dealership's facts.
    expect(done.text).toMatch(/\b9\s?am\b.*\b6\s?pm\b.*saturday/i)
    expect(done.citations[0]?.title).toBe('Hours')
    expect(c.conversationId).toBe(done.conversationId)
    const history = await c.history()
    expect(history.map((m) => [m.role, m.text])).toEqual([
      ['visitor', 'When is the showroom open on Saturday?'],
      ['assistant', done.text],
    ])
  })

  it('keeps the conversation going across asks', async () => {
    const { server, tenant } = await setup()
    const c = client(server, { key: tenant.publishable.key })
    const first = await c.ask('hi')
    const second = await c.ask('thanks')
    expect(second.conversationId).toBe(first.conversationId)
    expect(await c.history()).toHaveLength(4)
  })

  it('queues messages sent while offline and delivers them once, in order', async () => {
    const first = await setup()
    const c = client(first.server, { key: first.tenant.publishable.key })
    await c.ask('hi')
    const offline = new Promise((resolve) => c.on('status', (s) => s === 'offline' && resolve(s)))
    await first.server.close()
    await offline
    const a = c.ask('first while offline')
    const b = c.ask('second while offline')
    await sleep(200)
    const second = await startTestServer({ dataDir: first.server.dataDir, port: first.server.port })
    servers.push(second)
    const [doneA, doneB] = await Promise.all([a, b])
    expect(doneA.conversationId).toBe(doneB.conversationId)
    const history = await c.history()
    const visitorTexts = history.filter((m) => m.role === 'visitor').map((m) => m.text)
    expect(visitorTexts).toEqual(['hi', 'first while offline', 'second while offline'])
    expect(history.filter((m) => m.role === 'assistant')).toHaveLength(3)
  })

  it('completes an answer across a dropped connection without loss or duplicates', async () => {
    const words = Array.from({ length: 25 }, (_, i) => `w${i}`)
    const { server, tenant } = await setup({ parts: { answerer: slowAnswerer(words, 20) } })
    const c = client(server, { key: tenant.publishable.key })
    const answer = c.ask('tell me')
    const seen: string[] = []
    let dropped = false
    for await (const delta of answer) {
      seen.push(delta.text)
      if (seen.length === 5 && !dropped) {
        dropped = true
        // A network drop: the server loses the transport; the client reconnects and resumes.
        for (const s of server.io.sockets.sockets.values()) s.conn.close()
      }
    }
    expect(seen.join('')).toBe(words.join(' '))
    expect((await answer).text).toBe(words.join(' '))
  })

  it('recovers an answer interrupted by a server restart', async () => {
    const words = Array.from({ length: 20 }, (_, i) => `r${i}`)
    const first = await setup({ parts: { answerer: slowAnswerer(words, 15) } })
    const c = client(first.server, { key: first.tenant.publishable.key })
    const answer = c.ask('tell me')
    await eventually(async () => answer.text.length > 0)
    await first.server.close()
    const second = await startTestServer({
      dataDir: first.server.dataDir,
      port: first.server.port,
      parts: { answerer: slowAnswerer(words, 15) },
    })
    servers.push(second)
    const done = await answer
    expect(done.text).toBe(words.join(' '))
    expect(answer.text).toBe(words.join(' '))
    const assistant = (await c.history()).filter((m) => m.role === 'assistant')
    expect(assistant).toHaveLength(1)
  })

  it('asks again when a crash lost the answer, and streams the new one', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `c${i}`)
    const first = await setup({
      parts: { answerer: slowAnswerer(words, 50) },
      env: { SHUTDOWN_TIMEOUT_MS: '100' },
    })
    const c = client(first.server, { key: first.tenant.publishable.key })
    const answer = c.ask('tell me')
    await eventually(async () => answer.text.length > 0)
    // Shutdown gives up on the answer in progress: nothing of it is stored.
    await first.server.close()
    const second = await startTestServer({
      dataDir: first.server.dataDir,
      port: first.server.port,
      parts: { answerer: slowAnswerer(words, 1) },
    })
    servers.push(second)
    const done = await answer
    expect(done.text).toBe(words.join(' '))
    expect(answer.text).toBe(words.join(' '))
    const history = await c.history()
    expect(history.map((m) => m.role)).toEqual(['visitor', 'assistant'])
  })

  it('raises typed errors with the server codes', async () => {
    const { server, tenant } = await setup()
    const c = client(server, { key: tenant.publishable.key })
    const tooLong = c.ask('x'.repeat(5000))
    await expect(tooLong).rejects.toMatchObject({ code: 'message_too_long' })
    await expect(tooLong.sent).rejects.toBeInstanceOf(AvatarAdamError)

    const refused = client(server, { key: 'pk_live_bogus' })
    const error = await new Promise<AvatarAdamError>((resolve) => refused.on('error', resolve))
    expect(error).toMatchObject({ code: 'invalid_key' })
    expect(AvatarAdamError.isInstance(error)).toBe(true)
    await expect(refused.ask('hello')).rejects.toMatchObject({ code: 'closed' })
    expect(refused.status).toBe('closed')

    const noOrigin = client(server, { key: tenant.publishable.key, origin: undefined })
    const originError = await new Promise<AvatarAdamError>((resolve) =>
      noOrigin.on('error', resolve),
    )
    expect(originError.code).toBe('origin_required')
  })

  it('asks which avatar to show: the built-in one unless the dealership turned HeyGen on', async () => {
    const { server, tenant } = await setup()
    const c = client(server, { key: tenant.publishable.key })
    expect(await c.avatarSession()).toEqual({ provider: 'builtin' })
  })

  it('keeps the visitor and conversation in storage across clients', async () => {
    const { server, tenant } = await setup()
    const store = new Map<string, string>()
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    }
    const a = client(server, { key: tenant.publishable.key, storage })
    const done = await a.ask('hi')
    a.close()
    const b = client(server, { key: tenant.publishable.key, storage })
    expect(b.visitorId).toBe(a.visitorId)
    expect(b.conversationId).toBe(done.conversationId)
    expect((await b.history()).length).toBe(2)
  })
})
