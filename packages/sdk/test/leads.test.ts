import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startModelServer,
  streamReply,
  toolCallReply,
} from '../../server/test/support/openai-server.ts'
import {
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type TestTenant,
} from '../../server/test/support/server.ts'
import {
  AvatarAdamError,
  createClient,
  createServerClient,
  type LeadRequest,
  type VisitorClient,
} from '../src/index.ts'

let models: Awaited<ReturnType<typeof startModelServer>>
let server: TestServer
let tenant: TestTenant
let visitor: VisitorClient

beforeAll(async () => {
  models = await startModelServer(streamReply(['Happy to help.']))
  server = await startTestServer({
    env: {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: models.baseUrl,
      LLM_MODEL: 'dealer-model',
    },
  })
  tenant = await createTenant(server)
  visitor = createClient({
    baseUrl: server.url,
    key: tenant.publishable.key,
    origin: TEST_ORIGIN,
    storage: false,
    socketOptions: { transports: ['websocket'] },
  })
})
afterAll(async () => {
  visitor?.close()
  await server?.stop()
  await models?.close()
})

describe('leads through the SDK', () => {
  it('hears lead:request, submits the lead, and the dealership lists it', async () => {
    models.next(
      toolCallReply([
        {
          id: 'call_1',
          name: 'start_lead_capture',
          arguments: '{"reason":"Call back about financing","phone":"555-010-2030"}',
        },
      ]),
      streamReply(['Sure, leave your details below.']),
    )
    const requested = new Promise<LeadRequest>((resolve) => {
      const off = visitor.on('lead:request', (r) => {
        off()
        resolve(r)
      })
    })
    const done = await visitor.ask('Can someone call me about financing?')
    const request = await requested
    expect(request).toMatchObject({
      conversationId: done.conversationId,
      answerId: done.messageId,
      reason: 'Call back about financing',
      prefill: { phone: '555-010-2030' },
    })
    const lead = await visitor.submitLead({
      conversationId: request.conversationId,
      name: 'Sam',
      phone: request.prefill!.phone!,
      consent: true,
      reason: request.reason,
    })
    expect(lead).toMatchObject({ name: 'Sam', phone: '555-010-2030', reason: request.reason })

    const api = createServerClient({ secretKey: tenant.secret.key, baseUrl: server.url })
    expect(await api.leads.list()).toEqual({ leads: [lead], nextCursor: null })
    expect(await api.leads.get(lead.id)).toEqual(lead)
    expect(await api.leads.settings()).toEqual({ notificationEmail: null })
    expect(await api.leads.updateSettings({ notificationEmail: 'leads@dealer.example' })).toEqual({
      notificationEmail: 'leads@dealer.example',
    })
    expect(await api.leads.settings()).toEqual({ notificationEmail: 'leads@dealer.example' })
  })

  it('rejects an invalid lead with AvatarAdamError invalid_request', async () => {
    const err = await visitor
      .submitLead({ name: 'Sam', email: 'sam@', consent: true })
      .catch((e: unknown) => e)
    expect(AvatarAdamError.isInstance(err)).toBe(true)
    expect(err).toMatchObject({ code: 'invalid_request', message: expect.stringMatching(/email/) })
  })
})
