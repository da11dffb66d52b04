import {
  type AuditActor,
  type KeyScope,
  type MemberRole,
  type Permission,
  ROLE_PERMISSIONS,
} from '@avataradam/sdk/protocol'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../http/env.ts'

/** Who is making a `/v1` request: a member signed in to the portal, or a secret key. */
export type Principal =
  | {
      type: 'member'
      tenantId: string
      memberId: string
      email: string
      role: MemberRole
      /** The signed-in session (refresh token family) the access token belongs to. */
      sessionId?: string | undefined
      permissions: ReadonlySet<Permission>
    }
  | {
      type: 'key'
      tenantId: string
      keyId: string
      prefix: string
      permissions: ReadonlySet<Permission>
    }

export function memberPrincipal(input: {
  tenantId: string
  memberId: string
  email: string
  role: MemberRole
  sessionId?: string | undefined
}): Principal {
  return { type: 'member', ...input, permissions: new Set(ROLE_PERMISSIONS[input.role]) }
}

export function keyPrincipal(input: {
  tenantId: string
  keyId: string
  prefix: string
  scopes: readonly KeyScope[]
}): Principal {
  const { scopes, ...rest } = input
  return { type: 'key', ...rest, permissions: new Set(scopes) }
}

/** The principal as the audit log records it. */
export function auditActor(principal: Principal): AuditActor {
  return principal.type === 'member'
    ? { type: 'member', id: principal.memberId, email: principal.email }
    : { type: 'key', id: principal.keyId, prefix: principal.prefix }
}

/**
 * Refuses the request with `forbidden` unless the principal (a member's role, or a key's scopes)
 * grants `permission`. Put it in a route's `middleware`, so the check sits next to the route.
 *
 * @example
 * ```ts
 * createRoute({ method: 'post', path: '/keys', middleware: [requires('keys')] as const, … })
 * ```
 */
export function requires(permission: Permission) {
  return createMiddleware<AppEnv>(async function requiresPermission(c, next) {
    const principal = c.var.principal
    if (!principal.permissions.has(permission)) {
      throw new AppError(
        'forbidden',
        principal.type === 'member'
          ? `Your role (${principal.role}) cannot do this; ask an owner or admin.`
          : `This key lacks the "${permission}" scope.`,
        { details: { permission } },
      )
    }
    await next()
  })
}

/** Refuses anything but a signed-in member (account routes make no sense for a key). */
export const membersOnly = createMiddleware<AppEnv>(async function membersOnly(c, next) {
  if (c.var.principal.type !== 'member') {
    throw new AppError('forbidden', 'Sign in to the portal for this; API keys cannot use it.')
  }
  await next()
})
