import type { PageContext } from '@avataradam/sdk/protocol'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type AnswerCache,
  createMemoryAnswerCache,
  createRedisAnswerCache,
} from '../src/chat/answer-cache.ts'
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

let models: Awaited<ReturnType<typeof startModelServer>>
let server: TestServer
let dealer: TestTenant
let other: TestTenant
const QUESTION = 'When are you open on Saturday?'

const chats = () => models.requests.filter((r) => r.path.endsWith('/chat/completions')).length

async function visitorOf(tenant: TestTenant, page?: PageContext) {
  return connectVisitor(visitorClient(server, { key: tenant.publishable.key, page }))
}

beforeAll(async () => {
  models = await startModelServer(streamReply(['Saturday ', '9 AM to 6 PM [1].']))
  server = await startTestServer({
    env: {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: models.baseUrl,
      LLM_MODEL: 'dealer-model',
    },
  })
  dealer = await createTenant(server, 'Hilltop Ford')
  other = await createTenant(server, 'Valley Honda')
  for (const tenant of [dealer, other]) {
    await uploadAndWait(server, tenant.secret.key, 'hours.md', '# Hours\n\nSaturday 9 AM to 6 PM.')
  }
})
afterAll(async () => {
  await server.stop()
  await models.close()
})

describe('the answer cache', () => {
  it('answers a repeated opening question from the cache, for any visitor of that dealership', async () => {
    const first = await visitorOf(dealer)
    const answered = await ask(first, QUESTION)
    first.close()
    const calls = chats()

    const second = await visitorOf(dealer)
    // Case, punctuation and spacing do not make another question.
    const cached = await ask(second, '  when are you OPEN on saturday ')
    second.close()
    expect(chats()).toBe(calls)
    expect(cached.done.text).toBe(answered.done.text)
    expect(cached.done.citations).toEqual(answered.done.citations)
    expect(cached.deltas.map((d) => d.text).join('')).toBe(answered.done.text)
    // It is the visitor's own stored answer, in their transcript like any other.
    const transcript = await api(
      server,
      dealer.secret.key,
      'GET',
      `/v1/conversations/${cached.ack.conversationId}`,
    )
    expect(transcript.body.messages.map((m: { text: string }) => m.text)).toEqual([
      'when are you OPEN on saturday',
      answered.done.text,
    ])
  })

  it('is not used for follow-up questions, which depend on the conversation', async () => {
    const visitor = await visitorOf(dealer)
    const opening = await ask(visitor, 'Do you sell used cars?')
    const calls = chats()
    await ask(visitor, QUESTION, { conversationId: opening.ack.conversationId })
    visitor.close()
    expect(chats()).toBe(calls + 1)
  })

  it("never gives one dealership's cached answer to another's visitor", async () => {
    const calls = chats()
    const visitor = await visitorOf(other)
    await ask(visitor, QUESTION)
    visitor.close()
    expect(chats()).toBe(calls + 1)
  })

  it('keeps answers about different vehicles apart', async () => {
    const page = (vin: string): PageContext => ({
      url: `https://dealer.example/inventory/${vin}`,
      vehicle: { vin, make: 'Ford', model: 'F-150' },
    })
    const calls = chats()
    for (const vin of ['1FTFW1E50PFA00001', '1FTFW1E50PFA00002', '1FTFW1E50PFA00001']) {
      const visitor = await visitorOf(dealer, page(vin))
      await ask(visitor, 'How much is it?')
      visitor.close()
    }
    expect(chats()).toBe(calls + 2)
  })

  it("drops a dealership's cached answers when its documents change", async () => {
    const visitor = await visitorOf(dealer)
    await ask(visitor, QUESTION)
    visitor.close()
    const calls = chats()
    await uploadAndWait(server, dealer.secret.key, 'holiday.md', '# Holidays\n\nClosed on July 4.')
    const after = await visitorOf(dealer)
    await ask(after, QUESTION)
    after.close()
    expect(chats()).toBe(calls + 1)
  })

  it('reports hits and misses in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    const count = (result: string) =>
      Number(
        new RegExp(`avataradam_answer_cache_total\\{result="${result}"\\} (\\d+)`).exec(text)?.[1],
      )
    expect(count('hit')).toBeGreaterThanOrEqual(2)
    expect(count('miss')).toBeGreaterThanOrEqual(4)
  })
})

/** Both stores keep to the same rules. */
function storeContract(
  name: string,
  make: () => Promise<{ cache: AnswerCache; done(): Promise<void> }>,
) {
  describe(name, () => {
    const tenant = crypto.randomUUID()
    const answer = { text: 'Saturday 9 to 6.', citations: [] }
    let cache: AnswerCache
    let done: () => Promise<void>
    beforeAll(async () => {
      ;({ cache, done } = await make())
    })
    afterAll(() => done())

    it('stores, finds, and forgets on invalidation', async () => {
      const miss = await cache.lookup(tenant, 'Open Saturday?', null)
      expect(miss.hit).toBeUndefined()
      await cache.store(tenant, miss, answer)
      expect((await cache.lookup(tenant, 'open saturday', null)).hit).toEqual(answer)
      expect((await cache.lookup(crypto.randomUUID(), 'open saturday', null)).hit).toBeUndefined()
      await cache.invalidate(tenant)
      expect((await cache.lookup(tenant, 'open saturday', null)).hit).toBeUndefined()
    })

    it('drops an answer computed before the documents changed', async () => {
      const before = await cache.lookup(tenant, 'Any trucks?', null)
      await cache.invalidate(tenant)
      await cache.store(tenant, before, answer)
      expect((await cache.lookup(tenant, 'Any trucks?', null)).hit).toBeUndefined()
    })
  })
}

storeContract('the in-process store', async () => ({
  cache: createMemoryAnswerCache({ ttlSeconds: 60 }),
  done: async () => {},
}))

// The Redis store is what several instances share; it needs the suite's Redis.
if (process.env.REDIS_URL) {
  storeContract('the Redis store', async () => {
    const redis = new Redis(process.env.REDIS_URL!)
    return {
      cache: createRedisAnswerCache(redis, { ttlSeconds: 60 }),
      done: async () => void (await redis.quit()),
    }
  })
}
