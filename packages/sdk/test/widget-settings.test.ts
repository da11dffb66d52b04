import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually } from '../../server/test/support/chat.ts'
import {
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type TestTenant,
} from '../../server/test/support/server.ts'
import { createClient, createServerClient, type WidgetSettings } from '../src/index.ts'

let server: TestServer
let tenant: TestTenant

beforeAll(async () => {
  server = await startTestServer()
  tenant = await createTenant(server)
})
afterAll(() => server.stop())

describe('widget settings through the SDK', () => {
  it('saves them with the server client and tells the visitor client at once', async () => {
    const admin = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
    const visitor = createClient({
      baseUrl: server.url,
      key: tenant.publishable.key,
      origin: TEST_ORIGIN,
      storage: false,
      socketOptions: { transports: ['websocket'] },
    })
    try {
      const seen: WidgetSettings[] = []
      visitor.on('settings', (s) => seen.push(s))
      await eventually(async () => visitor.settings)
      expect(visitor.settings?.assistantName).toBe('Adam')
      const saved = await admin.widgetSettings.put({
        ...(await admin.widgetSettings.get()),
        greeting: 'Hello from the SDK',
      })
      expect(saved.greeting).toBe('Hello from the SDK')
      await eventually(async () => visitor.settings?.greeting === 'Hello from the SDK')
      expect(seen.at(-1)?.greeting).toBe('Hello from the SDK')
    } finally {
      visitor.close()
    }
  })

  it('rotates a key and reindexes a document with the server client', async () => {
    const admin = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
    const created = await admin.keys.create({ type: 'secret', scopes: ['analytics'] })
    const rotated = await admin.keys.rotate(created.id, { overlapSeconds: 0 })
    expect(rotated.scopes).toEqual(['analytics'])
    const old = (await admin.keys.list()).find((k) => k.id === created.id)
    expect(old?.replacedBy).toBe(rotated.id)
    const { id } = await admin.documents.upload('# Hours\n\nOpen daily.', { filename: 'h.md' })
    await admin.documents.waitUntilReady(id)
    expect((await admin.documents.reindex(id)).status).toBe('queued')
    expect((await admin.documents.waitUntilReady(id)).status).toBe('ready')
    const page = await admin.conversations.page({ live: true, limit: 5 })
    expect(page).toEqual({ conversations: [], nextBefore: null })
  })
})
