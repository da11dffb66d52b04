import { createServerClient } from '@avataradam/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ask } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  visitorClient,
} from './support/server.ts'

let server: TestServer
let dealer: TestTenant
let other: TestTenant

beforeAll(async () => {
  // The embedded answerer, with the in-process answer cache embedded mode has.
  server = await startTestServer()
  dealer = await createTenant(server, 'Hilltop Ford')
  other = await createTenant(server, 'Valley Honda')
  await uploadAndWait(server, dealer.secret.key, 'hours.md', '# Hours\n\nSaturday 9 AM to 6 PM.')
  for (let i = 0; i < 3; i++) {
    const visitor = await connectVisitor(visitorClient(server, { key: dealer.publishable.key }))
    const opening = await ask(visitor, 'When are you open on Saturday?')
    if (i === 0) {
      await ask(visitor, 'And on Sunday?', { conversationId: opening.ack.conversationId })
    }
    visitor.close()
  }
})
afterAll(() => server.stop())

describe('GET /v1/analytics', () => {
  it("counts the dealership's conversations, messages and cached answers per day", async () => {
    const analytics = await createServerClient({
      secretKey: dealer.secret.key,
      baseUrl: server.url,
    }).analytics({ days: 7 })
    expect(analytics.days).toHaveLength(7)
    expect(analytics.to).toBe(new Date().toISOString().slice(0, 10))
    const today = analytics.days.at(-1)!
    expect(today).toEqual({
      date: analytics.to,
      conversations: 3,
      visitorMessages: 4,
      answers: 4,
      // The same opening question, asked again by two more visitors.
      cachedAnswers: 2,
    })
    expect(analytics.days.slice(0, -1).every((d) => d.answers === 0)).toBe(true)
    expect(analytics.answerCache).toEqual({ openingAnswers: 3, cachedAnswers: 2, hitRate: 2 / 3 })
  })

  it('shows another dealership none of it', async () => {
    const res = await api(server, other.secret.key, 'GET', '/v1/analytics')
    expect(res.status).toBe(200)
    expect(res.body.days).toHaveLength(30)
    expect(res.body.days.every((d: { conversations: number }) => d.conversations === 0)).toBe(true)
    expect(res.body.answerCache).toEqual({ openingAnswers: 0, cachedAnswers: 0, hitRate: null })
  })

  it('refuses a period it does not keep, naming the parameter', async () => {
    for (const days of ['0', '91', 'week']) {
      const res = await api(server, dealer.secret.key, 'GET', `/v1/analytics?days=${days}`)
      expect(res.status).toBe(400)
      expect(res.body.error.code).toBe('invalid_request')
      expect(res.body.error.message).toContain('days')
    }
  })
})
