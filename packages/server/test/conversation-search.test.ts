import type { ConversationSummary } from '@avataradam/sdk/protocol'
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
/** Conversation ids: a Civic question with a lead, an old financing one, a fresh hours one. */
let civic: string
let financing: string
let hours: string

async function converse(tenant: TestTenant, questions: string[]): Promise<string> {
  const socket = await connectVisitor(visitorClient(server, { key: tenant.publishable.key }))
  let conversationId: string | undefined
  for (const q of questions) {
    conversationId = (await ask(socket, q, conversationId ? { conversationId } : {})).ack
      .conversationId
  }
  socket.close()
  return conversationId!
}

beforeAll(async () => {
  server = await startTestServer()
  dealer = await createTenant(server, 'Hotel Honda')
  other = await createTenant(server, 'India Imports')
  financing = await converse(dealer, ['Do you offer FINANCING?', 'What about leasing?'])
  // Two hours ago: neither live nor recent.
  await server.db.query(
    `update conversations set created_at = now() - interval '2 hours', updated_at = now() - interval '2 hours' where id = $1`,
    [financing],
  )
  await server.db.query(
    `update messages set created_at = now() - interval '2 hours' where conversation_id = $1`,
    [financing],
  )
  civic = await converse(dealer, ['Is the red Civic still available?'])
  await server.db.query(
    `insert into leads (id, tenant_id, conversation_id, visitor_id, client_lead_id, name, email, consent_at)
     select $1, tenant_id, id, visitor_id, 'lead-1', 'Pat', 'pat@example.com', now()
     from conversations where id = $2`,
    [crypto.randomUUID(), civic],
  )
  hours = await converse(dealer, ['When are you open?', 'when are you open'])
  await converse(other, ['Is the red Civic still available?'])
})
afterAll(() => server.stop())

async function list(query: string, key = dealer.secret.key) {
  const res = await api(server, key, 'GET', `/v1/conversations${query}`)
  expect(res.status).toBe(200)
  return res.body as { conversations: ConversationSummary[]; nextBefore: string | null }
}
const ids = (page: { conversations: ConversationSummary[] }) => page.conversations.map((c) => c.id)

describe('GET /v1/conversations filters', () => {
  it('lists the latest message and whether a lead came of it', async () => {
    const page = await list('')
    expect(ids(page)).toEqual([hours, civic, financing])
    const byId = new Map(page.conversations.map((c) => [c.id, c]))
    expect(byId.get(civic)).toMatchObject({ hasLead: true, messageCount: 2 })
    expect(byId.get(hours)!.hasLead).toBe(false)
    expect(byId.get(hours)!.lastMessage).toEqual(expect.any(String))
    expect(byId.get(hours)!.lastMessage).not.toBe('when are you open')
    expect(page.nextBefore).toBeNull()
  })

  it('finds conversations by text in any message, case-insensitively, literally', async () => {
    expect(ids(await list('?q=financing'))).toEqual([financing])
    expect(ids(await list('?q=LEASING'))).toEqual([financing])
    expect(ids(await list('?q=red%20civic'))).toEqual([civic])
    expect(ids(await list('?q=%25'))).toEqual([])
  })

  it('keeps live ones, those in a time window, and those with or without a lead', async () => {
    expect(ids(await list('?live=true'))).toEqual([hours, civic])
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString()
    expect(ids(await list(`?since=${encodeURIComponent(hourAgo)}`))).toEqual([hours, civic])
    expect(ids(await list(`?until=${encodeURIComponent(hourAgo)}`))).toEqual([financing])
    expect(ids(await list('?hasLead=true'))).toEqual([civic])
    expect(ids(await list('?hasLead=false'))).toEqual([hours, financing])
    expect((await api(server, dealer.secret.key, 'GET', '/v1/conversations?live=yes')).status).toBe(
      400,
    )
  })

  it('pages with the before cursor', async () => {
    const first = await list('?limit=2')
    expect(ids(first)).toEqual([hours, civic])
    expect(first.nextBefore).toBe(civic)
    const second = await list(`?limit=2&before=${first.nextBefore}`)
    expect(ids(second)).toEqual([financing])
    expect(second.nextBefore).toBeNull()
  })

  it("never lists or opens another dealership's conversations", async () => {
    expect(ids(await list('?q=civic', other.secret.key))).not.toContain(civic)
    const res = await api(server, other.secret.key, 'GET', `/v1/conversations/${civic}`)
    expect(res.status).toBe(404)
  })
})

describe('GET /v1/analytics questions', () => {
  it('counts questions asked alike as one, most asked first', async () => {
    const res = await api(server, dealer.secret.key, 'GET', '/v1/analytics?days=7')
    expect(res.status).toBe(200)
    const top = res.body.topQuestions as { question: string; count: number; lastAskedAt: string }[]
    expect(top[0]).toMatchObject({ question: 'when are you open', count: 2 })
    expect(top.map((q) => q.question).sort()).toEqual(
      [
        'when are you open',
        'Do you offer FINANCING?',
        'What about leasing?',
        'Is the red Civic still available?',
      ].sort(),
    )
    expect(Date.parse(top[0]!.lastAskedAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('lists questions whose answers cited nothing, or that got no answer', async () => {
    const tenant = await createTenant(server, 'Juliet Jeeps')
    await uploadAndWait(
      server,
      tenant.secret.key,
      'warranty.md',
      '# Warranty\n\nEvery Juliet Jeeps car has a 90-day powertrain warranty.',
    )
    const conversation = await converse(tenant, [
      'How long is the powertrain warranty?',
      'Do you sell boats?',
    ])
    // A question stored but never answered (its claim ran out).
    await server.db.query(
      `insert into messages (id, tenant_id, conversation_id, role, visitor_id, client_message_id, text)
       select $1, tenant_id, id, 'visitor', visitor_id, 'unanswered-1', 'Can I pay in bitcoin?'
       from conversations where id = $2`,
      [crypto.randomUUID(), conversation],
    )
    const transcript = (
      await api(server, tenant.secret.key, 'GET', `/v1/conversations/${conversation}`)
    ).body.messages as {
      role: string
      text: string
      replyTo: string | null
      id: string
      citations: unknown[]
    }[]
    const uncited = transcript
      .filter((m) => m.role === 'visitor')
      .filter((q) => {
        const reply = transcript.find((m) => m.replyTo === q.id)
        return !reply || reply.citations.length === 0
      })
      .map((q) => q.text)
    expect(uncited).toContain('Can I pay in bitcoin?')
    expect(uncited).not.toContain('How long is the powertrain warranty?')
    const res = await api(server, tenant.secret.key, 'GET', '/v1/analytics')
    expect(
      res.body.unansweredQuestions.map((q: { question: string }) => q.question).sort(),
    ).toEqual(uncited.sort())
    expect(res.body.topQuestions).toHaveLength(3)
  })
})
