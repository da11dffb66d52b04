import type { MemberRole } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'
import type { Principal } from './principal.ts'
import { hashToken } from './tokens.ts'

const INVITATION_LINK = /(\/portal\/accept-invite\?token=)([^\s&]+)/g

/**
 * Whoever could have sent an invitation may see its link: a member with `members`, and an owner
 * for an owner's invitation. Anyone else reading the outbox (`settings`: admins, secret keys)
 * could accept the link themselves, and so become an owner, or a member though only a key.
 */
function maySee(principal: Principal, role: MemberRole | undefined): boolean {
  if (principal.type !== 'member' || !principal.permissions.has('members')) return false
  return role !== undefined && (role !== 'owner' || principal.role === 'owner')
}

/**
 * The hash a link's token is stored under; null for text no link of ours carries (a visitor can
 * put `%zz` in a lead's message, which reaches the outbox, and decoding it would throw).
 */
function linkHash(token: string): string | null {
  try {
    return hashToken(decodeURIComponent(token)).toString('hex')
  } catch {
    return null
  }
}

/** The outbox texts with the invitation links the principal may not use hidden. */
export async function hideInvitationLinks(
  tx: Queryable,
  tenantId: string,
  principal: Principal,
  texts: string[],
): Promise<string[]> {
  const tokens = texts.flatMap((text) => [...text.matchAll(INVITATION_LINK)].map((m) => m[2]!))
  if (tokens.length === 0) return texts
  const hashes = tokens.map(linkHash).filter((hash) => hash !== null)
  const rows = await tx.query<{ hash: string; role: MemberRole }>(
    `select encode(token_hash, 'hex') as hash, role from invitations
     where tenant_id = $1 and encode(token_hash, 'hex') = any($2::text[])`,
    [tenantId, hashes],
  )
  const roles = new Map(rows.map((r) => [r.hash, r.role]))
  return texts.map((text) =>
    text.replace(INVITATION_LINK, (link, path: string, token: string) => {
      const hash = linkHash(token)
      return hash !== null && maySee(principal, roles.get(hash))
        ? link
        : `${path}(hidden: ask an owner for this link)`
    }),
  )
}
