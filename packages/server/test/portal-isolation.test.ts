import type { MemberRole, Permission } from '@avataradam/sdk/protocol'
import { KEY_SCOPES, ROLE_PERMISSIONS } from '@avataradam/sdk/protocol'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  linkInMail,
  PASSWORD,
  portalCall,
  type SignedIn,
  sessionOf,
  signUp,
} from './support/auth.ts'
import { ask, eventually } from './support/chat.ts'
import { form, uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  visitorClient,
} from './support/server.ts'
import { startWebhookReceiver } from './support/webhook-receiver.ts'

/*
 * Every /v1 operation of the live OpenAPI document, tried by every kind of caller: another
 * dealership's owner and secret key on this dealership's resources, each role, narrow keys, no
 * credential at all. The table below must name every operation (and nothing more), so a new route
 * cannot go untested.
 */

const unique = () => crypto.randomUUID().slice(0, 8)

/** Dealership A's resources, the ids the table's paths are filled with. */
interface AResources {
  ownerId: string
  adminId: string
  agentId: string
  invitationId: string
  documentId: string
  spareDocumentId: string
  publishableKeyId: string
  secretKeyId: string
  spareKeyId: string
  narrowKeyIds: string[]
  conversationId: string
  leadId: string
  failedJobId: string
}

interface Row {
  /** What the route requires (`requires(…)`); null: any authenticated caller. */
  permission: Permission | null
  /** Signed-in members only (`membersOnly`): keys are refused whatever their scopes. */
  membersOnly?: boolean
  /** A's resources to put in `{id}`, the first one used by A's own owner (last test). */
  ids?: (a: AResources) => string[]
  body?: () => unknown
  /** The status a caller allowed to do this gets, on its own dealership's resources. */
  status: number
}

const widgetSettings = (greeting: string) => ({
  assistantName: 'Adam',
  greeting,
  suggestions: ['Opening hours?'],
  colors: { primary: '#1f4fd1', onPrimary: '#ffffff' },
  avatar: { kind: 'builtin' },
  languages: ['en'],
  hours: null,
})

let receiverUrl = ''

// The order matters for the last test (A's owner, for real): reads before the deletes.
const TABLE: Record<string, Row> = {
  'GET /v1/documents': { permission: 'knowledge:read', status: 200 },
  'GET /v1/documents/{id}': {
    permission: 'knowledge:read',
    ids: (a) => [a.documentId, a.spareDocumentId],
    status: 200,
  },
  'POST /v1/documents': {
    permission: 'knowledge:write',
    body: () => form(`note-${unique()}.md`, `# Note\n\nA note numbered ${unique()}.`),
    status: 202,
  },
  'POST /v1/documents/{id}/reindex': {
    permission: 'knowledge:write',
    ids: (a) => [a.documentId, a.spareDocumentId],
    status: 202,
  },
  'DELETE /v1/documents/{id}': {
    permission: 'knowledge:write',
    ids: (a) => [a.spareDocumentId, a.documentId],
    status: 204,
  },
  'POST /v1/search': {
    permission: 'knowledge:read',
    body: () => ({ query: 'zanzibar warranty' }),
    status: 200,
  },
  'GET /v1/inventory': { permission: 'knowledge:read', status: 200 },
  'GET /v1/dealership-facts': { permission: 'knowledge:read', status: 200 },
  'PUT /v1/dealership-facts': {
    permission: 'settings',
    body: () => ({ timezone: 'America/Chicago' }),
    status: 200,
  },
  'GET /v1/keys': { permission: 'keys', status: 200 },
  'POST /v1/keys': {
    permission: 'keys',
    // A publishable key: any holder of `keys` may make one (a secret key's scopes are bounded
    // by the caller's own, which key-scopes.test.ts covers).
    body: () => ({
      type: 'publishable',
      name: `Made ${unique()}`,
      allowedOrigins: ['https://made.example'],
    }),
    status: 201,
  },
  'POST /v1/keys/{id}/rotate': {
    permission: 'keys',
    ids: (a) => [a.spareKeyId, a.secretKeyId, a.publishableKeyId, ...a.narrowKeyIds],
    body: () => ({ overlapSeconds: 0 }),
    status: 201,
  },
  'POST /v1/keys/{id}/revoke': {
    permission: 'keys',
    ids: (a) => [a.spareKeyId, a.secretKeyId, a.publishableKeyId, ...a.narrowKeyIds],
    status: 200,
  },
  'GET /v1/conversations': { permission: 'conversations', status: 200 },
  'GET /v1/conversations/{id}': {
    permission: 'conversations',
    ids: (a) => [a.conversationId],
    status: 200,
  },
  'GET /v1/analytics': { permission: 'analytics', status: 200 },
  'GET /v1/leads': { permission: 'leads', status: 200 },
  'GET /v1/leads/{id}': { permission: 'leads', ids: (a) => [a.leadId], status: 200 },
  'GET /v1/leads/settings': { permission: 'settings', status: 200 },
  'PUT /v1/leads/settings': {
    permission: 'settings',
    body: () => ({ notificationEmail: `leads-${unique()}@example.com` }),
    status: 200,
  },
  'GET /v1/webhooks': { permission: 'settings', status: 200 },
  'PUT /v1/webhooks': {
    permission: 'settings',
    body: () => ({ url: `${receiverUrl}/put-${unique()}` }),
    status: 200,
  },
  'DELETE /v1/webhooks': { permission: 'settings', status: 204 },
  'GET /v1/jobs/failed': { permission: 'settings', status: 200 },
  'POST /v1/jobs/{id}/retry': {
    permission: 'settings',
    ids: (a) => [a.failedJobId],
    status: 202,
  },
  'GET /v1/widget-settings': { permission: null, status: 200 },
  'PUT /v1/widget-settings': {
    permission: 'settings',
    body: () => widgetSettings(`Hello from ${unique()}`),
    status: 200,
  },
  'GET /v1/providers': { permission: 'settings', status: 200 },
  'PUT /v1/providers/llm': {
    permission: 'settings',
    body: () => ({
      provider: 'openai-compatible',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: `model-${unique()}`,
    }),
    status: 200,
  },
  'DELETE /v1/providers/llm': { permission: 'settings', status: 204 },
  'PUT /v1/providers/avatar': {
    permission: 'settings',
    body: () => ({ provider: 'builtin' }),
    status: 200,
  },
  'DELETE /v1/providers/avatar': { permission: 'settings', status: 204 },
  'GET /v1/me': { permission: null, membersOnly: true, status: 200 },
  // A wrong current password: the route runs (and refuses) without changing anyone's password.
  'POST /v1/me/password': {
    permission: null,
    membersOnly: true,
    body: () => ({ currentPassword: 'not the password at all', newPassword: 'another password 1' }),
    status: 401,
  },
  'POST /v1/me/totp/setup': { permission: null, membersOnly: true, status: 200 },
  'POST /v1/me/totp/confirm': {
    permission: null,
    membersOnly: true,
    body: () => ({ code: '000000', password: PASSWORD }),
    status: 401,
  },
  'POST /v1/me/totp/disable': {
    permission: null,
    membersOnly: true,
    body: () => ({ password: PASSWORD, code: '000000' }),
    status: 409,
  },
  'GET /v1/members': { permission: 'members', membersOnly: true, status: 200 },
  'POST /v1/members/invitations': {
    permission: 'members',
    membersOnly: true,
    body: () => ({ email: `invitee-${unique()}@example.com`, role: 'agent' }),
    status: 201,
  },
  'DELETE /v1/members/invitations/{id}': {
    permission: 'members',
    membersOnly: true,
    ids: (a) => [a.invitationId],
    status: 204,
  },
  'PATCH /v1/members/{id}': {
    permission: 'members',
    membersOnly: true,
    ids: (a) => [a.adminId, a.agentId, a.ownerId],
    body: () => ({ role: 'owner' }),
    status: 200,
  },
  'DELETE /v1/members/{id}': {
    permission: 'members',
    membersOnly: true,
    ids: (a) => [a.agentId, a.adminId, a.ownerId],
    status: 204,
  },
  'GET /v1/audit-log': { permission: 'audit', status: 200 },
  'GET /v1/outbox': { permission: 'settings', status: 200 },
}

/** Who calls: a member (by role) or a secret key (by scopes). */
interface Caller {
  name: string
  credential: string
  type: 'member' | 'key'
  permissions: readonly Permission[]
}

const member = (name: string, signedIn: SignedIn, role: MemberRole): Caller => ({
  name,
  credential: signedIn.token,
  type: 'member',
  permissions: ROLE_PERMISSIONS[role],
})
const key = (name: string, secret: string, scopes: readonly Permission[]): Caller => ({
  name,
  credential: secret,
  type: 'key',
  permissions: scopes,
})

function allowed(caller: Caller, row: Row): boolean {
  if (row.membersOnly && caller.type !== 'member') return false
  return row.permission === null || caller.permissions.includes(row.permission)
}

const [METHOD, PATH] = [0, 1] as const
const split = (op: string) => op.split(' ') as [string, string]

async function call(caller: string | null, op: string, id?: string) {
  const row = TABLE[op]!
  const path = split(op)[PATH].replace('{id}', id ?? '')
  const res = await api(server, caller, split(op)[METHOD], path, row.body?.())
  return { ...res, label: `${op}${id ? ` (${id})` : ''}` }
}

let server: TestServer
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let ownerA: SignedIn & { email: string }
let ownerB: SignedIn & { email: string }
let adminA: SignedIn & { email: string; id: string }
let agentA: SignedIn & { email: string; id: string }
let secretA: string
let secretB: string
let publishableA: string
let narrowA: { secret: string; scopes: Permission[] }[]
let a: AResources
/** Ids and words of A that nothing B is given may contain. */
let aSecrets: string[]

/** A connected staff socket: a member's (from the portal's origin) or a secret key's (a server). */
async function staffSocket(auth: { accessToken: string } | { key: string }) {
  const socket = connect(server.url, {
    auth,
    transports: ['websocket'],
    extraHeaders: 'accessToken' in auth ? { origin: server.url } : {},
    forceNew: true,
    reconnection: false,
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve)
    socket.once('connect_error', reject)
  })
  return socket
}

async function join(owner: SignedIn, role: MemberRole) {
  const email = `${role}-${unique()}@alpha-isolation.example`
  const invited = await api(server, owner.token, 'POST', '/v1/members/invitations', { email, role })
  expect(invited.status).toBe(201)
  const token = await linkInMail(server, email, '/portal/accept-invite')
  const accepted = await portalCall(server, 'POST', '/v1/auth/invitations/accept', {
    body: { token, name: `Alpha ${role}`, password: PASSWORD },
  })
  expect(accepted.status).toBe(201)
  return { email, id: accepted.body.account.id as string, ...sessionOf(accepted) }
}

async function createKey(token: string, body: Record<string, unknown>) {
  const res = await api(server, token, 'POST', '/v1/keys', body)
  expect(res.status).toBe(201)
  return res.body as { id: string; key: string; prefix: string }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver()
  server = await startTestServer({
    env: {
      TRUST_PROXY_HOPS: '1',
      RATE_LIMIT_REQUESTS_PER_MINUTE: '100000',
      // The webhook receiver and the fake model URL listen on loopback.
      PROVIDER_URLS_ALLOW_PRIVATE: 'true',
      AVATARADAM_SECRET_KEYS: Buffer.alloc(32, 11).toString('base64'),
      JOBS_ATTEMPTS: '2',
      JOBS_BACKOFF_MS: '50',
    },
  })
  receiverUrl = receiver.url
  const word = unique()
  ownerA = await signUp(server, {
    email: `owner-${word}@alpha-isolation.example`,
    dealershipName: `Alpha Zanzibar Motors ${word}`,
  })
  ownerB = await signUp(server, { dealershipName: `Bravo Motors ${word}` })
  adminA = await join(ownerA, 'admin')
  agentA = await join(ownerA, 'agent')
  const pendingEmail = `pending-${word}@alpha-isolation.example`
  const invitation = await api(server, ownerA.token, 'POST', '/v1/members/invitations', {
    email: pendingEmail,
    role: 'agent',
  })
  expect(invitation.status).toBe(201)

  const publishable = await createKey(ownerA.token, {
    type: 'publishable',
    allowedOrigins: [TEST_ORIGIN],
  })
  const secret = await createKey(ownerA.token, { type: 'secret', name: 'Alpha main' })
  const spare = await createKey(ownerA.token, { type: 'secret', name: 'Alpha spare' })
  narrowA = [{ scopes: ['knowledge:read'] }, { scopes: ['keys', 'settings'] }].map((n) => ({
    ...n,
    secret: '',
  })) as typeof narrowA
  const narrowIds: string[] = []
  for (const narrow of narrowA) {
    const created = await createKey(ownerA.token, { type: 'secret', scopes: narrow.scopes })
    narrow.secret = created.key
    narrowIds.push(created.id)
  }
  secretA = secret.key
  publishableA = publishable.key
  secretB = (await createKey(ownerB.token, { type: 'secret', name: 'Bravo main' })).key

  const document = await uploadAndWait(
    server,
    secretA,
    `zanzibar-${word}.md`,
    `# Zanzibar warranty\n\nAlpha gives a quokka-${word} warranty of 90 days.`,
  )
  expect(document.status).toBe('ready')
  const spareDocument = await uploadAndWait(
    server,
    secretA,
    `spare-${word}.md`,
    `# Spare\n\nA spare quokka-${word} page.`,
  )
  // An inventory and corrected facts of A's, which only A's callers may read.
  const inventory = await uploadAndWait(
    server,
    secretA,
    `inventory-${word}.csv`,
    `Stock #,Year,Make,Model,Price\nquokka-${word},2021,Toyota,RAV4,27900\n`,
  )
  expect(inventory.inventory?.vehicles).toBe(1)
  const facts = await api(server, secretA, 'PUT', '/v1/dealership-facts', {
    facts: {
      departments: [],
      address: null,
      website: null,
      staff: [{ name: `Alphonse quokka-${word}`, title: 'Sales Manager', extension: '214' }],
      holidays: [],
    },
  })
  expect(facts.status).toBe(200)
  // B has a document and an inventory too, so its lists are not trivially empty.
  await uploadAndWait(server, secretB, 'bravo.md', '# Bravo\n\nBravo sells trucks.')
  await uploadAndWait(
    server,
    secretB,
    'bravo-inventory.csv',
    'Stock #,Year,Make,Model,Price\nB1,2022,Ford,F-150,41000\n',
  )

  // A webhook that answers 410 Gone: the lead's delivery becomes a failed job of A's.
  expect(
    (await api(server, secretA, 'PUT', '/v1/webhooks', { url: `${receiver.url}/alpha` })).status,
  ).toBe(200)
  receiver.script('/alpha', 410)
  const visitor = await connectVisitor(visitorClient(server, { key: publishableA }))
  const asked = await ask(visitor, `Is the quokka-${word} warranty transferable?`)
  const lead = await visitor.emitWithAck('lead:submit', {
    clientLeadId: `lead_${crypto.randomUUID()}`,
    conversationId: asked.ack.conversationId,
    name: `Alphonse Quokka ${word}`,
    email: `alphonse-${word}@buyer.example`,
    consent: true,
  })
  visitor.close()
  if ('error' in lead) throw new Error(lead.error.message)
  const failedJob = await eventually(async () => {
    const res = await api(server, secretA, 'GET', '/v1/jobs/failed')
    return res.body.jobs.find((j: { leadId: string }) => j.leadId === lead.lead.id)
  })

  const notificationEmail = `alpha-sales-${word}@alpha-isolation.example`
  expect(
    (await api(server, secretA, 'PUT', '/v1/leads/settings', { notificationEmail })).status,
  ).toBe(200)
  const greeting = `Welcome to Alpha Zanzibar ${word}`
  expect(
    (await api(server, secretA, 'PUT', '/v1/widget-settings', widgetSettings(greeting))).status,
  ).toBe(200)
  expect(
    (await api(server, secretA, 'PUT', '/v1/providers/avatar', { provider: 'builtin' })).status,
  ).toBe(200)

  a = {
    ownerId: ownerA.session.account.id,
    adminId: adminA.id,
    agentId: agentA.id,
    invitationId: invitation.body.id,
    documentId: document.id,
    spareDocumentId: spareDocument.id,
    publishableKeyId: publishable.id,
    secretKeyId: secret.id,
    spareKeyId: spare.id,
    narrowKeyIds: narrowIds,
    conversationId: asked.ack.conversationId,
    leadId: lead.lead.id,
    failedJobId: failedJob.id,
  }
  const conversation = await api(server, secretA, 'GET', `/v1/conversations/${a.conversationId}`)
  const keyPrefixes = [publishable, secret, spare].map((k) => k.prefix)
  aSecrets = [
    ownerA.session.account.tenantId,
    ...Object.values(a).flat(),
    ...conversation.body.messages.map((m: { id: string }) => m.id),
    ...keyPrefixes,
    'zanzibar',
    `quokka-${word}`,
    ownerA.email,
    adminA.email,
    agentA.email,
    pendingEmail,
    notificationEmail,
    greeting,
  ]
  expect(aSecrets.every((s) => typeof s === 'string' && s.length >= 8)).toBe(true)
}, 60_000)
afterAll(async () => {
  await server?.stop()
  await receiver?.close()
})

/** A's state as its owner sees it: what no other dealership may change. */
async function stateOfA() {
  const paths = [
    '/v1/documents',
    `/v1/documents/${a.documentId}`,
    `/v1/documents/${a.spareDocumentId}`,
    '/v1/inventory?includeSold=true',
    '/v1/dealership-facts',
    '/v1/keys',
    '/v1/widget-settings',
    '/v1/members',
    '/v1/conversations',
    `/v1/conversations/${a.conversationId}`,
    '/v1/leads',
    `/v1/leads/${a.leadId}`,
    '/v1/leads/settings',
    '/v1/webhooks',
    '/v1/providers',
    '/v1/jobs/failed',
    '/v1/outbox',
    '/v1/audit-log?limit=100',
  ]
  const state: Record<string, unknown> = {}
  for (const path of paths) {
    const res = await api(server, ownerA.token, 'GET', path)
    expect(res.status, path).toBe(200)
    state[path] = res.body
  }
  for (const who of [ownerA, adminA, agentA]) {
    state[`me ${who.email}`] = (await api(server, who.token, 'GET', '/v1/me')).body
  }
  return state
}

describe('the table of operations', () => {
  it('names every /v1 operation of the OpenAPI document, and nothing else', async () => {
    const doc = await api(server, null, 'GET', '/v1/openapi.json')
    expect(doc.status).toBe(200)
    const documented: string[] = []
    for (const [path, item] of Object.entries(doc.body.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) {
        if (!['get', 'put', 'post', 'patch', 'delete'].includes(method)) continue
        // Signing in, up and out needs no credential: auth.test.ts covers those.
        if (path.startsWith('/v1/auth/')) continue
        documented.push(`${method.toUpperCase()} ${path}`)
      }
    }
    expect(documented.length).toBeGreaterThan(30)
    expect(
      documented.filter((op) => !(op in TABLE)),
      'operations missing from TABLE',
    ).toEqual([])
    expect(
      Object.keys(TABLE).filter((op) => !documented.includes(op)),
      'TABLE rows the API does not have',
    ).toEqual([])
    // Every route with an {id} has A's resources to try.
    for (const [op, row] of Object.entries(TABLE)) {
      expect(Boolean(row.ids), op).toBe(op.includes('{id}'))
    }
  })

  it('refuses every operation without a credential', async () => {
    for (const op of Object.keys(TABLE)) {
      const res = await call(null, op, TABLE[op]!.ids?.(a)[0])
      expect([res.label, res.status, res.body.error?.code]).toEqual([
        res.label,
        401,
        'unauthorized',
      ])
    }
  })
})

describe("another dealership never reaches A's resources", () => {
  let before: Record<string, unknown>
  beforeAll(async () => {
    before = await stateOfA()
  })

  /** No body B receives may contain A's ids or words (but the ids B sent itself). */
  function expectNoLeak(res: { body: unknown; label: string }, sent?: string) {
    const text = JSON.stringify(res.body)
    const leaked = aSecrets.filter((s) => s !== sent && text.includes(s))
    expect(leaked, `${res.label} leaked A's data`).toEqual([])
  }

  async function tryEverything(caller: Caller) {
    let tried = 0
    for (const [op, row] of Object.entries(TABLE)) {
      const may = allowed(caller, row)
      for (const id of row.ids?.(a) ?? [undefined]) {
        const res = await call(caller.credential, op, id)
        tried++
        expectNoLeak(res, id)
        const code = res.body?.error?.code
        if (!may) {
          expect([res.label, res.status, code]).toEqual([res.label, 403, 'forbidden'])
        } else if (id) {
          // Not B's: as if it did not exist.
          expect([res.label, res.status, code]).toEqual([res.label, 404, 'not_found'])
        } else {
          // On B's own data: the route worked (or refused as it would anyone).
          expect([res.label, res.status]).toEqual([res.label, row.status])
        }
      }
    }
    return tried
  }

  it("B's owner (access token) is refused on A's resources, and sees none of A's data", async () => {
    const tried = await tryEverything(member('B owner', ownerB, 'owner'))
    expect(tried).toBeGreaterThan(Object.keys(TABLE).length)
  })

  it("B's secret key is refused on A's resources, and sees none of A's data", async () => {
    await tryEverything(key('B secret key', secretB, KEY_SCOPES))
  })

  it("a staff socket of B's cannot watch A's conversation", async () => {
    for (const auth of [{ accessToken: ownerB.token }, { key: secretB }]) {
      const staff = await staffSocket(auth)
      try {
        const refused = await staff.emitWithAck('staff:watch', { conversationId: a.conversationId })
        expect(refused.error?.code).toBe('conversation_not_found')
        expectNoLeak({ body: refused, label: 'staff:watch' }, a.conversationId)
      } finally {
        staff.close()
      }
    }
    // A's own member does watch it: the refusals above are about the dealership.
    const own = await staffSocket({ accessToken: agentA.token })
    try {
      const watched = await own.emitWithAck('staff:watch', { conversationId: a.conversationId })
      expect(watched.error).toBeUndefined()
      expect(watched.messages.length).toBeGreaterThan(0)
    } finally {
      own.close()
    }
  })

  it("leaves A's documents, inventory, facts, keys, settings, members, conversations and audit log as they were", async () => {
    expect(await stateOfA()).toEqual(before)
  })
})

describe('the outbox hands an invitation link only to whoever could have sent it', () => {
  it("shows an owner's invitation link to owners only, and no link to a key", async () => {
    const ownerInvitee = `new-owner-${unique()}@alpha-isolation.example`
    const agentInvitee = `new-agent-${unique()}@alpha-isolation.example`
    for (const [email, role] of [
      [ownerInvitee, 'owner'],
      [agentInvitee, 'agent'],
    ] as const) {
      const res = await api(server, ownerA.token, 'POST', '/v1/members/invitations', {
        email,
        role,
      })
      expect(res.status).toBe(201)
    }
    const ownerToken = await linkInMail(server, ownerInvitee, '/portal/accept-invite')
    const agentToken = await linkInMail(server, agentInvitee, '/portal/accept-invite')
    const outboxAs = async (credential: string) => {
      const res = await api(server, credential, 'GET', '/v1/outbox')
      expect(res.status).toBe(200)
      expect(res.body.messages.map((m: { recipient: string }) => m.recipient)).toEqual(
        expect.arrayContaining([ownerInvitee, agentInvitee]),
      )
      return JSON.stringify(res.body)
    }
    // The owner, who sends invitations of every role, sees every link (embedded mode needs them).
    const asOwner = await outboxAs(ownerA.token)
    expect(asOwner).toContain(encodeURIComponent(ownerToken))
    expect(asOwner).toContain(encodeURIComponent(agentToken))
    // An admin may invite agents and admins, not owners: taking that link would make it one.
    const asAdmin = await outboxAs(adminA.token)
    expect(asAdmin).not.toContain(encodeURIComponent(ownerToken))
    expect(asAdmin).toContain(encodeURIComponent(agentToken))
    // A key with `settings` can never be a member: no link at all.
    const settingsKey = narrowA.find((n) => n.scopes.includes('settings'))!
    const asKey = await outboxAs(settingsKey.secret)
    expect(asKey).not.toContain(encodeURIComponent(ownerToken))
    expect(asKey).not.toContain(encodeURIComponent(agentToken))
    expect(asKey).not.toMatch(/accept-invite\?token=[A-Za-z0-9_-]{16}/)
  })
})

describe('roles and key scopes within A', () => {
  /**
   * Forbidden exactly where the caller lacks the permission. Where allowed, reads use A's real
   * ids (and must succeed); writes to an {id} use an unknown id, so A's resources stay for the
   * next callers and the last test (the permission check runs before the lookup, so a 404 here
   * still shows the caller got past it).
   */
  async function checkCaller(caller: Caller) {
    const outcomes: Record<string, boolean> = {}
    for (const [op, row] of Object.entries(TABLE)) {
      const may = allowed(caller, row)
      const read = split(op)[METHOD] === 'GET'
      const id = row.ids ? (read ? row.ids(a)[0] : crypto.randomUUID()) : undefined
      const res = await call(caller.credential, op, id)
      const code = res.body?.error?.code
      outcomes[op] = may
      if (!may) {
        expect([res.label, res.status, code]).toEqual([res.label, 403, 'forbidden'])
        // The refusal names the permission the table says the route needs.
        if (row.permission && !(row.membersOnly && caller.type === 'key')) {
          expect([res.label, res.body.error.details?.permission]).toEqual([
            res.label,
            row.permission,
          ])
        }
      } else {
        const expected = row.ids && !read ? 404 : row.status
        expect([res.label, res.status]).toEqual([res.label, expected])
      }
    }
    return outcomes
  }

  it('an agent is forbidden exactly what its role lacks (keys, settings, members, writes…)', async () => {
    const outcomes = await checkCaller(member('A agent', agentA, 'agent'))
    expect(outcomes['POST /v1/keys']).toBe(false)
    expect(outcomes['GET /v1/conversations/{id}']).toBe(true)
  })

  it('an admin is forbidden the audit log only', async () => {
    const outcomes = await checkCaller(member('A admin', adminA, 'admin'))
    expect(Object.keys(outcomes).filter((op) => !outcomes[op])).toEqual(['GET /v1/audit-log'])
  })

  it('a full secret key is refused the member-only routes and the audit log', async () => {
    const outcomes = await checkCaller(key('A secret key', secretA, KEY_SCOPES))
    expect(
      Object.keys(outcomes)
        .filter((op) => !outcomes[op])
        .sort(),
    ).toEqual(
      ['GET /v1/audit-log', ...Object.keys(TABLE).filter((op) => TABLE[op]!.membersOnly)].sort(),
    )
  })

  it('a narrow secret key is forbidden everything its scopes do not grant', async () => {
    for (const narrow of narrowA) {
      const outcomes = await checkCaller(key(`A ${narrow.scopes}`, narrow.secret, narrow.scopes))
      expect(Object.values(outcomes).some((may) => may)).toBe(true)
      expect(Object.values(outcomes).some((may) => !may)).toBe(true)
    }
  })

  it("A's owner can do every operation on A's own resources (so the refusals above are real)", async () => {
    for (const [op, row] of Object.entries(TABLE)) {
      const res = await call(ownerA.token, op, row.ids?.(a)[0])
      expect([res.label, res.status]).toEqual([res.label, row.status])
      if (row.status < 300) expect(res.body?.error?.code, res.label).toBeUndefined()
    }
  })
})
