import { randomBytes } from 'node:crypto'
import type { MemberRole } from '@avataradam/sdk/protocol'
import { errors, jwtVerify, SignJWT } from 'jose'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { AccessTokenVerifier } from '../http/v1-auth.ts'
import { findSessionState } from './accounts-repo.ts'
import { memberPrincipal, type Principal } from './principal.ts'

const ISSUER = 'avataradam'
const AUDIENCE = 'avataradam-portal'
export const ACCESS_TOKEN_TTL_SECONDS = 10 * 60

export interface AccessTokenClaims {
  memberId: string
  tenantId: string
  role: MemberRole
  email: string
  sessionId: string
}

export interface AccessTokens extends AccessTokenVerifier {
  issue(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }>
  /**
   * Drops what this instance remembers of sessions, after a revocation or a role change here, so
   * it takes effect at once on this instance (others see it within the cache's second).
   */
  forget(): void
}

/**
 * The key access tokens are signed with: AUTH_JWT_SECRET, or else one made at random the first
 * time and kept in system_settings, so every instance on the database (and every restart) agrees.
 */
export async function accessTokenSecret(
  db: Db,
  configured: string | undefined,
): Promise<Uint8Array> {
  if (configured) return new TextEncoder().encode(configured)
  const candidate = randomBytes(32).toString('base64url')
  await db.query(
    `insert into system_settings (key, value) values ('auth_jwt_secret', $1::text::jsonb)
     on conflict (key) do nothing`,
    [JSON.stringify(candidate)],
  )
  const [row] = await db.query<{ value: string }>(
    `select value from system_settings where key = 'auth_jwt_secret'`,
  )
  return new TextEncoder().encode(row!.value)
}

interface SessionState {
  live: boolean
  role: MemberRole | null
}

/**
 * Signs and checks portal access tokens (JWT, HS256, ten minutes). A token is refused once its
 * session is revoked (logout, refresh reuse, password reset), its member removed, or their role
 * changed (`token_expired`: the portal refreshes and gets the new role). Those facts are remembered for a second,
 * so a burst of requests costs one query, and a revocation takes effect within that second.
 */
export function createAccessTokens(deps: {
  db: Db
  secret: Uint8Array
  ttlSeconds?: number | undefined
}): AccessTokens {
  const { db, secret } = deps
  const ttl = deps.ttlSeconds ?? ACCESS_TOKEN_TTL_SECONDS
  const sessions = new LRUCache<string, SessionState>({ max: 10_000, ttl: 1000 })

  async function sessionState(sessionId: string, memberId: string): Promise<SessionState> {
    const key = `${sessionId}:${memberId}`
    const cached = sessions.get(key)
    if (cached) return cached
    const found = await findSessionState(db, sessionId, memberId)
    const state = { live: Boolean(found && !found.revoked), role: found?.role ?? null }
    sessions.set(key, state)
    return state
  }

  return {
    async issue(claims) {
      const now = Math.floor(Date.now() / 1000)
      const token = await new SignJWT({
        tid: claims.tenantId,
        role: claims.role,
        email: claims.email,
        sid: claims.sessionId,
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.memberId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(now)
        .setExpirationTime(now + ttl)
        .sign(secret)
      return { token, expiresAt: new Date((now + ttl) * 1000) }
    },

    async verify(token): Promise<Principal> {
      let payload: Record<string, unknown>
      try {
        ;({ payload } = await jwtVerify(token, secret, {
          algorithms: ['HS256'],
          issuer: ISSUER,
          audience: AUDIENCE,
        }))
      } catch (err) {
        if (err instanceof errors.JWTExpired) {
          throw new AppError('token_expired', 'The access token has expired; refresh it.')
        }
        throw new AppError('invalid_token', 'The access token is not valid; sign in again.')
      }
      const { sub, tid, role, email, sid } = payload
      if (
        typeof sub !== 'string' ||
        typeof tid !== 'string' ||
        typeof email !== 'string' ||
        typeof sid !== 'string' ||
        (role !== 'owner' && role !== 'admin' && role !== 'agent')
      ) {
        throw new AppError('invalid_token', 'The access token is not valid; sign in again.')
      }
      const state = await sessionState(sid, sub)
      if (!state.live) {
        throw new AppError('invalid_token', 'This session has ended; sign in again.')
      }
      if (state.role !== role) {
        // Not invalid_token, which the portal takes for "signed out": a refresh brings the role.
        throw new AppError('token_expired', 'Your role has changed; refresh the session.')
      }
      return memberPrincipal({ tenantId: tid, memberId: sub, email, role, sessionId: sid })
    },

    forget() {
      sessions.clear()
    },
  }
}
