import type {
  ApiKeySummary,
  CreatedApiKey,
  CreateKeyRequest,
  KeyList,
} from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { isoDate } from '../http/schemas.ts'

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
  })
  .openapi('CreateKeyRequest') satisfies z.ZodType<CreateKeyRequest, unknown>
