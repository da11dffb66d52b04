import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createLogger } from '../src/logger.ts'
import { createSecretBox } from '../src/secrets/secret-box.ts'
import { createProviderOverrides } from '../src/tenants/provider-overrides.ts'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import { startModelServer, streamReply } from './support/openai-server.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

const SECRET = `sk-tenant-a-${randomBytes(8).toString('hex')}`
const oldKey = randomBytes(32)
const newKey = randomBytes(32)
const HOURS = '# Hours\n\n## Sales hours\n\nSaturday: 9:00 AM – 6:00 PM'

let models: Awaited<ReturnType<typeof startModelServer>>
let server: TestServer
let alpha: TestTenant
let bravo: TestTenant
const logLines: string[] = []

beforeAll(async () => {
  models = await startModelServer(streamReply(['Alpha’s own model says ', 'Saturday [1].']))
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk))
      done()
    },
  })
  server = await startTestServer({
    // The fake model listens on loopback, which dealerships may only use when allowed.
    env: { AVATARADAM_SECRET_KEYS: oldKey.toString('base64'), PROVIDER_URLS_ALLOW_PRIVATE: 'true' },
    log: createLogger('debug', sink),
  })
  alpha = await createTenant(server, 'Alpha Autos')
  bravo = await createTenant(server, 'Bravo Motors')
  await uploadAndWait(server, alpha.secret.key, 'hours.md', HOURS)
  await uploadAndWait(server, bravo.secret.key, 'hours.md', HOURS)
})
afterAll(async () => {
  // Against a shared PostgreSQL, leave no value sealed with this run's random keys.
  await server.db.query('delete from tenants where id = any($1::uuid[])', [
    [alpha.tenantId, bravo.tenantId],
  ])
  await server.stop()
  await models.close()
})

async function visitorAsks(tenant: TestTenant) {
  const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
  try {
    return await ask(socket, 'When are you open on Saturday?')
  } finally {
    socket.close()
  }
}

describe("a dealership's own language model", () => {
  it('is stored sealed, never shown again, and answers only that dealership’s visitors', async () => {
    const put = await api(server, alpha.secret.key, 'PUT', '/v1/providers/llm', {
      provider: 'openai-compatible',
      baseUrl: models.baseUrl,
      apiKey: SECRET,
      model: 'alpha-model',
    })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({
      provider: 'openai-compatible',
      model: 'alpha-model',
      apiKeySet: true,
    })
    const listed = await api(server, alpha.secret.key, 'GET', '/v1/providers')
    expect(listed.body.llm).toMatchObject({ model: 'alpha-model', apiKeySet: true })
    expect(JSON.stringify([put.body, listed.body])).not.toContain(SECRET)
    const [row] = await server.db.query<{ sealed: string }>(
      'select sealed from tenant_providers where tenant_id = $1',
      [alpha.tenantId],
    )
    expect(row!.sealed).toMatch(/^v1:/)
    expect(row!.sealed).not.toContain(SECRET)

    const seen = models.requests.length
    const answered = await visitorAsks(alpha)
    expect(answered.done.text).toBe('Alpha’s own model says Saturday [1].')
    const sent = models.requests[seen]!
    expect(sent.headers.authorization).toBe(`Bearer ${SECRET}`)
    expect(sent.body.model).toBe('alpha-model')

    // Bravo keeps the server's model (embedded here), sees no override, and cannot remove Alpha's.
    const other = await visitorAsks(bravo)
    // The built-in answerer's answer, from the document's hours.
    expect(other.done.text).toMatch(/9:00 AM – 6:00 PM on Saturday/)
    expect(models.requests.length).toBe(seen + 1)
    expect((await api(server, bravo.secret.key, 'GET', '/v1/providers')).body).toEqual({
      llm: null,
      avatar: null,
    })
    await api(server, bravo.secret.key, 'DELETE', '/v1/providers/llm')
    expect((await api(server, alpha.secret.key, 'GET', '/v1/providers')).body.llm).not.toBeNull()

    // Nothing logged the key, whatever the level.
    expect(logLines.join('')).not.toContain(SECRET)
  })

  it('refuses settings that do not fit, and changes nothing', async () => {
    const before = (await api(server, alpha.secret.key, 'GET', '/v1/providers')).body
    const noKey = await api(server, alpha.secret.key, 'PUT', '/v1/providers/llm', {
      provider: 'openai',
      model: 'gpt-test',
    })
    expect(noKey.status).toBe(400)
    expect(noKey.body.error.code).toBe('invalid_request')
    const badUrl = await api(server, alpha.secret.key, 'PUT', '/v1/providers/llm', {
      provider: 'openai-compatible',
      baseUrl: 'javascript:alert(1)',
      model: 'x',
    })
    expect(badUrl.status).toBe(400)
    expect((await api(server, alpha.secret.key, 'GET', '/v1/providers')).body).toEqual(before)
  })

  it('re-seals stored keys with a new key, after which the old key can go', async () => {
    const rotated = createProviderOverrides(server.db, createSecretBox([newKey, oldKey]))
    expect(await rotated.rotate()).toBe(1)
    expect(await rotated.rotate()).toBe(0)
    const onlyNew = createProviderOverrides(server.db, createSecretBox([newKey]))
    expect((await onlyNew.llm(alpha.tenantId))?.apiKey).toBe(SECRET)
    const onlyOld = createProviderOverrides(server.db, createSecretBox([oldKey]))
    await expect(onlyOld.llm(alpha.tenantId)).rejects.toThrow(/not configured/)
  })

  it('goes back to the server’s model when removed', async () => {
    const removed = await api(server, alpha.secret.key, 'DELETE', '/v1/providers/llm')
    expect(removed.status).toBe(204)
    const seen = models.requests.length
    const answered = await visitorAsks(alpha)
    expect(answered.done.text).toMatch(/9:00 AM – 6:00 PM on Saturday/)
    expect(models.requests.length).toBe(seen)
  })
})

describe('a server without AVATARADAM_SECRET_KEYS', () => {
  it('stores no provider keys and says why', async () => {
    const plain = await startTestServer()
    try {
      const tenant = await createTenant(plain)
      const res = await api(plain, tenant.secret.key, 'PUT', '/v1/providers/llm', {
        provider: 'openai',
        apiKey: 'sk-x',
        model: 'gpt-test',
      })
      expect(res.status).toBe(501)
      expect(res.body.error.code).toBe('not_configured')
      expect(res.body.error.message).toContain('AVATARADAM_SECRET_KEYS')
    } finally {
      await plain.stop()
    }
  })
})
