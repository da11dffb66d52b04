import type { CreatedApiKey, KeyMode, KeyType } from '@avataradam/sdk/protocol'
import { LRUCache } from 'lru-cache'
import type { Db } from '../db/index.ts'
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
  insertKey,
  listKeys,
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
}

export interface KeyService {
  create(tenantId: string, input: CreateKeyInput): Promise<CreatedApiKey>
  list(tenantId: string): Promise<ApiKeyRecord[]>
  /** Revokes at once on this instance; other instances notice within the cache lifetime. */
  revoke(tenantId: string, keyId: string): Promise<ApiKeyRecord>
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
    async create(tenantId, input) {
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
      const mode = input.mode ?? 'live'
      const key = generateKey(input.type, mode)
      const record = await db.tenant(tenantId, async (tx) => {
        if (!(await findTenant(tx, tenantId))) {
          throw new AppError('not_found', `No tenant with id ${tenantId}.`)
        }
        if ((await countActiveKeys(tx, tenantId)) >= MAX_ACTIVE_KEYS) {
          throw new AppError(
            'quota_exceeded',
            `A dealership can have at most ${MAX_ACTIVE_KEYS} active keys; revoke unused ones first.`,
          )
        }
        return insertKey(tx, {
          id: newId(),
          tenantId,
          type: input.type,
          mode,
          prefix: parseKey(key)!.prefix,
          hash: hashKey(key),
          name: input.name ?? null,
          allowedOrigins: [...new Set(allowedOrigins)],
          expiresAt: input.expiresAt ?? null,
        })
      })
      return { ...toKeySummary(record), key }
    },

    list(tenantId) {
      return db.tenant(tenantId, (tx) => listKeys(tx, tenantId))
    },

    async revoke(tenantId, keyId) {
      const record = await db.tenant(tenantId, (tx) => revokeKey(tx, tenantId, keyId))
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
