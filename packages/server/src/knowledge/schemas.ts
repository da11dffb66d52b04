import {
  type DocumentAccepted,
  type DocumentList,
  ERROR_CODES,
  type KnowledgeDocument,
  type SearchRequest,
  type SearchResult,
  VEHICLE_FIELDS,
} from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'
import { isoDate } from '../http/schemas.ts'

export const DocumentSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    filename: z.string().nullable(),
    kind: z.enum(['text', 'markdown', 'html', 'pdf', 'docx', 'csv', 'xlsx']),
    sizeBytes: z.number().int(),
    status: z.enum(['queued', 'processing', 'ready', 'failed']),
    progress: z.number().min(0).max(1),
    chunkCount: z.number().int(),
    error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
    createdAt: isoDate,
    updatedAt: isoDate,
    inventory: z
      .object({
        vehicles: z.number().int(),
        columns: z.array(z.object({ name: z.string(), field: z.enum(VEHICLE_FIELDS).nullable() })),
      })
      .nullable()
      .describe('For an inventory feed: its vehicles and how each column was read'),
  })
  .openapi('Document') satisfies z.ZodType<KnowledgeDocument, unknown>

export const DocumentAcceptedSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'processing', 'ready', 'failed']),
    duplicate: z.boolean(),
  })
  .openapi('DocumentAccepted') satisfies z.ZodType<DocumentAccepted>

export const DocumentListSchema = z
  .object({ documents: z.array(DocumentSchema) })
  .openapi('DocumentList') satisfies z.ZodType<DocumentList, unknown>

export const UploadSchema = z.object({
  file: z.instanceof(File).openapi({ type: 'string', format: 'binary' }),
  title: z.string().trim().min(1).max(200).optional(),
})

export const SearchRequestSchema = z
  .object({
    query: z.string().trim().min(1).max(2000),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .openapi('SearchRequest') satisfies z.ZodType<SearchRequest, unknown>

export const SearchResultSchema = z
  .object({
    hits: z.array(
      z.object({
        chunkId: z.uuid(),
        documentId: z.uuid(),
        title: z.string(),
        heading: z.string().nullable(),
        text: z.string(),
        score: z.number(),
      }),
    ),
  })
  .openapi('SearchResult') satisfies z.ZodType<SearchResult>
