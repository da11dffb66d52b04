import type {
  AcceptInvitationRequest,
  Account,
  AuditEntry,
  AuditLog,
  AuthSession,
  ChangePasswordRequest,
  Invitation,
  InvitationPreview,
  InviteRequest,
  LoginRequest,
  Member,
  MemberList,
  OutboxList,
  OutboxMessage,
  PasswordResetConfirm,
  PasswordResetRequest,
  SignUpRequest,
  TotpConfirmed,
  TotpConfirmRequest,
  TotpDisableRequest,
  TotpSetup,
  UpdateMemberRequest,
} from '@avataradam/sdk/protocol'
import { AUDIT_ACTIONS, PERMISSIONS } from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { isoDate } from '../http/schemas.ts'

const role = z.enum(['owner', 'admin', 'agent'])
const email = z.email().max(254).openapi({ example: 'sam@dealer.example' })
// Long enough for any passphrase, short enough that hashing it costs nothing unusual.
const password = z.string().min(1).max(200)
const personName = z.string().trim().min(1).max(200)

export const AccountSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role,
    tenantId: z.uuid(),
    dealershipName: z.string(),
    totpEnabled: z.boolean(),
    permissions: z.array(z.enum(PERMISSIONS)),
  })
  .openapi('Account') satisfies z.ZodType<Account>

export const AuthSessionSchema = z
  .object({
    accessToken: z.string().openapi({
      description: 'Send as `Authorization: Bearer …`; keep it in memory only, never in storage.',
    }),
    accessTokenExpiresAt: isoDate,
    account: AccountSchema,
  })
  .openapi('AuthSession') satisfies z.ZodType<AuthSession>

export const SignUpSchema = z
  .object({
    dealershipName: z.string().trim().min(1).max(200),
    name: personName,
    email,
    password: password.openapi({ description: 'At least 10 characters.' }),
  })
  .openapi('SignUpRequest') satisfies z.ZodType<SignUpRequest, unknown>

export const LoginSchema = z
  .object({
    email,
    password,
    totp: z.string().max(10).optional(),
    recoveryCode: z.string().max(40).optional(),
  })
  .openapi('LoginRequest') satisfies z.ZodType<LoginRequest, unknown>

export const PasswordResetRequestSchema = z
  .object({ email })
  .openapi('PasswordResetRequest') satisfies z.ZodType<PasswordResetRequest, unknown>

export const PasswordResetConfirmSchema = z
  .object({ token: z.string().min(1).max(200), password })
  .openapi('PasswordResetConfirm') satisfies z.ZodType<PasswordResetConfirm, unknown>

export const InvitationPreviewSchema = z
  .object({ email: z.string(), dealershipName: z.string(), role, expiresAt: isoDate })
  .openapi('InvitationPreview') satisfies z.ZodType<InvitationPreview>

export const AcceptInvitationSchema = z
  .object({ token: z.string().min(1).max(200), name: personName, password })
  .openapi('AcceptInvitationRequest') satisfies z.ZodType<AcceptInvitationRequest, unknown>

export const TokenParamSchema = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
})

export const TotpSetupSchema = z
  .object({ secret: z.string(), otpauthUrl: z.string() })
  .openapi('TotpSetup') satisfies z.ZodType<TotpSetup>

export const TotpConfirmSchema = z
  .object({ code: z.string().min(1).max(10), password })
  .openapi('TotpConfirmRequest') satisfies z.ZodType<TotpConfirmRequest, unknown>

export const TotpConfirmedSchema = z
  .object({ recoveryCodes: z.array(z.string()) })
  .openapi('TotpConfirmed') satisfies z.ZodType<TotpConfirmed>

export const TotpDisableSchema = z
  .object({ password, code: z.string().min(1).max(10) })
  .openapi('TotpDisableRequest') satisfies z.ZodType<TotpDisableRequest, unknown>

export const ChangePasswordSchema = z
  .object({ currentPassword: password, newPassword: password })
  .openapi('ChangePasswordRequest') satisfies z.ZodType<ChangePasswordRequest, unknown>

export const MemberSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role,
    totpEnabled: z.boolean(),
    createdAt: isoDate,
    lastSignInAt: isoDate.nullable(),
  })
  .openapi('Member') satisfies z.ZodType<Member>

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role,
    createdAt: isoDate,
    expiresAt: isoDate,
    invitedBy: z.string().nullable().openapi({ description: "The inviter's email" }),
  })
  .openapi('Invitation') satisfies z.ZodType<Invitation>

export const MemberListSchema = z
  .object({ members: z.array(MemberSchema), invitations: z.array(InvitationSchema) })
  .openapi('MemberList') satisfies z.ZodType<MemberList>

export const InviteSchema = z.object({ email, role }).openapi('InviteRequest') satisfies z.ZodType<
  InviteRequest,
  unknown
>

export const UpdateMemberSchema = z
  .object({ role })
  .openapi('UpdateMemberRequest') satisfies z.ZodType<UpdateMemberRequest, unknown>

const AuditActorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('member'), id: z.string(), email: z.string() }),
  z.object({ type: z.literal('key'), id: z.string(), prefix: z.string() }),
  z.object({ type: z.literal('system') }),
])

export const AuditEntrySchema = z
  .object({
    id: z.uuid(),
    at: isoDate,
    action: z.enum(AUDIT_ACTIONS),
    actor: AuditActorSchema,
    target: z.string().nullable(),
    ip: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEntry') satisfies z.ZodType<AuditEntry>

export const AuditLogSchema = z
  .object({ entries: z.array(AuditEntrySchema), nextBefore: z.uuid().nullable() })
  .openapi('AuditLog') satisfies z.ZodType<AuditLog>

export const AuditQuerySchema = z.object({
  before: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const OutboxMessageSchema = z
  .object({
    id: z.uuid(),
    recipient: z.string(),
    subject: z.string(),
    text: z.string(),
    provider: z.string(),
    status: z.enum(['stored', 'sent', 'failed']),
    createdAt: isoDate,
  })
  .openapi('OutboxMessage') satisfies z.ZodType<OutboxMessage>

export const OutboxListSchema = z
  .object({ messages: z.array(OutboxMessageSchema) })
  .openapi('OutboxList') satisfies z.ZodType<OutboxList>
