import type { Invitation, Member, MemberList, MemberRole } from '@avataradam/sdk/protocol'
import { recordAudit } from '../audit/audit-log.ts'
import type { Db, Queryable } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { MailMessage } from '../providers/mail/index.ts'
import { findTenant } from '../tenants/tenants-repo.ts'
import type { AccessTokens } from './access-tokens.ts'
import {
  deleteMember,
  findInvitation,
  findMember,
  insertInvitation,
  listMembers,
  listPendingInvitations,
  lockOwners,
  type MemberRecord,
  revokeInvitation,
  revokeMemberSessions,
  toInvitationSummary,
  toMember,
  updateMember,
} from './accounts-repo.ts'
import { auditActor, type Principal } from './principal.ts'
import { hashToken, newOpaqueToken } from './tokens.ts'

const INVITATION_TTL_MS = 7 * 24 * 3600_000

type Member_ = Extract<Principal, { type: 'member' }>

const notFound = () => new AppError('not_found', 'No such member in this dealership.')

/** Only owners make, unmake, or remove owners. */
function checkOwnerRights(actor: Member_, touchesOwner: boolean) {
  if (touchesOwner && actor.role !== 'owner') {
    throw new AppError('forbidden', 'Only an owner can make, change or remove an owner.')
  }
}

/**
 * A dealership's team: members and pending invitations. Every query runs scoped to the
 * signed-in member's dealership, so another dealership's ids are simply not found.
 */
export function createMembersService(deps: {
  db: Db
  accessTokens: AccessTokens
  mail: { send(message: MailMessage): Promise<unknown> }
}) {
  const { db } = deps

  /** Refuses leaving a dealership without an owner. Call with the owners locked. */
  async function keepAnOwner(tx: Queryable, tenantId: string, target: MemberRecord) {
    if (target.role !== 'owner') return
    const owners = await lockOwners(tx, tenantId)
    if (owners.filter((id) => id !== target.id).length === 0) {
      throw new AppError(
        'conflict',
        'A dealership needs an owner: make someone else an owner first.',
      )
    }
  }

  return {
    async list(tenantId: string): Promise<MemberList> {
      return db.tenant(tenantId, async (tx) => ({
        members: (await listMembers(tx, tenantId)).map(toMember),
        invitations: (await listPendingInvitations(tx, tenantId)).map(toInvitationSummary),
      }))
    },

    async invite(
      actor: Member_,
      input: { email: string; role: MemberRole },
      origin: string,
      ip: string | null,
    ): Promise<Invitation> {
      checkOwnerRights(actor, input.role === 'owner')
      const token = newOpaqueToken()
      const { invitation, dealershipName } = await db.tenant(actor.tenantId, async (tx) => {
        const existing = await tx.query(
          'select 1 from members where tenant_id = $1 and lower(email) = lower($2)',
          [actor.tenantId, input.email],
        )
        if (existing.length > 0) {
          throw new AppError('conflict', 'This person is a member of the dealership already.')
        }
        // A new invitation replaces the pending one: replacing an owner's is revoking it, which
        // only an owner may do.
        const pendingOwner = await tx.query(
          `select 1 from invitations where tenant_id = $1 and lower(email) = lower($2)
           and role = 'owner' and accepted_at is null and revoked_at is null and expires_at > now()`,
          [actor.tenantId, input.email],
        )
        checkOwnerRights(actor, pendingOwner.length > 0)
        const invitation = await insertInvitation(tx, {
          id: newId(),
          tenantId: actor.tenantId,
          email: input.email,
          role: input.role,
          hash: hashToken(token),
          invitedBy: actor.memberId,
          expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        })
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          action: 'member.invited',
          actor: auditActor(actor),
          target: invitation.id,
          ip,
          details: { email: input.email, role: input.role },
        })
        const dealershipName = (await findTenant(tx, actor.tenantId))?.name ?? 'a dealership'
        return { invitation, dealershipName }
      })
      const link = `${origin}/portal/accept-invite?token=${encodeURIComponent(token)}`
      await deps.mail.send({
        tenantId: actor.tenantId,
        to: input.email,
        subject: `You are invited to ${dealershipName} on AvatarAdam`,
        text: `${actor.email} invited you to join ${dealershipName} on AvatarAdam as ${input.role === 'agent' ? 'an agent' : `an ${input.role}`}.\n\nAccept the invitation and choose your password here (the link works once, for 7 days):\n${link}`,
      })
      return toInvitationSummary(invitation)
    },

    async revokeInvitation(actor: Member_, id: string, ip: string | null): Promise<void> {
      await db.tenant(actor.tenantId, async (tx) => {
        const invitation = await findInvitation(tx, actor.tenantId, id)
        if (!invitation) throw new AppError('not_found', 'No such pending invitation.')
        checkOwnerRights(actor, invitation.role === 'owner')
        await revokeInvitation(tx, actor.tenantId, id)
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          action: 'member.invitation_revoked',
          actor: auditActor(actor),
          target: id,
          ip,
          details: { email: invitation.email, role: invitation.role },
        })
      })
    },

    async changeRole(
      actor: Member_,
      id: string,
      role: MemberRole,
      ip: string | null,
    ): Promise<Member> {
      const updated = await db.tenant(actor.tenantId, async (tx) => {
        const target = await findMember(tx, actor.tenantId, id, { lock: true })
        if (!target) throw notFound()
        checkOwnerRights(actor, target.role === 'owner' || role === 'owner')
        if (target.role === role) return target
        if (role !== 'owner') await keepAnOwner(tx, actor.tenantId, target)
        const updated = (await updateMember(tx, actor.tenantId, id, { role }))!
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          action: 'member.role_changed',
          actor: auditActor(actor),
          target: id,
          ip,
          details: { email: target.email, from: target.role, to: role },
        })
        return updated
      })
      // Their access tokens name the old role: refused from now on, until they refresh.
      deps.accessTokens.forget()
      return toMember(updated)
    },

    async remove(actor: Member_, id: string, ip: string | null): Promise<void> {
      await db.tenant(actor.tenantId, async (tx) => {
        const target = await findMember(tx, actor.tenantId, id, { lock: true })
        if (!target) throw notFound()
        checkOwnerRights(actor, target.role === 'owner')
        await keepAnOwner(tx, actor.tenantId, target)
        await revokeMemberSessions(tx, id)
        await deleteMember(tx, actor.tenantId, id)
        await recordAudit(tx, {
          tenantId: actor.tenantId,
          action: 'member.removed',
          actor: auditActor(actor),
          target: id,
          ip,
          details: { email: target.email, role: target.role },
        })
      })
      deps.accessTokens.forget()
    },
  }
}

export type MembersService = ReturnType<typeof createMembersService>
