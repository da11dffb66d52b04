import {
  type ApiKeySummary,
  type CreatedApiKey,
  type CreateKeyRequest,
  KEY_SCOPES,
  type KeyList,
  type RotateKeyRequest,
} from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { isoDate } from '../http/schemas.ts'
import { DEFAULT_ROTATION_OVERLAP_SECONDS, MAX_ROTATION_OVERLAP_SECONDS } from './keys.ts'

const ScopeSchema = z.enum(KEY_SCOPES)

export const KeySchema = z
  .object({
    id: z.uuid(),
    type: z.enum(['publishable', 'secret']),
    mode: z.enum(['live', 'test']),
    prefix: z.string(),
    name: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    createdAt: isoDate,
    expiresAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
    lastUsedAt: isoDate.nullable(),
    scopes: z.array(ScopeSchema).openapi({
      description: 'What a secret key may do; empty for publishable keys.',
    }),
    replacedBy: z.uuid().nullable().openapi({
      description: 'The key that replaced this one when it was rotated.',
    }),
  })
  .openapi('ApiKey') satisfies z.ZodType<ApiKeySummary>

export const CreatedKeySchema = KeySchema.extend({
  key: z.string().openapi({ description: 'The full key. Shown this once; store it now.' }),
}).openapi('CreatedApiKey') satisfies z.ZodType<CreatedApiKey>

export const KeyListSchema = z
  .object({ keys: z.array(KeySchema) })
  .openapi('KeyList') satisfies z.ZodType<KeyList>

export const CreateKeySchema = z
  .object({
    type: z.enum(['publishable', 'secret']),
    mode: z.enum(['live', 'test']).optional(),
    name: z.string().trim().min(1).max(100).optional(),
    allowedOrigins: z.array(z.string().max(300)).max(50).optional(),
    expiresAt: isoDate.optional(),
    scopes: z.array(ScopeSchema).min(1).optional().openapi({
      description:
        'Secret keys only. Default: every scope the caller holds; one it lacks is `forbidden`.',
    }),
  })
  .openapi('CreateKeyRequest') satisfies z.ZodType<CreateKeyRequest, unknown>

export const RotateKeySchema = z
  .object({
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(MAX_ROTATION_OVERLAP_SECONDS)
      .optional()
      .openapi({
        description: `How long the old key keeps working. Default ${DEFAULT_ROTATION_OVERLAP_SECONDS} (24 hours).`,
      }),
  })
  .openapi('RotateKeyRequest') satisfies z.ZodType<RotateKeyRequest, unknown>
