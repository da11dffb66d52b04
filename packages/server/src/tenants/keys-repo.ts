import {
  type ApiKeySummary,
  KEY_SCOPES,
  type KeyMode,
  type KeyScope,
  type KeyType,
} from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'

/** A stored key: everything but the key itself, which only exists as a hash. */
export interface ApiKeyRecord {
  id: string
  tenantId: string
  type: KeyType
  mode: KeyMode
  prefix: string
  name: string | null
  allowedOrigins: string[]
  createdAt: Date
  expiresAt: Date | null
  revokedAt: Date | null
  lastUsedAt: Date | null
  /** What a secret key may do (every scope for keys made before scopes existed); none for publishable keys. */
  scopes: KeyScope[]
  replacedBy: string | null
}

interface KeyRow extends Record<string, unknown> {
  id: string
  tenant_id: string
  type: KeyType
  mode: KeyMode
  prefix: string
  name: string | null
  allowed_origins: string[]
  created_at: Date
  expires_at: Date | null
  revoked_at: Date | null
  last_used_at: Date | null
  scopes: string[] | null
  replaced_by: string | null
}

const COLUMNS =
  'id, tenant_id, type, mode, prefix, name, allowed_origins, created_at, expires_at, revoked_at, last_used_at, scopes, replaced_by'

const knownScopes = new Set<string>(KEY_SCOPES)
const scopesOf = (r: KeyRow): KeyScope[] =>
  r.type === 'publishable'
    ? []
    : r.scopes === null
      ? [...KEY_SCOPES]
      : (r.scopes.filter((s) => knownScopes.has(s)) as KeyScope[])

const toRecord = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  type: r.type,
  mode: r.mode,
  prefix: r.prefix,
  name: r.name,
  allowedOrigins: r.allowed_origins,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
  scopes: scopesOf(r),
  replacedBy: r.replaced_by,
})

export const toKeySummary = (k: ApiKeyRecord): ApiKeySummary => ({
  id: k.id,
  type: k.type,
  mode: k.mode,
  prefix: k.prefix,
  name: k.name,
  allowedOrigins: k.allowedOrigins,
  createdAt: k.createdAt.toISOString(),
  expiresAt: k.expiresAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  scopes: k.scopes,
  replacedBy: k.replacedBy,
})

export async function insertKey(
  db: Queryable,
  key: Omit<ApiKeyRecord, 'createdAt' | 'revokedAt' | 'lastUsedAt' | 'replacedBy'> & {
    hash: Buffer
  },
): Promise<ApiKeyRecord> {
  const [row] = await db.query<KeyRow>(
    `insert into api_keys (id, tenant_id, type, mode, prefix, key_hash, name, allowed_origins, expires_at, scopes)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning ${COLUMNS}`,
    [
      key.id,
      key.tenantId,
      key.type,
      key.mode,
      key.prefix,
      key.hash,
      key.name,
      key.allowedOrigins,
      key.expiresAt,
      key.type === 'secret' ? key.scopes : null,
    ],
  )
  return toRecord(row!)
}

/** Cross-tenant by nature: the key is what tells us the tenant. */
export async function findKeyByHash(db: Queryable, hash: Buffer): Promise<ApiKeyRecord | null> {
  const [row] = await db.query<KeyRow>(`select ${COLUMNS} from api_keys where key_hash = $1`, [
    hash,
  ])
  return row ? toRecord(row) : null
}

export async function listKeys(db: Queryable, tenantId: string): Promise<ApiKeyRecord[]> {
  const rows = await db.query<KeyRow>(
    `select ${COLUMNS} from api_keys where tenant_id = $1 order by created_at, id`,
    [tenantId],
  )
  return rows.map(toRecord)
}

/** Keys neither revoked nor expired. */
export async function countActiveKeys(db: Queryable, tenantId: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from api_keys
     where tenant_id = $1 and revoked_at is null and (expires_at is null or expires_at > now())`,
    [tenantId],
  )
  return row?.n ?? 0
}

/** Revokes a key of this tenant; `null` when the tenant has no such key. Revoking twice keeps the first time. */
export async function revokeKey(
  db: Queryable,
  tenantId: string,
  keyId: string,
): Promise<ApiKeyRecord | null> {
  const [row] = await db.query<KeyRow>(
    `update api_keys set revoked_at = coalesce(revoked_at, now())
     where tenant_id = $1 and id = $2 returning ${COLUMNS}`,
    [tenantId, keyId],
  )
  return row ? toRecord(row) : null
}

/** Records use, at most once a minute per key, so authentication does not write on every request. */
export async function touchKey(db: Queryable, keyId: string): Promise<void> {
  await db.query(
    `update api_keys set last_used_at = now()
     where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [keyId],
  )
}

/** A key of this tenant, locked for the rest of the transaction (rotating it); `null` when none. */
export async function findKeyForUpdate(
  db: Queryable,
  tenantId: string,
  keyId: string,
): Promise<ApiKeyRecord | null> {
  const [row] = await db.query<KeyRow>(
    `select ${COLUMNS} from api_keys where tenant_id = $1 and id = $2 for update`,
    [tenantId, keyId],
  )
  return row ? toRecord(row) : null
}

/** Marks a key replaced: it keeps working until `expiresAt`, then is refused. */
export async function markKeyReplaced(
  db: Queryable,
  tenantId: string,
  keyId: string,
  replacedBy: string,
  expiresAt: Date,
): Promise<ApiKeyRecord> {
  const [row] = await db.query<KeyRow>(
    `update api_keys set replaced_by = $3, expires_at = $4
     where tenant_id = $1 and id = $2 returning ${COLUMNS}`,
    [tenantId, keyId, replacedBy, expiresAt],
  )
  return toRecord(row!)
}
