import type {
  Account,
  AuditAction,
  AuthSession,
  InvitationPreview,
  MemberRole,
  TotpSetup,
} from '@avataradam/sdk/protocol'
import { ROLE_PERMISSIONS } from '@avataradam/sdk/protocol'
import { recordAudit } from '../audit/audit-log.ts'
import type { Db, Queryable } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import type { MailMessage } from '../providers/mail/index.ts'
import type { SecretBox } from '../secrets/secret-box.ts'
import { findTenant, insertTenant } from '../tenants/tenants-repo.ts'
import type { AccessTokens } from './access-tokens.ts'
import {
  claimInvitation,
  claimPasswordReset,
  claimRefreshToken,
  claimTotpStep,
  deleteRecoveryCodes,
  findInvitationByHash,
  findMember,
  findMemberByEmail,
  findPasswordReset,
  findRefreshToken,
  insertMember,
  insertPasswordReset,
  insertRefreshToken,
  insertSession,
  type MemberRecord,
  replaceRecoveryCodes,
  revokeMemberSessions,
  revokeSession,
  spendPasswordResets,
  updateMember,
  useRecoveryCode,
} from './accounts-repo.ts'
import { checkPasswordStrength, hashPassword, verifyPassword } from './passwords.ts'
import type { Principal } from './principal.ts'
import { hashToken, newOpaqueToken } from './tokens.ts'
import {
  newRecoveryCodes,
  newTotpSecret,
  normalizeRecoveryCode,
  totpSecretStore,
  totpStep,
} from './totp.ts'

export const REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600
const RESET_TTL_MS = 3600_000

/** A session handed to the client: the JSON body, and the refresh token for the cookie. */
export interface IssuedSession {
  session: AuthSession
  refreshToken: string
}

type Member = Extract<Principal, { type: 'member' }>

export interface AuthServiceDeps {
  db: Db
  accessTokens: AccessTokens
  mail: { send(message: MailMessage): Promise<unknown> }
  /** Seals TOTP secrets when AVATARADAM_SECRET_KEYS is set. */
  box?: SecretBox | undefined
  limits: {
    /** Sign-in attempts per account (email) and per client address; successes are given back. */
    account: RateLimiter
    ip: RateLimiter
    /** Sign-ups, reset requests and confirmations, invitation acceptances: `<action>:<address>`. */
    requests: RateLimiter
    /** Reset emails per address they go to. */
    resetMail: RateLimiter
  }
  log: Logger
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === '23505'

/**
 * Portal accounts: sign-up, sign-in (password, then TOTP when on), rotating refresh tokens whose
 * reuse revokes the family, password reset and change, two-factor, and accepting invitations.
 * Every change is audited in the transaction that makes it.
 */
export function createAuthService(deps: AuthServiceDeps) {
  const { db, accessTokens, limits } = deps
  const totpSecrets = totpSecretStore(deps.box)

  const actorOf = (m: MemberRecord) => ({ type: 'member', id: m.id, email: m.email }) as const

  async function audit(
    tx: Queryable,
    member: MemberRecord,
    action: AuditAction,
    ip: string | null,
    details?: Record<string, unknown>,
  ) {
    await recordAudit(tx, {
      tenantId: member.tenantId,
      action,
      actor: actorOf(member),
      target: member.id,
      ip,
      details,
    })
  }

  /** A new session (refresh token family) and its first refresh token, in `tx`. */
  async function startSession(tx: Queryable, member: MemberRecord) {
    const sessionId = newId()
    await insertSession(tx, { id: sessionId, tenantId: member.tenantId, memberId: member.id })
    const refreshToken = newOpaqueToken()
    await insertRefreshToken(tx, {
      id: newId(),
      tenantId: member.tenantId,
      familyId: sessionId,
      memberId: member.id,
      hash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
    })
    return { sessionId, refreshToken }
  }

  async function account(member: MemberRecord, dealershipName?: string): Promise<Account> {
    const name =
      dealershipName ??
      (await db.tenant(member.tenantId, (tx) => findTenant(tx, member.tenantId)))?.name ??
      ''
    return {
      id: member.id,
      email: member.email,
      name: member.name,
      role: member.role,
      tenantId: member.tenantId,
      dealershipName: name,
      totpEnabled: member.totpEnabled,
      permissions: [...ROLE_PERMISSIONS[member.role]],
    }
  }

  async function issue(
    member: MemberRecord,
    started: { sessionId: string; refreshToken: string },
    dealershipName?: string,
  ): Promise<IssuedSession> {
    const { token, expiresAt } = await accessTokens.issue({
      memberId: member.id,
      tenantId: member.tenantId,
      role: member.role,
      email: member.email,
      sessionId: started.sessionId,
    })
    return {
      refreshToken: started.refreshToken,
      session: {
        accessToken: token,
        accessTokenExpiresAt: expiresAt.toISOString(),
        account: await account(member, dealershipName),
      },
    }
  }

  /** Refuses a TOTP code unless it is right and its step was not used before. */
  async function checkTotp(tx: Queryable, member: MemberRecord, secret: string, code: string) {
    const step = totpStep(secret, code.trim())
    if (step === null || !(await claimTotpStep(tx, member.tenantId, member.id, step))) {
      throw new AppError('invalid_totp', 'That code is wrong or was used already.')
    }
  }

  /** Counts an unauthenticated request that hashes a password or sends mail, per address. */
  const countRequest = (action: string, ip: string | null) =>
    limits.requests.consume(`${action}:${ip ?? 'unknown'}`)

  async function memberOf(principal: Member): Promise<MemberRecord> {
    const member = await db.tenant(principal.tenantId, (tx) =>
      findMember(tx, principal.tenantId, principal.memberId),
    )
    if (!member) throw new AppError('invalid_token', 'This account no longer exists.')
    return member
  }

  return {
    account,

    async signUp(
      input: { dealershipName: string; name: string; email: string; password: string },
      ip: string | null,
    ): Promise<IssuedSession> {
      await countRequest('signup', ip)
      checkPasswordStrength(input.password)
      const passwordHash = await hashPassword(input.password)
      try {
        // The system role: the dealership does not exist until this transaction makes it.
        const { member, started } = await db.transaction(async (tx) => {
          if (await findMemberByEmail(tx, input.email)) throw emailTaken()
          const tenant = await insertTenant(tx, input.dealershipName)
          const member = await insertMember(tx, {
            id: newId(),
            tenantId: tenant.id,
            email: input.email,
            name: input.name,
            role: 'owner',
            passwordHash,
          })
          const started = await startSession(tx, member)
          await audit(tx, member, 'auth.signed_up', ip)
          return { member, started }
        })
        return issue(member, started, input.dealershipName)
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken()
        throw err
      }
    },

    async login(
      input: {
        email: string
        password: string
        totp?: string | undefined
        recoveryCode?: string | undefined
      },
      ip: string,
    ): Promise<IssuedSession> {
      const accountKey = input.email.toLowerCase()
      // Counted before the (slow) password check, atomically: counting only failures, after it,
      // let any number of attempts made at once through before the first failure was counted.
      await limits.ip.consume(ip)
      await limits.account.consume(accountKey)
      const member = await findMemberByEmail(db, input.email)
      // Unknown emails are counted too: a throttle that only accounts get would tell them apart.
      const fail = async (code: 'invalid_credentials' | 'invalid_totp', message: string) => {
        if (member) {
          await db.tenant(member.tenantId, (tx) =>
            audit(tx, member, 'auth.sign_in_failed', ip, {
              reason: code === 'invalid_totp' ? 'totp' : 'password',
            }),
          )
        }
        return new AppError(code, message)
      }
      if (!(await verifyPassword(member?.passwordHash ?? null, input.password)) || !member) {
        throw await fail('invalid_credentials', 'The email or password is wrong.')
      }
      const started = await db.tenant(member.tenantId, async (tx) => {
        if (member.totpEnabled) {
          if (input.recoveryCode) {
            const used = await useRecoveryCode(
              tx,
              member.id,
              hashToken(normalizeRecoveryCode(input.recoveryCode)),
            )
            if (!used) return 'invalid_totp' as const
            await audit(tx, member, 'auth.recovery_code_used', ip)
          } else if (input.totp) {
            const secret = totpSecrets.open(member.totpSecret!, member.id)
            const step = totpStep(secret, input.totp.trim())
            if (step === null || !(await claimTotpStep(tx, member.tenantId, member.id, step))) {
              return 'invalid_totp' as const
            }
          } else {
            throw new AppError(
              'totp_required',
              'Enter the 6-digit code from your authenticator app (or a recovery code).',
            )
          }
        }
        await updateMember(tx, member.tenantId, member.id, { lastSignInAt: new Date() })
        const started = await startSession(tx, member)
        await audit(tx, member, 'auth.signed_in', ip)
        return started
      })
      if (started === 'invalid_totp') {
        throw await fail('invalid_totp', 'That code is wrong or was used already.')
      }
      // Only failures count in the end: the account starts afresh, and the address gets its
      // attempt back (not a reset, which an attacker's own account could use to clear it).
      await limits.account.reset(accountKey)
      await limits.ip.refund(ip)
      return issue({ ...member, lastSignInAt: new Date() }, started)
    },

    /**
     * Rotates a refresh token: the presented one is spent and a new one issued in the same family.
     * A token presented again after its rotation was stolen (or the client is confused): the whole
     * family is revoked, so whoever holds the newer token is signed out too.
     */
    async refresh(refreshToken: string, ip: string | null): Promise<IssuedSession> {
      const hash = hashToken(refreshToken)
      const nextId = newId()
      const next = newOpaqueToken()
      const outcome = await db.transaction(async (tx) => {
        const claimed = await claimRefreshToken(tx, hash, nextId)
        if (!claimed) {
          const found = await findRefreshToken(tx, hash)
          if (!found?.usedAt || found.revokedAt) return { kind: 'invalid' as const }
          await revokeSession(tx, found.familyId)
          const member = await findMember(tx, found.tenantId, found.memberId)
          if (member) {
            await audit(tx, member, 'auth.refresh_reused', ip, { sessionId: found.familyId })
          }
          return { kind: 'reused' as const }
        }
        const member = await findMember(tx, claimed.tenantId, claimed.memberId)
        if (!member) return { kind: 'invalid' as const }
        await insertRefreshToken(tx, {
          id: nextId,
          tenantId: claimed.tenantId,
          familyId: claimed.familyId,
          memberId: claimed.memberId,
          hash: hashToken(next),
          expiresAt: new Date(Date.now() + REFRESH_TOKEN_TTL_SECONDS * 1000),
        })
        return { kind: 'rotated' as const, member, sessionId: claimed.familyId }
      })
      if (outcome.kind === 'reused') {
        accessTokens.forget()
        throw new AppError(
          'refresh_reused',
          'This session was refreshed elsewhere with the same token; every session of it has been signed out. Sign in again.',
        )
      }
      if (outcome.kind === 'invalid') {
        throw new AppError('invalid_token', 'The session has ended; sign in again.')
      }
      return issue(outcome.member, { sessionId: outcome.sessionId, refreshToken: next })
    },

    /** Ends the session the refresh token belongs to. Quietly does nothing for an unknown one. */
    async logout(refreshToken: string, ip: string | null): Promise<void> {
      const found = await findRefreshToken(db, hashToken(refreshToken))
      if (!found) return
      await db.tenant(found.tenantId, async (tx) => {
        await revokeSession(tx, found.familyId)
        const member = await findMember(tx, found.tenantId, found.memberId)
        if (member) await audit(tx, member, 'auth.signed_out', ip)
      })
      accessTokens.forget()
    },

    /** Emails a reset link when the address has an account; says nothing either way. */
    async requestPasswordReset(email: string, origin: string, ip: string | null): Promise<void> {
      await countRequest('password-reset', ip)
      // A few emails per address an hour, account or not; beyond, the answer is the same and
      // nothing is sent, so nobody can fill a member's mailbox with links.
      try {
        await limits.resetMail.consume(email.toLowerCase())
      } catch (err) {
        if (AppError.isInstance(err) && err.code === 'rate_limited') return
        throw err
      }
      const member = await findMemberByEmail(db, email)
      if (!member) return
      const token = newOpaqueToken()
      await db.tenant(member.tenantId, async (tx) => {
        await insertPasswordReset(tx, {
          id: newId(),
          tenantId: member.tenantId,
          memberId: member.id,
          hash: hashToken(token),
          expiresAt: new Date(Date.now() + RESET_TTL_MS),
        })
        await audit(tx, member, 'auth.password_reset_requested', ip)
      })
      const link = `${origin}/portal/reset-password?token=${encodeURIComponent(token)}`
      // Not in the dealership's outbox: whoever can read that (an admin) must not be able to
      // take over another member's account with the link.
      await deps.mail.send({
        to: member.email,
        subject: 'Reset your AvatarAdam password',
        text: `Someone (hopefully you) asked to reset the password of your AvatarAdam account.\n\nChoose a new password here (the link works once, for one hour):\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.`,
      })
    },

    async confirmPasswordReset(token: string, password: string, ip: string | null): Promise<void> {
      await countRequest('password-reset-confirm', ip)
      checkPasswordStrength(password)
      // A cheap look first: a made-up token must not cost an argon2 hash.
      if (!(await findPasswordReset(db, hashToken(token)))) throw resetInvalid()
      const passwordHash = await hashPassword(password)
      const member = await db.transaction(async (tx) => {
        const reset = await claimPasswordReset(tx, hashToken(token))
        if (!reset) return null
        const member = await updateMember(tx, reset.tenantId, reset.memberId, { passwordHash })
        if (!member) return null
        await revokeMemberSessions(tx, member.id)
        // Other links sent before stop working too: the password they were for is gone.
        await spendPasswordResets(tx, member.id)
        await audit(tx, member, 'auth.password_reset', ip)
        return member
      })
      if (!member) throw resetInvalid()
      accessTokens.forget()
      await limits.account.reset(member.email.toLowerCase())
    },

    async previewInvitation(token: string): Promise<InvitationPreview> {
      const invitation = await findInvitationByHash(db, hashToken(token))
      if (!invitation) throw invitationInvalid()
      return {
        email: invitation.email,
        dealershipName: invitation.dealershipName,
        role: invitation.role,
        expiresAt: invitation.expiresAt,
      }
    },

    async acceptInvitation(
      input: { token: string; name: string; password: string },
      ip: string | null,
    ): Promise<IssuedSession> {
      await countRequest('invitation-accept', ip)
      checkPasswordStrength(input.password)
      // A cheap look first: a made-up token must not cost an argon2 hash.
      if (!(await findInvitationByHash(db, hashToken(input.token)))) throw invitationInvalid()
      const passwordHash = await hashPassword(input.password)
      try {
        const { member, started } = await db.transaction(async (tx) => {
          const invitation = await claimInvitation(tx, hashToken(input.token))
          if (!invitation) throw invitationInvalid()
          if (await findMemberByEmail(tx, invitation.email)) throw emailTaken()
          const member = await insertMember(tx, {
            id: newId(),
            tenantId: invitation.tenantId,
            email: invitation.email,
            name: input.name,
            role: invitation.role,
            passwordHash,
          })
          const started = await startSession(tx, member)
          await audit(tx, member, 'member.joined', ip, { role: member.role })
          return { member, started }
        })
        return issue(member, started)
      } catch (err) {
        if (isUniqueViolation(err)) throw emailTaken()
        throw err
      }
    },

    async me(principal: Member): Promise<Account> {
      return account(await memberOf(principal))
    },

    /** Changes the password and signs out every other session. */
    async changePassword(
      principal: Member,
      input: { currentPassword: string; newPassword: string },
      ip: string | null,
    ): Promise<void> {
      const member = await memberOf(principal)
      if (!(await verifyPassword(member.passwordHash, input.currentPassword))) {
        throw new AppError('invalid_credentials', 'The current password is wrong.')
      }
      checkPasswordStrength(input.newPassword)
      const passwordHash = await hashPassword(input.newPassword)
      await db.tenant(member.tenantId, async (tx) => {
        await updateMember(tx, member.tenantId, member.id, { passwordHash })
        await revokeMemberSessions(tx, member.id, principal.sessionId)
        await spendPasswordResets(tx, member.id)
        await audit(tx, member, 'auth.password_changed', ip)
      })
      accessTokens.forget()
    },

    /** A new secret to scan; two-factor is on once a code from it is confirmed. */
    async setupTotp(principal: Member): Promise<TotpSetup> {
      const member = await memberOf(principal)
      if (member.totpEnabled) {
        throw new AppError('conflict', 'Two-factor sign-in is on already; turn it off first.')
      }
      const setup = newTotpSecret(member.email)
      await db.tenant(member.tenantId, (tx) =>
        updateMember(tx, member.tenantId, member.id, {
          totpPendingSecret: totpSecrets.seal(setup.secret, member.id),
        }),
      )
      return setup
    },

    /** Needs the password too: a stolen access token alone must not lock the owner out. */
    async confirmTotp(
      principal: Member,
      input: { code: string; password: string },
      ip: string | null,
    ): Promise<string[]> {
      const member = await memberOf(principal)
      if (member.totpEnabled) {
        throw new AppError('conflict', 'Two-factor sign-in is on already.')
      }
      if (!member.totpPendingSecret) {
        throw new AppError('conflict', 'Start with POST /v1/me/totp/setup.')
      }
      // Counted as a sign-in attempt, so the token's holder cannot guess the password here.
      const accountKey = member.email.toLowerCase()
      await limits.account.consume(accountKey)
      if (!(await verifyPassword(member.passwordHash, input.password))) {
        throw new AppError('invalid_credentials', 'The password is wrong.')
      }
      await limits.account.refund(accountKey)
      const code = input.code
      const secret = totpSecrets.open(member.totpPendingSecret, member.id)
      const codes = newRecoveryCodes()
      await db.tenant(member.tenantId, async (tx) => {
        await checkTotp(tx, member, secret, code)
        await updateMember(tx, member.tenantId, member.id, {
          totpSecret: member.totpPendingSecret,
          totpPendingSecret: null,
          totpEnabled: true,
        })
        await replaceRecoveryCodes(
          tx,
          member.tenantId,
          member.id,
          codes.map((c) => ({ id: newId(), hash: hashToken(normalizeRecoveryCode(c)) })),
        )
        await audit(tx, member, 'auth.totp_enabled', ip)
      })
      return codes
    },

    async disableTotp(
      principal: Member,
      input: { password: string; code: string },
      ip: string | null,
    ): Promise<void> {
      const member = await memberOf(principal)
      if (!member.totpEnabled || !member.totpSecret) {
        throw new AppError('conflict', 'Two-factor sign-in is off.')
      }
      if (!(await verifyPassword(member.passwordHash, input.password))) {
        throw new AppError('invalid_credentials', 'The password is wrong.')
      }
      const secret = totpSecrets.open(member.totpSecret, member.id)
      await db.tenant(member.tenantId, async (tx) => {
        await checkTotp(tx, member, secret, input.code)
        await updateMember(tx, member.tenantId, member.id, {
          totpSecret: null,
          totpPendingSecret: null,
          totpEnabled: false,
        })
        await deleteRecoveryCodes(tx, member.id)
        await audit(tx, member, 'auth.totp_disabled', ip)
      })
    },

    /**
     * For the demo: a member with a known password, created once; with `resetPassword`, an
     * existing one gets that password again (DEMO_OWNER_PASSWORD changed).
     */
    async ensureMember(input: {
      tenantId: string
      email: string
      name: string
      role: MemberRole
      password: string
      resetPassword: boolean
    }): Promise<{ created: boolean }> {
      const { resetPassword, password, ...fields } = input
      const existing = await findMemberByEmail(db, input.email)
      if (existing) {
        if (resetPassword && !(await verifyPassword(existing.passwordHash, password))) {
          const passwordHash = await hashPassword(password)
          await db.tenant(existing.tenantId, (tx) =>
            updateMember(tx, existing.tenantId, existing.id, { passwordHash }),
          )
        }
        return { created: false }
      }
      const passwordHash = await hashPassword(password)
      await db.tenant(input.tenantId, async (tx) => {
        const member = await insertMember(tx, { id: newId(), ...fields, passwordHash })
        await recordAudit(tx, {
          tenantId: input.tenantId,
          action: 'member.joined',
          actor: { type: 'system' },
          target: member.id,
          details: { role: member.role, demo: true },
        })
      })
      return { created: true }
    },
  }
}

const emailTaken = () =>
  new AppError('email_taken', 'An account with this email exists already; sign in instead.')

const resetInvalid = () =>
  new AppError('invalid_token', 'This reset link is invalid, used or expired; ask for a new one.')

const invitationInvalid = () =>
  new AppError(
    'invitation_invalid',
    'This invitation is invalid, used, revoked or expired; ask for a new one.',
  )

export type AuthService = ReturnType<typeof createAuthService>
