import {
  type CreatedApiKey,
  KEY_SCOPES,
  type KeyMode,
  type KeyScope,
  type KeyType,
  type Permission,
} from '@avataradam/sdk/protocol'
import { LRUCache } from 'lru-cache'
import { type AuditContext, recordAudit } from '../audit/audit-log.ts'
import type { Db, Queryable } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import { generateKey, hashKey, parseKey } from './key-format.ts'

// Keys are for sites and servers, not per request: a cap stops a runaway script or a tenant
// multiplying its rate limit by minting keys.
const MAX_ACTIVE_KEYS = 100

import {
  type ApiKeyRecord,
  countActiveKeys,
  findKeyByHash,
  findKeyForUpdate,
  insertKey,
  listKeys,
  markKeyReplaced,
  revokeKey,
  toKeySummary,
  touchKey,
} from './keys-repo.ts'
import { normalizeAllowedOrigin } from './origins.ts'
import { findTenant } from './tenants-repo.ts'

const KEY_REFUSALS = new Set(['invalid_key', 'key_revoked', 'key_expired'])

/**
 * Whether `authenticate` refused the key itself (unknown, revoked or expired), as opposed to
 * failing for another reason such as the database being unreachable: only a refused key counts
 * as a guess, or ends a visitor's connection.
 */
export function isKeyRefusal(err: unknown): boolean {
  return AppError.isInstance(err) && KEY_REFUSALS.has(err.code)
}

export interface CreateKeyInput {
  type: KeyType
  mode?: KeyMode | undefined
  name?: string | undefined
  allowedOrigins?: readonly string[] | undefined
  expiresAt?: Date | undefined
  /** Secret keys only; default every scope the caller holds (see `KeyService.create`). */
  scopes?: readonly KeyScope[] | undefined
}

/**
 * What the member or key asking may do. A key it creates or rotates carries no scope beyond
 * these, so a key holding only `keys` cannot mint or take over a key that does more. Omitted
 * (the CLI, the demo seed): no limit.
 */
export type GrantorPermissions = ReadonlySet<Permission>

/** Longest overlap a rotation allows: 30 days. */
export const MAX_ROTATION_OVERLAP_SECONDS = 30 * 24 * 60 * 60
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 24 * 60 * 60

export interface KeyService {
  /**
   * `audit`, when given, records `key.created` in the same transaction. A secret key's scopes
   * default to every scope `grantor` holds; asking for one it lacks is `forbidden`.
   */
  create(
    tenantId: string,
    input: CreateKeyInput,
    audit?: AuditContext,
    grantor?: GrantorPermissions,
  ): Promise<CreatedApiKey>
  list(tenantId: string): Promise<ApiKeyRecord[]>
  /** Revokes at once on this instance; other instances notice within the cache lifetime. */
  revoke(tenantId: string, keyId: string, audit?: AuditContext): Promise<ApiKeyRecord>
  /**
   * A new key like `keyId` (type, mode, name, origins, scopes); the old one keeps working for
   * `overlapSeconds` (never longer than it would have anyway), so a site can switch without a gap.
   * `conflict` for a key revoked, expired or already rotated; `forbidden` for a key with a scope
   * `grantor` lacks (its replacement would hand the caller that scope).
   */
  rotate(
    tenantId: string,
    keyId: string,
    overlapSeconds: number,
    audit?: AuditContext,
    grantor?: GrantorPermissions,
  ): Promise<CreatedApiKey>
  /** The live key a raw key string names, or an AppError saying why it is refused. */
  authenticate(key: string): Promise<ApiKeyRecord>
}

export interface KeyServiceOptions {
  /** How long a looked-up key is trusted without asking the database again. */
  cacheTtlMs?: number
  onError?: (err: unknown) => void
}

/**
 * Creating, listing, revoking and checking API keys.
 *
 * @example
 * ```ts
 * const keys = createKeyService(db)
 * const { key } = await keys.create(tenantId, { type: 'publishable', allowedOrigins: ['https://dealer.example'] })
 * ```
 */
export function createKeyService(db: Db, options: KeyServiceOptions = {}): KeyService {
  const cache = new LRUCache<string, ApiKeyRecord | false>({
    max: 10_000,
    ttl: options.cacheTtlMs ?? 1000,
  })

  return {
    async create(tenantId, input, audit, grantor) {
      const allowedOrigins = (input.allowedOrigins ?? []).map((origin) => {
        const normalized = normalizeAllowedOrigin(origin)
        if (!normalized) {
          throw new AppError(
            'invalid_request',
            `"${origin}" is not an origin: use scheme://host[:port], such as https://dealer.example or https://*.dealer.example`,
            { details: { field: 'allowedOrigins' } },
          )
        }
        return normalized
      })
      if (input.type === 'publishable' && allowedOrigins.length === 0) {
        throw new AppError(
          'invalid_request',
          'A publishable key needs at least one allowed origin: the site(s) the widget runs on.',
          { details: { field: 'allowedOrigins' } },
        )
      }
      if (input.type === 'secret' && allowedOrigins.length > 0) {
        throw new AppError('invalid_request', 'Secret keys are for servers and take no origins.', {
          details: { field: 'allowedOrigins' },
        })
      }
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new AppError('invalid_request', 'expiresAt must be in the future.', {
          details: { field: 'expiresAt' },
        })
      }
      if (input.type === 'publishable' && input.scopes !== undefined) {
        throw new AppError(
          'invalid_request',
          'Publishable keys take no scopes: they only serve visitors, never the /v1 API.',
          { details: { field: 'scopes' } },
        )
      }
      if (input.scopes) refuseUngranted(input.scopes, grantor)
      const created = await db.tenant(tenantId, async (tx) => {
        if (!(await findTenant(tx, tenantId))) {
          throw new AppError('not_found', `No tenant with id ${tenantId}.`)
        }
        const made = await insertNewKey(tx, tenantId, {
          type: input.type,
          mode: input.mode ?? 'live',
          name: input.name ?? null,
          allowedOrigins: [...new Set(allowedOrigins)],
          expiresAt: input.expiresAt ?? null,
          scopes:
            input.type === 'secret'
              ? [...new Set(input.scopes ?? KEY_SCOPES.filter((s) => !grantor || grantor.has(s)))]
              : [],
        })
        if (audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'key.created',
            target: made.record.id,
            details: {
              type: made.record.type,
              mode: made.record.mode,
              name: made.record.name,
              prefix: made.record.prefix,
              scopes: made.record.scopes,
            },
          })
        }
        return made
      })
      return { ...toKeySummary(created.record), key: created.key }
    },

    async rotate(tenantId, keyId, overlapSeconds, audit, grantor) {
      const created = await db.tenant(tenantId, async (tx) => {
        const old = await findKeyForUpdate(tx, tenantId, keyId)
        if (!old) throw new AppError('not_found', `No key with id ${keyId}.`)
        refuseUngranted(old.scopes, grantor)
        const now = Date.now()
        if (old.revokedAt) {
          throw new AppError('conflict', 'That key is revoked; create a new key instead.')
        }
        if (old.replacedBy) {
          throw new AppError('conflict', 'That key was already rotated; rotate its replacement.', {
            details: { replacedBy: old.replacedBy },
          })
        }
        if (old.expiresAt && old.expiresAt.getTime() <= now) {
          throw new AppError('conflict', 'That key has expired; create a new key instead.')
        }
        const made = await insertNewKey(tx, tenantId, {
          type: old.type,
          mode: old.mode,
          name: old.name,
          allowedOrigins: old.allowedOrigins,
          // The new key lives as long as the old one would have: rotation is not renewal.
          expiresAt: old.expiresAt,
          scopes: old.scopes,
        })
        const overlapEnd = now + overlapSeconds * 1000
        const oldExpiry = new Date(
          old.expiresAt ? Math.min(old.expiresAt.getTime(), overlapEnd) : overlapEnd,
        )
        await markKeyReplaced(tx, tenantId, old.id, made.record.id, oldExpiry)
        if (audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'key.rotated',
            target: old.id,
            details: {
              prefix: old.prefix,
              replacedBy: made.record.id,
              newPrefix: made.record.prefix,
              overlapSeconds,
              oldKeyExpiresAt: oldExpiry.toISOString(),
            },
          })
        }
        return made
      })
      // The old key's cached record lacks its new expiry.
      cache.clear()
      return { ...toKeySummary(created.record), key: created.key }
    },

    list(tenantId) {
      return db.tenant(tenantId, (tx) => listKeys(tx, tenantId))
    },

    async revoke(tenantId, keyId, audit) {
      const record = await db.tenant(tenantId, async (tx) => {
        const revoked = await revokeKey(tx, tenantId, keyId)
        if (revoked && audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'key.revoked',
            target: revoked.id,
            details: { prefix: revoked.prefix, type: revoked.type, name: revoked.name },
          })
        }
        return revoked
      })
      if (!record) throw new AppError('not_found', `No key with id ${keyId}.`)
      cache.clear()
      return record
    },

    async authenticate(key) {
      if (!parseKey(key)) {
        throw new AppError('invalid_key', 'That is not a valid AvatarAdam API key.')
      }
      const hash = hashKey(key)
      const cacheKey = hash.toString('base64')
      let record = cache.get(cacheKey)
      if (record === undefined) {
        record = (await findKeyByHash(db, hash)) ?? false
        cache.set(cacheKey, record)
        if (record) touchKey(db, record.id).catch((err) => options.onError?.(err))
      }
      if (!record) throw new AppError('invalid_key', 'That API key does not exist.')
      const now = Date.now()
      if (record.revokedAt && record.revokedAt.getTime() <= now) {
        throw new AppError('key_revoked', 'That API key has been revoked.')
      }
      if (record.expiresAt && record.expiresAt.getTime() <= now) {
        throw new AppError('key_expired', 'That API key has expired.')
      }
      return record
    },
  }
}

/** `forbidden` naming the scopes `grantor` lacks, if any: nobody hands out more than they hold. */
function refuseUngranted(scopes: readonly KeyScope[], grantor: GrantorPermissions | undefined) {
  const lacking = grantor ? scopes.filter((s) => !grantor.has(s)) : []
  if (lacking.length > 0) {
    throw new AppError(
      'forbidden',
      `You cannot grant the ${lacking.map((s) => `"${s}"`).join(', ')} scope${lacking.length > 1 ? 's' : ''}: you do not hold ${lacking.length > 1 ? 'them' : 'it'}.`,
      { details: { permission: lacking[0], scopes: lacking } },
    )
  }
}

/** Mints a key and stores its hash, within the tenant's cap on active keys. */
async function insertNewKey(
  tx: Queryable,
  tenantId: string,
  input: Pick<ApiKeyRecord, 'type' | 'mode' | 'name' | 'allowedOrigins' | 'expiresAt' | 'scopes'>,
): Promise<{ record: ApiKeyRecord; key: string }> {
  if ((await countActiveKeys(tx, tenantId)) >= MAX_ACTIVE_KEYS) {
    throw new AppError(
      'quota_exceeded',
      `A dealership can have at most ${MAX_ACTIVE_KEYS} active keys; revoke unused ones first.`,
    )
  }
  const key = generateKey(input.type, input.mode)
  const record = await insertKey(tx, {
    id: newId(),
    tenantId,
    prefix: parseKey(key)!.prefix,
    hash: hashKey(key),
    ...input,
  })
  return { record, key }
}
