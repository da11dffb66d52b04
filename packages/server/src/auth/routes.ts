import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { secureHeaders } from 'hono/secure-headers'
import { listAudit } from '../audit/audit-log.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import {
  errorResponse,
  errorResponses,
  IdParamSchema,
  jsonResponse as json,
} from '../http/schemas.ts'
import { type AuthService, type IssuedSession, REFRESH_TOKEN_TTL_SECONDS } from './auth-service.ts'
import { linkOrigin, originCheck, type PortalOrigins } from './csrf.ts'
import type { MembersService } from './members-service.ts'
import { hideInvitationLinks } from './outbox-links.ts'
import { membersOnly, type Principal, requires } from './principal.ts'
import {
  AcceptInvitationSchema,
  AccountSchema,
  AuditLogSchema,
  AuditQuerySchema,
  AuthSessionSchema,
  ChangePasswordSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  InviteSchema,
  LoginSchema,
  MemberListSchema,
  MemberSchema,
  OutboxListSchema,
  PasswordResetConfirmSchema,
  PasswordResetRequestSchema,
  SignUpSchema,
  TokenParamSchema,
  TotpConfirmedSchema,
  TotpConfirmSchema,
  TotpDisableSchema,
  TotpSetupSchema,
  UpdateMemberSchema,
} from './schemas.ts'

/** The refresh token's cookie: only ever sent to `/v1/auth`, never readable by scripts. */
export const REFRESH_COOKIE = 'aa_refresh'
const COOKIE_PATH = '/v1/auth'

const body = <T>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
})

const publicErrors = {
  400: errorResponse('Invalid request'),
  403: errorResponse('A browser request from another origin (origin_not_allowed, origin_required)'),
  429: errorResponse('Rate limited; see Retry-After'),
} as const

const COOKIE_NOTE =
  'Sets the refresh token in the `aa_refresh` cookie (HttpOnly, Secure, SameSite=Strict, Path=/v1/auth, 30 days).'

const signup = createRoute({
  method: 'post',
  path: '/auth/signup',
  summary: 'Create a dealership and its owner, and sign in',
  description: COOKIE_NOTE,
  security: [],
  request: body(SignUpSchema),
  responses: {
    201: json(AuthSessionSchema, 'Signed in as the new owner'),
    409: errorResponse('email_taken'),
    ...publicErrors,
  },
})

const login = createRoute({
  method: 'post',
  path: '/auth/login',
  summary: 'Sign in with email and password (and a TOTP or recovery code when two-factor is on)',
  description: `${COOKIE_NOTE} Failures are throttled per account and per address (429 rate_limited).`,
  security: [],
  request: body(LoginSchema),
  responses: {
    200: json(AuthSessionSchema, 'Signed in'),
    401: errorResponse('invalid_credentials, totp_required or invalid_totp'),
    ...publicErrors,
  },
})

const refresh = createRoute({
  method: 'post',
  path: '/auth/refresh',
  summary: 'A new access token for the refresh cookie, which is rotated',
  description: `Reads and replaces the \`aa_refresh\` cookie. A refresh token used twice revokes its whole session (refresh_reused). Needs an Origin of the portal or \`Sec-Fetch-Site: same-origin\`.`,
  security: [],
  responses: {
    200: json(AuthSessionSchema, 'A fresh session'),
    401: errorResponse('invalid_token or refresh_reused'),
    ...publicErrors,
  },
})

const logout = createRoute({
  method: 'post',
  path: '/auth/logout',
  summary: 'End the session of the refresh cookie, and clear it',
  security: [],
  responses: { 204: { description: 'Signed out' }, ...publicErrors },
})

const resetRequest = createRoute({
  method: 'post',
  path: '/auth/password-reset',
  summary: 'Email a password reset link (always 202, account or not)',
  description: 'The link is `<origin>/portal/reset-password?token=…`, good once for one hour.',
  security: [],
  request: body(PasswordResetRequestSchema),
  responses: { 202: { description: 'Sent if there is such an account' }, ...publicErrors },
})

const resetConfirm = createRoute({
  method: 'post',
  path: '/auth/password-reset/confirm',
  summary: 'Set a new password with the emailed token; signs out every session',
  security: [],
  request: body(PasswordResetConfirmSchema),
  responses: {
    204: { description: 'Password changed' },
    401: errorResponse('invalid_token: the link is invalid, used or expired'),
    ...publicErrors,
  },
})

const previewInvitation = createRoute({
  method: 'get',
  path: '/auth/invitations/{token}',
  summary: 'What an invitation link is for',
  security: [],
  request: { params: TokenParamSchema },
  responses: { 200: json(InvitationPreviewSchema, 'The invitation'), ...publicErrors },
})

const acceptInvitation = createRoute({
  method: 'post',
  path: '/auth/invitations/accept',
  summary: 'Accept an invitation: create the account and sign in',
  description: COOKIE_NOTE,
  security: [],
  request: body(AcceptInvitationSchema),
  responses: {
    201: json(AuthSessionSchema, 'Signed in as the new member'),
    409: errorResponse('email_taken'),
    ...publicErrors,
  },
})

export interface AuthRouteDeps {
  auth: AuthService
  origins: PortalOrigins
  jsonBytes: number
}

/** Public `/v1/auth` routes: no Bearer, mounted before the `/v1` auth middleware. */
export function authRoutes(deps: AuthRouteDeps) {
  const { auth, origins } = deps
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use('/auth/*', secureHeaders())
  app.use(
    '/auth/*',
    originCheck({
      ...origins,
      cookieAuthenticated: (path) =>
        path.endsWith('/auth/refresh') || path.endsWith('/auth/logout'),
    }),
  )
  app.use(
    '/auth/*',
    bodyLimit({
      maxSize: deps.jsonBytes,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          `Request bodies can be at most ${deps.jsonBytes} bytes.`,
        )
      },
    }),
  )

  const sendSession = <S extends 200 | 201>(
    c: Context<AppEnv>,
    issued: IssuedSession,
    status: S,
  ) => {
    setCookie(c, REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
      path: COOKIE_PATH,
      maxAge: REFRESH_TOKEN_TTL_SECONDS,
    })
    c.header('Cache-Control', 'no-store')
    return c.json(issued.session, status)
  }
  const clearCookie = (c: Context<AppEnv>) =>
    deleteCookie(c, REFRESH_COOKIE, {
      path: COOKIE_PATH,
      secure: true,
      httpOnly: true,
      sameSite: 'Strict',
    })

  app.openapi(signup, async (c) =>
    sendSession(c, await auth.signUp(c.req.valid('json'), c.var.clientIp), 201),
  )

  app.openapi(login, async (c) =>
    sendSession(c, await auth.login(c.req.valid('json'), c.var.clientIp), 200),
  )

  app.openapi(refresh, async (c) => {
    const token = getCookie(c, REFRESH_COOKIE)
    if (!token) throw new AppError('invalid_token', 'Not signed in: there is no refresh cookie.')
    try {
      return sendSession(c, await auth.refresh(token, c.var.clientIp), 200)
    } catch (err) {
      if (AppError.isInstance(err)) clearCookie(c)
      throw err
    }
  })

  app.openapi(logout, async (c) => {
    const token = getCookie(c, REFRESH_COOKIE)
    if (token) await auth.logout(token, c.var.clientIp)
    clearCookie(c)
    return c.body(null, 204)
  })

  app.openapi(resetRequest, async (c) => {
    await auth.requestPasswordReset(
      c.req.valid('json').email,
      linkOrigin(c, origins),
      c.var.clientIp,
    )
    return c.body(null, 202)
  })

  app.openapi(resetConfirm, async (c) => {
    const { token, password } = c.req.valid('json')
    await auth.confirmPasswordReset(token, password, c.var.clientIp)
    return c.body(null, 204)
  })

  app.openapi(previewInvitation, async (c) =>
    c.json(await auth.previewInvitation(c.req.valid('param').token), 200),
  )

  app.openapi(acceptInvitation, async (c) =>
    sendSession(c, await auth.acceptInvitation(c.req.valid('json'), c.var.clientIp), 201),
  )

  return app
}

// Authenticated: the signed-in member's own account, the team, the audit log and the outbox.

const memberSecurity = [{ accessToken: [] }]

const me = createRoute({
  method: 'get',
  path: '/me',
  summary: 'The signed-in member',
  security: memberSecurity,
  middleware: [membersOnly] as const,
  responses: { 200: json(AccountSchema, 'The account'), ...errorResponses },
})

const changePassword = createRoute({
  method: 'post',
  path: '/me/password',
  summary: 'Change the password; signs out every other session',
  security: memberSecurity,
  middleware: [membersOnly] as const,
  request: body(ChangePasswordSchema),
  responses: { 204: { description: 'Changed' }, ...errorResponses },
})

const totpSetup = createRoute({
  method: 'post',
  path: '/me/totp/setup',
  summary: 'Start two-factor sign-in: a secret to scan',
  security: memberSecurity,
  middleware: [membersOnly] as const,
  responses: {
    200: json(TotpSetupSchema, 'Confirm with a code from it'),
    409: errorResponse('conflict: two-factor is on already'),
    ...errorResponses,
  },
})

const totpConfirm = createRoute({
  method: 'post',
  path: '/me/totp/confirm',
  summary:
    'Turn two-factor sign-in on with a code and the current password; returns recovery codes, shown once',
  description:
    'A wrong password is `invalid_credentials`, counted toward the sign-in throttle of the account.',
  security: memberSecurity,
  middleware: [membersOnly] as const,
  request: body(TotpConfirmSchema),
  responses: {
    200: json(TotpConfirmedSchema, 'Two-factor is on'),
    409: errorResponse('conflict: not set up, or on already'),
    ...errorResponses,
  },
})

const totpDisable = createRoute({
  method: 'post',
  path: '/me/totp/disable',
  summary: 'Turn two-factor sign-in off (password and a current code)',
  security: memberSecurity,
  middleware: [membersOnly] as const,
  request: body(TotpDisableSchema),
  responses: { 204: { description: 'Two-factor is off' }, ...errorResponses },
})

const listMembers = createRoute({
  method: 'get',
  path: '/members',
  summary: "The dealership's members and pending invitations",
  security: memberSecurity,
  middleware: [membersOnly, requires('members')] as const,
  responses: { 200: json(MemberListSchema, 'Members, oldest first'), ...errorResponses },
})

const invite = createRoute({
  method: 'post',
  path: '/members/invitations',
  summary: 'Invite someone by email (the link goes to the mail provider, or the outbox)',
  description: 'The link is `<origin>/portal/accept-invite?token=…`, good once for 7 days.',
  security: memberSecurity,
  middleware: [membersOnly, requires('members')] as const,
  request: body(InviteSchema),
  responses: {
    201: json(InvitationSchema, 'Invited'),
    409: errorResponse('conflict: a member already'),
    ...errorResponses,
  },
})

const revokeInvitation = createRoute({
  method: 'delete',
  path: '/members/invitations/{id}',
  summary: 'Revoke a pending invitation',
  security: memberSecurity,
  middleware: [membersOnly, requires('members')] as const,
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Revoked' }, ...errorResponses },
})

const updateMember = createRoute({
  method: 'patch',
  path: '/members/{id}',
  summary: "Change a member's role (only owners make or unmake owners; the last owner stays)",
  security: memberSecurity,
  middleware: [membersOnly, requires('members')] as const,
  request: { params: IdParamSchema, ...body(UpdateMemberSchema) },
  responses: {
    200: json(MemberSchema, 'The member'),
    409: errorResponse('conflict: the last owner'),
    ...errorResponses,
  },
})

const removeMember = createRoute({
  method: 'delete',
  path: '/members/{id}',
  summary: 'Remove a member; their sessions end',
  security: memberSecurity,
  middleware: [membersOnly, requires('members')] as const,
  request: { params: IdParamSchema },
  responses: {
    204: { description: 'Removed' },
    409: errorResponse('conflict: the last owner'),
    ...errorResponses,
  },
})

const auditLog = createRoute({
  method: 'get',
  path: '/audit-log',
  summary: "The dealership's audit log, newest first (owners)",
  security: memberSecurity,
  middleware: [requires('audit')] as const,
  request: { query: AuditQuerySchema },
  responses: { 200: json(AuditLogSchema, 'A page of entries'), ...errorResponses },
})

const outbox = createRoute({
  method: 'get',
  path: '/outbox',
  summary: "The dealership's email, newest first (in embedded mode it is sent nowhere else)",
  description:
    "An invitation link shows only to whoever could have sent that invitation (a member who manages members; an owner for an owner's invitation); to anyone else it reads `(hidden: ask an owner for this link)`.",
  middleware: [requires('settings')] as const,
  responses: { 200: json(OutboxListSchema, 'The latest 100 messages'), ...errorResponses },
})

type MemberPrincipal = Extract<Principal, { type: 'member' }>
const member = (c: Context<AppEnv>) => c.var.principal as MemberPrincipal

/** Authenticated account routes, mounted behind the `/v1` auth middleware. */
export function accountRoutes(deps: {
  db: Db
  auth: AuthService
  members: MembersService
  origins: PortalOrigins
}) {
  const { db, auth, members } = deps
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  app.openapi(me, async (c) => c.json(await auth.me(member(c)), 200))

  app.openapi(changePassword, async (c) => {
    await auth.changePassword(member(c), c.req.valid('json'), c.var.clientIp)
    return c.body(null, 204)
  })

  app.openapi(totpSetup, async (c) => c.json(await auth.setupTotp(member(c)), 200))

  app.openapi(totpConfirm, async (c) =>
    c.json(
      {
        recoveryCodes: await auth.confirmTotp(member(c), c.req.valid('json'), c.var.clientIp),
      },
      200,
    ),
  )

  app.openapi(totpDisable, async (c) => {
    await auth.disableTotp(member(c), c.req.valid('json'), c.var.clientIp)
    return c.body(null, 204)
  })

  app.openapi(listMembers, async (c) => c.json(await members.list(c.var.tenantId), 200))

  app.openapi(invite, async (c) =>
    c.json(
      await members.invite(
        member(c),
        c.req.valid('json'),
        linkOrigin(c, deps.origins),
        c.var.clientIp,
      ),
      201,
    ),
  )

  app.openapi(revokeInvitation, async (c) => {
    await members.revokeInvitation(member(c), c.req.valid('param').id, c.var.clientIp)
    return c.body(null, 204)
  })

  app.openapi(updateMember, async (c) =>
    c.json(
      await members.changeRole(
        member(c),
        c.req.valid('param').id,
        c.req.valid('json').role,
        c.var.clientIp,
      ),
      200,
    ),
  )

  app.openapi(removeMember, async (c) => {
    await members.remove(member(c), c.req.valid('param').id, c.var.clientIp)
    return c.body(null, 204)
  })

  app.openapi(auditLog, async (c) => {
    const { before, limit } = c.req.valid('query')
    const tenantId = c.var.tenantId
    return c.json(
      await db.tenant(tenantId, (tx) => listAudit(tx, tenantId, { before, limit })),
      200,
    )
  })

  app.openapi(outbox, async (c) => {
    const tenantId = c.var.tenantId
    const { rows, texts } = await db.tenant(tenantId, async (tx) => {
      const rows = await tx.query<{
        id: string
        recipient: string
        subject: string
        text_body: string
        provider: string
        status: 'stored' | 'sent' | 'failed'
        created_at: Date
      }>(
        `select id, recipient, subject, text_body, provider, status, created_at from mail_outbox
         where tenant_id = $1 order by created_at desc, id desc limit 100`,
        [tenantId],
      )
      const texts = await hideInvitationLinks(
        tx,
        tenantId,
        c.var.principal,
        rows.map((r) => r.text_body),
      )
      return { rows, texts }
    })
    return c.json(
      {
        messages: rows.map((r, i) => ({
          id: r.id,
          recipient: r.recipient,
          subject: r.subject,
          text: texts[i]!,
          provider: r.provider,
          status: r.status,
          createdAt: r.created_at.toISOString(),
        })),
      },
      200,
    )
  })

  return app
}
