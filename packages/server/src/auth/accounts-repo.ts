import type { Invitation, Member, MemberRole } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'

/** A member as stored, secrets included: never leaves the server as is (see {@link toMember}). */
export interface MemberRecord {
  id: string
  tenantId: string
  email: string
  name: string
  role: MemberRole
  passwordHash: string
  totpSecret: string | null
  totpPendingSecret: string | null
  totpEnabled: boolean
  totpLastStep: number | null
  createdAt: Date
  lastSignInAt: Date | null
}

interface MemberRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  email: string
  name: string
  role: MemberRole
  password_hash: string
  totp_secret: string | null
  totp_pending_secret: string | null
  totp_enabled: boolean
  totp_last_step: string | number | null
  created_at: Date
  last_sign_in_at: Date | null
}

const MEMBER_COLUMNS =
  'id, tenant_id, email, name, role, password_hash, totp_secret, totp_pending_secret, totp_enabled, totp_last_step, created_at, last_sign_in_at'

const toRecord = (r: MemberRow): MemberRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  name: r.name,
  role: r.role,
  passwordHash: r.password_hash,
  totpSecret: r.totp_secret,
  totpPendingSecret: r.totp_pending_secret,
  totpEnabled: r.totp_enabled,
  totpLastStep: r.totp_last_step === null ? null : Number(r.totp_last_step),
  createdAt: r.created_at,
  lastSignInAt: r.last_sign_in_at,
})

export const toMember = (m: MemberRecord): Member => ({
  id: m.id,
  email: m.email,
  name: m.name,
  role: m.role,
  totpEnabled: m.totpEnabled,
  createdAt: m.createdAt.toISOString(),
  lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
})

/** Cross-tenant by nature: the email is what tells us the dealership. */
export async function findMemberByEmail(
  db: Queryable,
  email: string,
): Promise<MemberRecord | null> {
  const [row] = await db.query<MemberRow>(
    `select ${MEMBER_COLUMNS} from members where lower(email) = lower($1)`,
    [email],
  )
  return row ? toRecord(row) : null
}

export async function findMember(
  db: Queryable,
  tenantId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<MemberRecord | null> {
  const [row] = await db.query<MemberRow>(
    `select ${MEMBER_COLUMNS} from members where tenant_id = $1 and id = $2${options.lock ? ' for update' : ''}`,
    [tenantId, id],
  )
  return row ? toRecord(row) : null
}

export async function listMembers(db: Queryable, tenantId: string): Promise<MemberRecord[]> {
  const rows = await db.query<MemberRow>(
    `select ${MEMBER_COLUMNS} from members where tenant_id = $1 order by created_at, id`,
    [tenantId],
  )
  return rows.map(toRecord)
}

export async function insertMember(
  db: Queryable,
  m: {
    id: string
    tenantId: string
    email: string
    name: string
    role: MemberRole
    passwordHash: string
  },
): Promise<MemberRecord> {
  const [row] = await db.query<MemberRow>(
    `insert into members (id, tenant_id, email, name, role, password_hash)
     values ($1, $2, $3, $4, $5, $6) returning ${MEMBER_COLUMNS}`,
    [m.id, m.tenantId, m.email, m.name, m.role, m.passwordHash],
  )
  return toRecord(row!)
}

/** The owners of a dealership, locked for this transaction (so two demotions cannot race). */
export async function lockOwners(db: Queryable, tenantId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from members where tenant_id = $1 and role = 'owner' order by id for update`,
    [tenantId],
  )
  return rows.map((r) => r.id)
}

export async function updateMember(
  db: Queryable,
  tenantId: string,
  id: string,
  changes: {
    role?: MemberRole
    passwordHash?: string
    lastSignInAt?: Date
    totpPendingSecret?: string | null
    totpSecret?: string | null
    totpEnabled?: boolean
    totpLastStep?: number | null
  },
): Promise<MemberRecord | null> {
  const columns: Record<keyof typeof changes, string> = {
    role: 'role',
    passwordHash: 'password_hash',
    lastSignInAt: 'last_sign_in_at',
    totpPendingSecret: 'totp_pending_secret',
    totpSecret: 'totp_secret',
    totpEnabled: 'totp_enabled',
    totpLastStep: 'totp_last_step',
  }
  const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as [
    keyof typeof changes,
    unknown,
  ][]
  const sets = entries.map(([k], i) => `${columns[k]} = $${i + 3}`).join(', ')
  const [row] = await db.query<MemberRow>(
    `update members set ${sets} where tenant_id = $1 and id = $2 returning ${MEMBER_COLUMNS}`,
    [tenantId, id, ...entries.map(([, v]) => v)],
  )
  return row ? toRecord(row) : null
}

/**
 * Records that a TOTP code of `step` was used; false when that step (or a later one) was used
 * already, so a code overheard or replayed is refused. Conditional, so two sign-ins with the same
 * code at once cannot both pass.
 */
export async function claimTotpStep(
  db: Queryable,
  tenantId: string,
  memberId: string,
  step: number,
): Promise<boolean> {
  const rows = await db.query(
    `update members set totp_last_step = $3
     where tenant_id = $1 and id = $2 and (totp_last_step is null or totp_last_step < $3)
     returning id`,
    [tenantId, memberId, step],
  )
  return rows.length > 0
}

export async function deleteMember(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  const rows = await db.query('delete from members where tenant_id = $1 and id = $2 returning id', [
    tenantId,
    id,
  ])
  return rows.length > 0
}

// Sessions (refresh token families)

export async function insertSession(
  db: Queryable,
  s: { id: string; tenantId: string; memberId: string },
): Promise<void> {
  await db.query('insert into auth_sessions (id, tenant_id, member_id) values ($1, $2, $3)', [
    s.id,
    s.tenantId,
    s.memberId,
  ])
}

/** Revokes a session and every refresh token of it. */
export async function revokeSession(db: Queryable, sessionId: string): Promise<void> {
  await db.query(
    'update auth_sessions set revoked_at = coalesce(revoked_at, now()) where id = $1',
    [sessionId],
  )
  await db.query(
    'update refresh_tokens set revoked_at = coalesce(revoked_at, now()) where family_id = $1',
    [sessionId],
  )
}

/** Revokes every session of a member, but `exceptSessionId` when given (the one changing it). */
export async function revokeMemberSessions(
  db: Queryable,
  memberId: string,
  exceptSessionId?: string,
): Promise<void> {
  const rows = await db.query<{ id: string }>(
    `update auth_sessions set revoked_at = now()
     where member_id = $1 and revoked_at is null and ($2::uuid is null or id <> $2) returning id`,
    [memberId, exceptSessionId ?? null],
  )
  if (rows.length === 0) return
  await db.query(
    `update refresh_tokens set revoked_at = coalesce(revoked_at, now()) where family_id = any($1::uuid[])`,
    [rows.map((r) => r.id)],
  )
}

/** Whether a session is live and its member's role now; null when either is gone. System role. */
export async function findSessionState(
  db: Queryable,
  sessionId: string,
  memberId: string,
): Promise<{ revoked: boolean; role: MemberRole } | null> {
  const [row] = await db.query<{ revoked_at: Date | null; role: MemberRole }>(
    `select s.revoked_at, m.role from auth_sessions s join members m on m.id = s.member_id
     where s.id = $1 and s.member_id = $2`,
    [sessionId, memberId],
  )
  return row ? { revoked: row.revoked_at !== null, role: row.role } : null
}

// Refresh tokens

export async function insertRefreshToken(
  db: Queryable,
  t: {
    id: string
    tenantId: string
    familyId: string
    memberId: string
    hash: Buffer
    expiresAt: Date
  },
): Promise<void> {
  await db.query(
    `insert into refresh_tokens (id, tenant_id, family_id, member_id, token_hash, expires_at)
     values ($1, $2, $3, $4, $5, $6)`,
    [t.id, t.tenantId, t.familyId, t.memberId, t.hash, t.expiresAt],
  )
}

export interface RefreshTokenRecord {
  id: string
  tenantId: string
  familyId: string
  memberId: string
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
}

interface RefreshRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  family_id: string
  member_id: string
  expires_at: Date
  used_at: Date | null
  revoked_at: Date | null
}

const toRefresh = (r: RefreshRow): RefreshTokenRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  familyId: r.family_id,
  memberId: r.member_id,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
  revokedAt: r.revoked_at,
})

const REFRESH_COLUMNS = 'id, tenant_id, family_id, member_id, expires_at, used_at, revoked_at'

/**
 * Marks a live refresh token used, atomically: of two requests presenting it at once, exactly one
 * gets the row back. System role (the token is what tells the tenant).
 */
export async function claimRefreshToken(
  db: Queryable,
  hash: Buffer,
  replacedBy: string,
): Promise<RefreshTokenRecord | null> {
  const [row] = await db.query<RefreshRow>(
    // The session too: a logout racing a refresh can leave a new token unrevoked in a revoked
    // session, which must not keep it alive.
    `update refresh_tokens t set used_at = now(), replaced_by = $2
     where token_hash = $1 and used_at is null and revoked_at is null and expires_at > now()
       and exists (select 1 from auth_sessions s where s.id = t.family_id and s.revoked_at is null)
     returning ${REFRESH_COLUMNS}`,
    [hash, replacedBy],
  )
  return row ? toRefresh(row) : null
}

export async function findRefreshToken(
  db: Queryable,
  hash: Buffer,
): Promise<RefreshTokenRecord | null> {
  const [row] = await db.query<RefreshRow>(
    `select ${REFRESH_COLUMNS} from refresh_tokens where token_hash = $1`,
    [hash],
  )
  return row ? toRefresh(row) : null
}

// Recovery codes

export async function replaceRecoveryCodes(
  db: Queryable,
  tenantId: string,
  memberId: string,
  codes: { id: string; hash: Buffer }[],
): Promise<void> {
  await db.query('delete from recovery_codes where member_id = $1', [memberId])
  for (const code of codes) {
    await db.query(
      'insert into recovery_codes (id, tenant_id, member_id, code_hash) values ($1, $2, $3, $4)',
      [code.id, tenantId, memberId, code.hash],
    )
  }
}

/** Spends a recovery code: true once per code, false for an unknown or spent one. */
export async function useRecoveryCode(
  db: Queryable,
  memberId: string,
  hash: Buffer,
): Promise<boolean> {
  const rows = await db.query(
    `update recovery_codes set used_at = now()
     where id = (select id from recovery_codes
                 where member_id = $1 and code_hash = $2 and used_at is null limit 1 for update)
       and used_at is null
     returning id`,
    [memberId, hash],
  )
  return rows.length > 0
}

export async function deleteRecoveryCodes(db: Queryable, memberId: string): Promise<void> {
  await db.query('delete from recovery_codes where member_id = $1', [memberId])
}

// Invitations

interface InvitationRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  email: string
  role: MemberRole
  invited_by: string | null
  created_at: Date
  expires_at: Date
  accepted_at: Date | null
  revoked_at: Date | null
}

export interface InvitationRecord extends Invitation {
  tenantId: string
}

const INVITATION_COLUMNS =
  'i.id, i.tenant_id, i.email, i.role, i.invited_by, i.created_at, i.expires_at, i.accepted_at, i.revoked_at'

const toInvitation = (r: InvitationRow & { inviter_email?: string | null }): InvitationRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  role: r.role,
  createdAt: r.created_at.toISOString(),
  expiresAt: r.expires_at.toISOString(),
  invitedBy: r.inviter_email ?? null,
})

export const toInvitationSummary = ({ tenantId: _, ...invitation }: InvitationRecord): Invitation =>
  invitation

export async function insertInvitation(
  db: Queryable,
  i: {
    id: string
    tenantId: string
    email: string
    role: MemberRole
    hash: Buffer
    invitedBy: string | null
    expiresAt: Date
  },
): Promise<InvitationRecord> {
  // An invitation sent again replaces the one before: only the newest link works.
  await db.query(
    `update invitations set revoked_at = now()
     where tenant_id = $1 and lower(email) = lower($2) and accepted_at is null and revoked_at is null`,
    [i.tenantId, i.email],
  )
  await db.query(
    `insert into invitations (id, tenant_id, email, role, token_hash, invited_by, expires_at)
     values ($1, $2, $3, $4, $5, $6, $7)`,
    [i.id, i.tenantId, i.email, i.role, i.hash, i.invitedBy, i.expiresAt],
  )
  return (await findInvitation(db, i.tenantId, i.id))!
}

export async function findInvitation(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<InvitationRecord | null> {
  const [row] = await db.query<InvitationRow & { inviter_email: string | null }>(
    `select ${INVITATION_COLUMNS}, m.email as inviter_email
     from invitations i left join members m on m.id = i.invited_by
     where i.tenant_id = $1 and i.id = $2 and i.accepted_at is null and i.revoked_at is null`,
    [tenantId, id],
  )
  return row ? toInvitation(row) : null
}

/** Invitations neither accepted, revoked nor expired. */
export async function listPendingInvitations(
  db: Queryable,
  tenantId: string,
): Promise<InvitationRecord[]> {
  const rows = await db.query<InvitationRow & { inviter_email: string | null }>(
    `select ${INVITATION_COLUMNS}, m.email as inviter_email
     from invitations i left join members m on m.id = i.invited_by
     where i.tenant_id = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()
     order by i.created_at, i.id`,
    [tenantId],
  )
  return rows.map(toInvitation)
}

export async function revokeInvitation(db: Queryable, tenantId: string, id: string): Promise<void> {
  await db.query('update invitations set revoked_at = now() where tenant_id = $1 and id = $2', [
    tenantId,
    id,
  ])
}

/** A usable invitation by its link's token, with its dealership's name. System role. */
export async function findInvitationByHash(
  db: Queryable,
  hash: Buffer,
): Promise<(InvitationRecord & { dealershipName: string }) | null> {
  const [row] = await db.query<InvitationRow & { dealership_name: string }>(
    `select ${INVITATION_COLUMNS}, t.name as dealership_name
     from invitations i join tenants t on t.id = i.tenant_id
     where i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now()`,
    [hash],
  )
  return row ? { ...toInvitation(row), dealershipName: row.dealership_name } : null
}

/** Takes an invitation for acceptance, atomically: one acceptance per link. System role. */
export async function claimInvitation(
  db: Queryable,
  hash: Buffer,
): Promise<InvitationRecord | null> {
  const [row] = await db.query<InvitationRow>(
    `update invitations i set accepted_at = now()
     where token_hash = $1 and accepted_at is null and revoked_at is null and expires_at > now()
     returning ${INVITATION_COLUMNS}`,
    [hash],
  )
  return row ? toInvitation(row) : null
}

// Password resets

export async function insertPasswordReset(
  db: Queryable,
  r: { id: string; tenantId: string; memberId: string; hash: Buffer; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into password_resets (id, tenant_id, member_id, token_hash, expires_at)
     values ($1, $2, $3, $4, $5)`,
    [r.id, r.tenantId, r.memberId, r.hash, r.expiresAt],
  )
}

/** Spends a reset link, atomically: one use per link. System role. */
export async function claimPasswordReset(
  db: Queryable,
  hash: Buffer,
): Promise<{ tenantId: string; memberId: string } | null> {
  const [row] = await db.query<{ tenant_id: string; member_id: string }>(
    `update password_resets set used_at = now()
     where token_hash = $1 and used_at is null and expires_at > now()
     returning tenant_id, member_id`,
    [hash],
  )
  return row ? { tenantId: row.tenant_id, memberId: row.member_id } : null
}

/** Spends every unused reset link of a member: their password was just reset or changed. */
export async function spendPasswordResets(db: Queryable, memberId: string): Promise<void> {
  await db.query(
    'update password_resets set used_at = now() where member_id = $1 and used_at is null',
    [memberId],
  )
}

/** Whether a reset link is usable (unused, unexpired), without spending it. System role. */
export async function findPasswordReset(db: Queryable, hash: Buffer): Promise<boolean> {
  const rows = await db.query(
    'select 1 from password_resets where token_hash = $1 and used_at is null and expires_at > now()',
    [hash],
  )
  return rows.length > 0
}
