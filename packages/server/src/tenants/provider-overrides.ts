import type * as Protocol from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import ipaddr from 'ipaddr.js'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { SecretBox } from '../secrets/secret-box.ts'

/**
 * Whether a host names this machine or a private network. A dealership's base URL is fetched by
 * the server, so it must not reach what only the server can reach (its metadata service,
 * databases, admin ports). Host names are checked as written, not as they resolve.
 */
export function isPrivateHost(host: string): boolean {
  // `localhost.` is `localhost`: a fully qualified name ends with a dot.
  const h = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.+$/, '')
    .toLowerCase()
  if (['localhost', ''].includes(h) || /\.(localhost|local|internal)$/.test(h)) return true
  if (!ipaddr.IPv4.isValidFourPartDecimal(h) && !ipaddr.IPv6.isValid(h)) return false
  // Loopback, private, link-local, unique-local, carrier-grade NAT, IPv4-mapped… anything but an
  // ordinary public address.
  return ipaddr.process(h).range() !== 'unicast'
}

/** A dealership's own language model: its provider, key and model, used instead of the server's. */
export const LlmOverrideSchema = z
  .object({
    provider: z.enum(['openai', 'openrouter', 'openai-compatible']),
    apiKey: z.string().min(1).max(500).optional(),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(2048)
      .optional(),
    model: z.string().min(1).max(200),
    fallbackModel: z.string().min(1).max(200).optional(),
  })
  .refine((o) => o.provider === 'openai-compatible' || o.apiKey, {
    message: 'apiKey is required for openai and openrouter',
    path: ['apiKey'],
  })
  .refine((o) => o.provider !== 'openai-compatible' || o.baseUrl, {
    message: 'baseUrl is required for openai-compatible',
    path: ['baseUrl'],
  })
  .openapi('LlmOverride')

export type LlmOverride = z.infer<typeof LlmOverrideSchema>

/** What the API shows of an override: everything but the key, and whether there is one. */
export const LlmOverrideSummarySchema = z
  .object({
    provider: z.enum(['openai', 'openrouter', 'openai-compatible']),
    baseUrl: z.string().optional(),
    model: z.string(),
    fallbackModel: z.string().optional(),
    apiKeySet: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('LlmOverrideSummary')

export type LlmOverrideSummary = z.infer<typeof LlmOverrideSummarySchema>

/** Which avatar a dealership's visitors see, and with whose HeyGen key and avatar. */
export const AvatarOverrideSchema = z
  .object({
    provider: z.enum(['heygen', 'builtin']),
    apiKey: z.string().min(1).max(500).optional(),
    avatarId: z.string().min(1).max(200).optional(),
    voiceId: z.string().min(1).max(200).optional(),
    contextId: z.string().min(1).max(200).optional(),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z]{2})?$/)
      .optional(),
  })
  .refine(
    (o) =>
      o.provider === 'heygen' ||
      [o.apiKey, o.avatarId, o.voiceId, o.contextId, o.language].every((v) => v === undefined),
    { message: 'the built-in avatar takes no HeyGen settings', path: ['provider'] },
  )
  .openapi('AvatarOverride')

export type AvatarOverride = z.infer<typeof AvatarOverrideSchema>

export const AvatarOverrideSummarySchema = z
  .object({
    provider: z.enum(['heygen', 'builtin']),
    avatarId: z.string().optional(),
    voiceId: z.string().optional(),
    contextId: z.string().optional(),
    language: z.string().optional(),
    apiKeySet: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('AvatarOverrideSummary')

export type AvatarOverrideSummary = z.infer<typeof AvatarOverrideSummarySchema>

export interface ProviderOverrides {
  /** False when AVATARADAM_SECRET_KEYS is unset: nothing can be stored. */
  readonly enabled: boolean
  setLlm(tenantId: string, settings: LlmOverride): Promise<LlmOverrideSummary>
  /** The tenant's override with its key, for building its model; never for an API response. */
  llm(tenantId: string): Promise<LlmOverride | null>
  llmSummary(tenantId: string): Promise<LlmOverrideSummary | null>
  deleteLlm(tenantId: string): Promise<boolean>
  setAvatar(tenantId: string, settings: AvatarOverride): Promise<AvatarOverrideSummary>
  /** The tenant's avatar settings with its key, for minting its sessions; never for a response. */
  avatar(tenantId: string): Promise<AvatarOverride | null>
  avatarSummary(tenantId: string): Promise<AvatarOverrideSummary | null>
  deleteAvatar(tenantId: string): Promise<boolean>
  /** Seals every stored value with the newest key; returns how many were re-sealed. */
  rotate(): Promise<number>
}

type Capability = 'llm' | 'avatar'

// Binds each sealed value to its row: a value copied to another tenant or capability won't open.
const context = (tenantId: string, capability: string) =>
  `tenant_providers:${tenantId}:${capability}`

function summarizeAvatar(o: AvatarOverride, updatedAt: Date): AvatarOverrideSummary {
  return {
    provider: o.provider,
    ...(o.avatarId ? { avatarId: o.avatarId } : {}),
    ...(o.voiceId ? { voiceId: o.voiceId } : {}),
    ...(o.contextId ? { contextId: o.contextId } : {}),
    ...(o.language ? { language: o.language } : {}),
    apiKeySet: Boolean(o.apiKey),
    updatedAt: updatedAt.toISOString(),
  }
}

function summarize(o: LlmOverride, updatedAt: Date): LlmOverrideSummary {
  return {
    provider: o.provider,
    ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
    model: o.model,
    ...(o.fallbackModel ? { fallbackModel: o.fallbackModel } : {}),
    apiKeySet: Boolean(o.apiKey),
    updatedAt: updatedAt.toISOString(),
  }
}

/**
 * Dealerships' own provider settings, sealed with the secret box before they reach the database
 * and opened only to build that dealership's model.
 */
export function createProviderOverrides(
  db: Db,
  box: SecretBox | undefined,
  options: {
    allowPrivateUrls?: boolean
    /** What the server itself has for HeyGen: a dealership may leave out what it has. */
    heygenDefaults?: { apiKey: boolean; avatarId: boolean }
  } = {},
): ProviderOverrides {
  const requireBox = () => {
    if (!box) {
      throw new AppError(
        'not_configured',
        'This server stores no provider keys: its operator has not set AVATARADAM_SECRET_KEYS.',
      )
    }
    return box
  }
  const readSealed = async <T>(
    tenantId: string,
    capability: Capability,
    schema: z.ZodType<T>,
  ): Promise<{ settings: T; updatedAt: Date } | null> => {
    const [row] = await db.tenant(tenantId, (tx) =>
      tx.query<{ sealed: string; updated_at: Date }>(
        'select sealed, updated_at from tenant_providers where tenant_id = $1 and capability = $2',
        [tenantId, capability],
      ),
    )
    if (!row) return null
    const settings = schema.parse(
      JSON.parse(requireBox().open(row.sealed, context(tenantId, capability))),
    )
    return { settings, updatedAt: new Date(row.updated_at) }
  }
  const read = (tenantId: string) => readSealed(tenantId, 'llm', LlmOverrideSchema)
  const write = async (tenantId: string, capability: Capability, settings: unknown) => {
    const sealed = requireBox().seal(JSON.stringify(settings), context(tenantId, capability))
    const [row] = await db.tenant(tenantId, (tx) =>
      tx.query<{ updated_at: Date }>(
        `insert into tenant_providers (tenant_id, capability, sealed) values ($1, $2, $3)
         on conflict (tenant_id, capability)
           do update set sealed = excluded.sealed, updated_at = now()
         returning updated_at`,
        [tenantId, capability, sealed],
      ),
    )
    return new Date(row!.updated_at)
  }
  const remove = async (tenantId: string, capability: Capability) => {
    const rows = await db.tenant(tenantId, (tx) =>
      tx.query(
        'delete from tenant_providers where tenant_id = $1 and capability = $2 returning tenant_id',
        [tenantId, capability],
      ),
    )
    return rows.length > 0
  }
  return {
    enabled: box !== undefined,
    async setLlm(tenantId, settings) {
      if (
        settings.baseUrl &&
        !options.allowPrivateUrls &&
        isPrivateHost(new URL(settings.baseUrl).hostname)
      ) {
        throw new AppError(
          'invalid_request',
          'baseUrl must be a public address, not localhost or a private network (the operator can allow those with PROVIDER_URLS_ALLOW_PRIVATE=true).',
          { details: { field: 'baseUrl' } },
        )
      }
      return summarize(settings, await write(tenantId, 'llm', settings))
    },
    async llm(tenantId) {
      if (!box) return null
      return (await read(tenantId))?.settings ?? null
    },
    async llmSummary(tenantId) {
      if (!box) return null
      const found = await read(tenantId)
      return found ? summarize(found.settings, found.updatedAt) : null
    },
    deleteLlm: (tenantId) => remove(tenantId, 'llm'),
    async setAvatar(tenantId, settings) {
      const defaults = options.heygenDefaults ?? { apiKey: false, avatarId: false }
      const missing = [
        ...(settings.provider === 'heygen' && !settings.apiKey && !defaults.apiKey
          ? ['apiKey']
          : []),
        ...(settings.provider === 'heygen' && !settings.avatarId && !defaults.avatarId
          ? ['avatarId']
          : []),
      ]
      if (missing.length > 0) {
        throw new AppError(
          'invalid_request',
          `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} required: this server has no HeyGen ${missing.join(' or ')} of its own.`,
          { details: { fields: missing } },
        )
      }
      return summarizeAvatar(settings, await write(tenantId, 'avatar', settings))
    },
    async avatar(tenantId) {
      if (!box) return null
      return (await readSealed(tenantId, 'avatar', AvatarOverrideSchema))?.settings ?? null
    },
    async avatarSummary(tenantId) {
      if (!box) return null
      const found = await readSealed(tenantId, 'avatar', AvatarOverrideSchema)
      return found ? summarizeAvatar(found.settings, found.updatedAt) : null
    },
    deleteAvatar: (tenantId) => remove(tenantId, 'avatar'),
    async rotate() {
      const sealer = requireBox()
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ tenant_id: string; capability: string; sealed: string }>(
          'select tenant_id, capability, sealed from tenant_providers for update',
        )
        let resealed = 0
        for (const row of rows) {
          if (!sealer.isStale(row.sealed)) continue
          const ctx = context(row.tenant_id, row.capability)
          await tx.query(
            `update tenant_providers set sealed = $3 where tenant_id = $1 and capability = $2`,
            [row.tenant_id, row.capability, sealer.seal(sealer.open(row.sealed, ctx), ctx)],
          )
          resealed++
        }
        return resealed
      })
    },
  }
}

// The SDK's protocol types and these schemas describe the same JSON; the build fails if they part.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
const agree: [
  Same<LlmOverride, Protocol.LlmOverride>,
  Same<LlmOverrideSummary, Protocol.LlmOverrideSummary>,
  Same<AvatarOverride, Protocol.AvatarOverride>,
  Same<AvatarOverrideSummary, Protocol.AvatarOverrideSummary>,
] = [true, true, true, true]
void agree
