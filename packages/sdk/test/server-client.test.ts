import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from '../../server/test/support/server.ts'
import { AvatarAdamError, createServerClient, type ServerClient } from '../src/index.ts'

let server: TestServer
let tenant: TestTenant
let api: ServerClient

beforeAll(async () => {
  server = await startTestServer({
    env: { AVATARADAM_SECRET_KEYS: Buffer.alloc(32, 9).toString('base64') },
  })
  tenant = await createTenant(server)
  api = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
})
afterAll(() => server.stop())

describe('createServerClient', () => {
  it('uploads a document, reports progress until ready, lists and searches it', async () => {
    const accepted = await api.documents.upload(
      '# Detailing\n\nFull interior detailing costs $149.',
      {
        filename: 'detailing.md',
      },
    )
    expect(accepted).toMatchObject({ status: 'queued', duplicate: false })
    const seen: number[] = []
    const ready = await api.documents.waitUntilReady(accepted.id, {
      intervalMs: 50,
      onProgress: (d) => seen.push(d.progress),
    })
    expect(ready).toMatchObject({ status: 'ready', title: 'Detailing', chunkCount: 1 })
    expect(seen.at(-1)).toBe(1)
    expect((await api.documents.list()).map((d) => d.id)).toContain(accepted.id)
    const [hit] = await api.search('interior detailing price')
    expect(hit).toMatchObject({ documentId: accepted.id, text: expect.stringContaining('$149') })
    await api.documents.delete(accepted.id)
    await expect(api.documents.get(accepted.id)).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
    })
  })

  it('uploads bytes and Blobs, and reports a duplicate', async () => {
    const bytes = new TextEncoder().encode('Loaner cars are free for repairs over four hours.')
    const first = await api.documents.upload(bytes, { filename: 'loaners.txt', title: 'Loaners' })
    const again = await api.documents.upload(new Blob([bytes]), { filename: 'again.txt' })
    expect(again).toEqual({ id: first.id, status: expect.any(String), duplicate: true })
    expect((await api.documents.waitUntilReady(first.id)).title).toBe('Loaners')
  })

  it('throws the document error when processing fails', async () => {
    const { id } = await api.documents.upload('%PDF-1.7 broken', { filename: 'broken.pdf' })
    await expect(api.documents.waitUntilReady(id, { intervalMs: 50 })).rejects.toMatchObject({
      code: 'document_unreadable',
    })
  })

  it('creates, lists and revokes keys', async () => {
    const created = await api.keys.create({
      type: 'publishable',
      allowedOrigins: ['https://shop.example'],
    })
    expect(created.key).toMatch(/^pk_live_/)
    expect((await api.keys.list()).map((k) => k.id)).toContain(created.id)
    expect((await api.keys.revoke(created.id)).revokedAt).not.toBeNull()
  })

  it("stores the dealership's own model without ever returning its key, and removes it", async () => {
    expect(await api.providers.get()).toEqual({ llm: null, avatar: null })
    const stored = await api.providers.setLlm({
      provider: 'openai',
      apiKey: 'sk-own-key-123',
      model: 'gpt-test',
    })
    expect(stored).toMatchObject({ provider: 'openai', model: 'gpt-test', apiKeySet: true })
    const read = await api.providers.get()
    expect(read.llm).toMatchObject({ model: 'gpt-test', apiKeySet: true })
    expect(JSON.stringify([stored, read])).not.toContain('sk-own-key-123')
    await api.providers.deleteLlm()
    expect(await api.providers.get()).toEqual({ llm: null, avatar: null })
    await expect(api.providers.setLlm({ provider: 'openai', model: 'x' })).rejects.toMatchObject({
      code: 'invalid_request',
    })
    // The server would fetch it: nothing on its own machine or private network.
    for (const baseUrl of [
      'http://127.0.0.1:11434/v1',
      'http://169.254.169.254/',
      'http://[::1]/',
    ]) {
      await expect(
        api.providers.setLlm({ provider: 'openai-compatible', baseUrl, model: 'x' }),
      ).rejects.toMatchObject({ code: 'invalid_request' })
    }
    expect(await api.providers.get()).toEqual({ llm: null, avatar: null })
  })

  it('turns the HeyGen avatar on with its own key, never returned, and off again', async () => {
    const stored = await api.providers.setAvatar({
      provider: 'heygen',
      apiKey: 'la-own-key-456',
      avatarId: 'avatar-own',
    })
    expect(stored).toMatchObject({ provider: 'heygen', avatarId: 'avatar-own', apiKeySet: true })
    const read = await api.providers.get()
    expect(read.avatar).toMatchObject({ provider: 'heygen', avatarId: 'avatar-own' })
    expect(JSON.stringify([stored, read])).not.toContain('la-own-key-456')
    // This server has no HeyGen key of its own: a dealership must bring one.
    await expect(
      api.providers.setAvatar({ provider: 'heygen', avatarId: 'a' }),
    ).rejects.toMatchObject({ code: 'invalid_request', status: 400 })
    await api.providers.deleteAvatar()
    expect((await api.providers.get()).avatar).toBeNull()
  })

  it('lists conversations', async () => {
    expect(await api.conversations.list({ limit: 5 })).toEqual(expect.any(Array))
  })

  it('maps error responses and network failures to AvatarAdamError', async () => {
    const bad = createServerClient({ secretKey: 'sk_live_nope', baseUrl: server.url })
    const error = await bad.documents.list().catch((e) => e)
    expect(AvatarAdamError.isInstance(error)).toBe(true)
    expect(error).toMatchObject({ code: 'invalid_key', status: 401 })
    const down = createServerClient({ secretKey: tenant.secret.key, baseUrl: 'http://127.0.0.1:9' })
    await expect(down.keys.list()).rejects.toMatchObject({ code: 'network_error' })
    await expect(api.keys.create({ type: 'publishable' })).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    })
  })
})
