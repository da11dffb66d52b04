import { createStaffClient } from '@avataradam/sdk'
import type { MemberRole } from '@avataradam/sdk/protocol'
import { io as connect } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  linkInMail,
  login,
  PASSWORD,
  portalCall,
  type SignedIn,
  sessionOf,
  signUp,
} from './support/auth.ts'
import { ask, eventually, slowAnswerer } from './support/chat.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  visitorClient,
} from './support/server.ts'

let server: TestServer
beforeAll(async () => {
  server = await startTestServer({
    env: { TRUST_PROXY_HOPS: '1' },
    parts: { answerer: slowAnswerer(['We', 'open', 'at', 'nine.'], 1) },
  })
})
afterAll(() => server?.stop())

/** Invites `role` into the owner's dealership and accepts it from the emailed link. */
async function join(
  owner: SignedIn,
  role: MemberRole,
): Promise<SignedIn & { email: string; id: string }> {
  const email = `${role}-${crypto.randomUUID().slice(0, 8)}@dealer.example`
  const invited = await api(server, owner.token, 'POST', '/v1/members/invitations', { email, role })
  expect(invited.status).toBe(201)
  const token = await linkInMail(server, email, '/portal/accept-invite')
  const accepted = await portalCall(server, 'POST', '/v1/auth/invitations/accept', {
    body: { token, name: `A ${role}`, password: PASSWORD },
  })
  expect(accepted.status).toBe(201)
  return { email, id: accepted.body.account.id, ...sessionOf(accepted) }
}

describe('invitations', () => {
  it('emails a link (to the outbox), previews it, and makes a member with the role once accepted', async () => {
    const owner = await signUp(server, { dealershipName: 'Invite Motors' })
    const email = `new-${crypto.randomUUID().slice(0, 8)}@dealer.example`
    const invited = await api(server, owner.token, 'POST', '/v1/members/invitations', {
      email,
      role: 'admin',
    })
    expect(invited.status).toBe(201)
    expect(invited.body).toMatchObject({ email, role: 'admin', invitedBy: owner.email })

    const outbox = await api(server, owner.token, 'GET', '/v1/outbox')
    expect(outbox.body.messages).toHaveLength(1)
    expect(outbox.body.messages[0]).toMatchObject({ recipient: email, status: 'stored' })
    expect(outbox.body.messages[0].text).toContain(`${server.url}/portal/accept-invite?token=`)

    const token = await linkInMail(server, email, '/portal/accept-invite')
    const preview = await api(
      server,
      null,
      'GET',
      `/v1/auth/invitations/${encodeURIComponent(token)}`,
    )
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({ email, role: 'admin', dealershipName: 'Invite Motors' })

    const listed = await api(server, owner.token, 'GET', '/v1/members')
    expect(listed.body.invitations.map((i: { email: string }) => i.email)).toEqual([email])

    const accepted = await portalCall(server, 'POST', '/v1/auth/invitations/accept', {
      body: { token, name: 'Ada Admin', password: PASSWORD },
    })
    expect(accepted.status).toBe(201)
    expect(accepted.body.account).toMatchObject({ email, role: 'admin', name: 'Ada Admin' })
    const again = await portalCall(server, 'POST', '/v1/auth/invitations/accept', {
      body: { token, name: 'Ada Again', password: PASSWORD },
    })
    expect(again.body.error.code).toBe('invitation_invalid')
    expect((await api(server, null, 'GET', `/v1/auth/invitations/${token}`)).body.error.code).toBe(
      'invitation_invalid',
    )

    const members = await api(server, owner.token, 'GET', '/v1/members')
    expect(
      members.body.members.map((m: { email: string; role: string }) => [m.email, m.role]),
    ).toEqual([
      [owner.email, 'owner'],
      [email, 'admin'],
    ])
    expect(members.body.invitations).toEqual([])
    const audit = await api(server, owner.token, 'GET', '/v1/audit-log')
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['member.invited', 'member.joined']),
    )
  })

  it('revokes an invitation: its link stops working', async () => {
    const owner = await signUp(server)
    const email = `gone-${crypto.randomUUID().slice(0, 8)}@dealer.example`
    const invited = await api(server, owner.token, 'POST', '/v1/members/invitations', {
      email,
      role: 'agent',
    })
    const token = await linkInMail(server, email, '/portal/accept-invite')
    const revoked = await api(
      server,
      owner.token,
      'DELETE',
      `/v1/members/invitations/${invited.body.id}`,
    )
    expect(revoked.status).toBe(204)
    const accepted = await portalCall(server, 'POST', '/v1/auth/invitations/accept', {
      body: { token, name: 'Too Late', password: PASSWORD },
    })
    expect(accepted.body.error.code).toBe('invitation_invalid')
  })
})

describe('the outbox', () => {
  it("shows a visitor's lead whose message looks like a broken invitation link", async () => {
    const owner = await signUp(server)
    const tenantId = owner.session.account.tenantId
    const settings = await api(server, owner.token, 'PUT', '/v1/leads/settings', {
      notificationEmail: `sales-${crypto.randomUUID().slice(0, 8)}@dealer.example`,
    })
    expect(settings.status).toBe(200)
    const publishable = await server.keys.create(tenantId, {
      type: 'publishable',
      allowedOrigins: [TEST_ORIGIN],
    })
    const visitor = await connectVisitor(visitorClient(server, { key: publishable.key }))
    const submitted = await visitor.emitWithAck('lead:submit', {
      clientLeadId: `lead_${crypto.randomUUID()}`,
      name: 'Mallory',
      email: 'mallory@example.com',
      message: 'Call me: /portal/accept-invite?token=%zz',
      consent: true,
    })
    visitor.close()
    expect('lead' in submitted).toBe(true)
    const outbox = await eventually(async () => {
      const res = await api(server, owner.token, 'GET', '/v1/outbox')
      return res.status !== 200 || res.body.messages.length > 0 ? res : null
    })
    expect(outbox.status).toBe(200)
    expect(outbox.body.messages[0].text).toContain(
      '/portal/accept-invite?token=(hidden: ask an owner for this link)',
    )
  })
})

describe('roles', () => {
  it('lets an agent neither manage keys nor see members; an admin no audit log; an owner everything', async () => {
    const owner = await signUp(server)
    const agent = await join(owner, 'agent')
    const admin = await join(owner, 'admin')

    const keys = await api(server, agent.token, 'POST', '/v1/keys', { type: 'secret' })
    expect(keys.status).toBe(403)
    expect(keys.body.error.code).toBe('forbidden')
    expect((await api(server, agent.token, 'GET', '/v1/members')).body.error.code).toBe('forbidden')
    expect((await api(server, agent.token, 'GET', '/v1/outbox')).body.error.code).toBe('forbidden')
    expect((await api(server, agent.token, 'GET', '/v1/me')).status).toBe(200)

    expect((await api(server, admin.token, 'GET', '/v1/members')).status).toBe(200)
    expect((await api(server, admin.token, 'POST', '/v1/keys', { type: 'secret' })).status).toBe(
      201,
    )
    expect((await api(server, admin.token, 'GET', '/v1/audit-log')).body.error.code).toBe(
      'forbidden',
    )
    const log = await api(server, owner.token, 'GET', '/v1/audit-log?limit=2')
    expect(log.status).toBe(200)
    expect(log.body.entries).toHaveLength(2)
    expect(log.body.nextBefore).toBeTruthy()

    // A secret key is no member: account routes refuse it.
    const tenant = await createTenant(server)
    expect((await api(server, tenant.secret.key, 'GET', '/v1/me')).body.error.code).toBe(
      'forbidden',
    )
  })

  it("lets no admin cancel an owner's pending invitation by inviting the same email again", async () => {
    const owner = await signUp(server)
    const admin = await join(owner, 'admin')
    const email = `boss-${crypto.randomUUID().slice(0, 8)}@dealer.example`
    const invited = await api(server, owner.token, 'POST', '/v1/members/invitations', {
      email,
      role: 'owner',
    })
    expect(invited.status).toBe(201)
    const token = await linkInMail(server, email, '/portal/accept-invite')
    const replace = await api(server, admin.token, 'POST', '/v1/members/invitations', {
      email: email.toUpperCase(),
      role: 'agent',
    })
    expect(replace.status).toBe(403)
    expect(replace.body.error.code).toBe('forbidden')
    // The owner's link still works, for an owner.
    const preview = await api(server, null, 'GET', `/v1/auth/invitations/${token}`)
    expect(preview.body).toMatchObject({ email, role: 'owner' })
    // An owner may replace it; and an admin may re-invite to an agent's or admin's invitation.
    const byOwner = await api(server, owner.token, 'POST', '/v1/members/invitations', {
      email,
      role: 'agent',
    })
    expect(byOwner.status).toBe(201)
    const byAdmin = await api(server, admin.token, 'POST', '/v1/members/invitations', {
      email,
      role: 'admin',
    })
    expect(byAdmin.status).toBe(201)
  })

  it('keeps owners to owners, and always one owner', async () => {
    const owner = await signUp(server)
    const admin = await join(owner, 'admin')
    const agent = await join(owner, 'agent')
    const ownerId = owner.session.account.id

    // Admins cannot touch owners, nor make one.
    const promote = await api(server, admin.token, 'PATCH', `/v1/members/${agent.id}`, {
      role: 'owner',
    })
    expect(promote.body.error.code).toBe('forbidden')
    const demote = await api(server, admin.token, 'PATCH', `/v1/members/${ownerId}`, {
      role: 'agent',
    })
    expect(demote.body.error.code).toBe('forbidden')
    expect(
      (await api(server, admin.token, 'DELETE', `/v1/members/${ownerId}`)).body.error.code,
    ).toBe('forbidden')
    const inviteOwner = await api(server, admin.token, 'POST', '/v1/members/invitations', {
      email: 'boss@dealer.example',
      role: 'owner',
    })
    expect(inviteOwner.body.error.code).toBe('forbidden')
    // They can change agents and admins.
    const toAdmin = await api(server, admin.token, 'PATCH', `/v1/members/${agent.id}`, {
      role: 'admin',
    })
    expect(toAdmin.status).toBe(200)
    expect(toAdmin.body.role).toBe('admin')
    // The agent's token named the old role: refused as expired (so the portal refreshes, rather
    // than signing out), then the refreshed one has the new role.
    expect((await api(server, agent.token, 'GET', '/v1/me')).body.error.code).toBe('token_expired')
    const refreshed = await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: agent.cookie })
    expect(refreshed.body.account.role).toBe('admin')

    // The last owner stays one.
    const self = await api(server, owner.token, 'PATCH', `/v1/members/${ownerId}`, {
      role: 'admin',
    })
    expect(self.status).toBe(409)
    expect(self.body.error.code).toBe('conflict')
    expect(
      (await api(server, owner.token, 'DELETE', `/v1/members/${ownerId}`)).body.error.code,
    ).toBe('conflict')
    // With a second owner, the first may step down.
    expect(
      (await api(server, owner.token, 'PATCH', `/v1/members/${admin.id}`, { role: 'owner' }))
        .status,
    ).toBe(200)
    expect(
      (await api(server, owner.token, 'PATCH', `/v1/members/${ownerId}`, { role: 'admin' })).status,
    ).toBe(200)
  })

  it('removes a member: their sessions end at once', async () => {
    const owner = await signUp(server)
    const agent = await join(owner, 'agent')
    expect((await api(server, owner.token, 'DELETE', `/v1/members/${agent.id}`)).status).toBe(204)
    expect((await api(server, agent.token, 'GET', '/v1/me')).body.error.code).toBe('invalid_token')
    expect(
      (await portalCall(server, 'POST', '/v1/auth/refresh', { cookie: agent.cookie })).status,
    ).toBe(401)
    expect((await login(server, agent.email)).body.error.code).toBe('invalid_credentials')
    const audit = await api(server, owner.token, 'GET', '/v1/audit-log')
    expect(audit.body.entries[0]).toMatchObject({ action: 'member.removed', target: agent.id })
  })
})

describe('across dealerships', () => {
  it("finds none of another dealership's members, invitations, audit log or outbox", async () => {
    const a = await signUp(server, { dealershipName: 'A Motors' })
    const b = await signUp(server, { dealershipName: 'B Motors' })
    const bAgent = await join(b, 'agent')
    const bInvite = await api(server, b.token, 'POST', '/v1/members/invitations', {
      email: `pending-${crypto.randomUUID().slice(0, 8)}@dealer.example`,
      role: 'agent',
    })
    const bOwnerId = b.session.account.id

    const patch = await api(server, a.token, 'PATCH', `/v1/members/${bAgent.id}`, { role: 'admin' })
    expect(patch.status).toBe(404)
    expect(patch.body.error.code).toBe('not_found')
    expect((await api(server, a.token, 'DELETE', `/v1/members/${bOwnerId}`)).status).toBe(404)
    expect(
      (await api(server, a.token, 'DELETE', `/v1/members/invitations/${bInvite.body.id}`)).status,
    ).toBe(404)
    // Still there, untouched.
    const bMembers = await api(server, b.token, 'GET', '/v1/members')
    expect(bMembers.body.members).toHaveLength(2)
    expect(bMembers.body.invitations).toHaveLength(1)

    const aMembers = await api(server, a.token, 'GET', '/v1/members')
    expect(aMembers.body.members.map((m: { email: string }) => m.email)).toEqual([a.email])
    expect(aMembers.body.invitations).toEqual([])
    const aAudit = await api(server, a.token, 'GET', '/v1/audit-log')
    expect(JSON.stringify(aAudit.body)).not.toContain(b.email)
    expect(
      aAudit.body.entries.every((e: { actor: { email?: string } }) => e.actor.email === a.email),
    ).toBe(true)
    const aOutbox = await api(server, a.token, 'GET', '/v1/outbox')
    expect(aOutbox.body.messages).toEqual([])
    // Paging from another dealership's entry finds nothing of theirs either.
    const bAudit = await api(server, b.token, 'GET', '/v1/audit-log')
    const foreign = await api(
      server,
      a.token,
      'GET',
      `/v1/audit-log?before=${bAudit.body.entries[0].id}`,
    )
    expect(foreign.body.entries).toEqual([])
  })
})

describe('live view with an access token', () => {
  it("watches its own dealership's conversation, and not another's", async () => {
    const owner = await signUp(server)
    const me = await api(server, owner.token, 'GET', '/v1/me')
    const tenantId: string = me.body.tenantId
    const mine = await createPublishableKey(owner.token)
    const other = await createTenant(server)

    const visitor = await connectVisitor(visitorClient(server, { key: mine }))
    const ours = await ask(visitor, 'When do you open?')
    const stranger = await connectVisitor(visitorClient(server, { key: other.publishable.key }))
    const theirs = await ask(stranger, 'When do you open?')

    const staff = connect(server.url, {
      auth: { accessToken: owner.token },
      transports: ['websocket'],
      // A browser's Origin is fine for a member's socket.
      extraHeaders: { origin: server.url },
      forceNew: true,
      reconnection: false,
    })
    try {
      await new Promise<void>((resolve, reject) => {
        staff.once('connect', resolve)
        staff.once('connect_error', reject)
      })
      const watched = await staff.emitWithAck('staff:watch', {
        conversationId: ours.ack.conversationId,
      })
      expect(watched.error).toBeUndefined()
      expect(watched.messages.map((m: { text: string }) => m.text)).toContain('When do you open?')
      const refused = await staff.emitWithAck('staff:watch', {
        conversationId: theirs.ack.conversationId,
      })
      expect(refused.error.code).toBe('conversation_not_found')
      // A staff socket does nothing a visitor does.
      const send = await staff.emitWithAck('chat:send', {
        text: 'hi',
        clientMessageId: 'm_1234567',
      })
      expect(send.error.code).toBe('wrong_key_type')
      expect(tenantId).toBe(owner.session.account.tenantId)
    } finally {
      staff.close()
      visitor.close()
      stranger.close()
    }

    // The SDK's staff client takes the token too, asking for it at each connection.
    const client = createStaffClient({ accessToken: async () => owner.token, baseUrl: server.url })
    try {
      const watch = await client.watchConversation(ours.ack.conversationId, {})
      expect(watch.messages.length).toBeGreaterThan(0)
      await expect(client.watchConversation(theirs.ack.conversationId, {})).rejects.toMatchObject({
        code: 'conversation_not_found',
      })
    } finally {
      client.close()
    }

    // Once signed out, the socket watches nothing more.
    const signedOut = createStaffClient({ accessToken: owner.token, baseUrl: server.url })
    try {
      await signedOut.watchConversation(ours.ack.conversationId, {})
      await portalCall(server, 'POST', '/v1/auth/logout', { cookie: owner.cookie })
      await expect(signedOut.watchConversation(ours.ack.conversationId, {})).rejects.toMatchObject({
        code: 'invalid_token',
      })
    } finally {
      signedOut.close()
    }

    // A bad token is refused at the handshake.
    const bad = connect(server.url, {
      auth: { accessToken: 'not.a.token' },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    })
    const error = await new Promise<{ data?: { code: string } }>((resolve) =>
      bad.once('connect_error', resolve),
    )
    bad.close()
    expect(error.data?.code).toBe('invalid_token')
  })
})

async function createPublishableKey(token: string): Promise<string> {
  const res = await api(server, token, 'POST', '/v1/keys', {
    type: 'publishable',
    allowedOrigins: ['https://dealer.example'],
  })
  expect(res.status).toBe(201)
  return res.body.key
}
