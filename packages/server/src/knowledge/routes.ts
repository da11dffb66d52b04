import { createRoute, OpenAPIHono } from '@hono/zod-openapi'
import { requires } from '../auth/principal.ts'
import { AppError } from '../errors.ts'
import { auditContext } from '../http/audit-context.ts'
import type { AppEnv } from '../http/env.ts'
import { validationHook } from '../http/errors.ts'
import {
  errorResponse,
  errorResponses,
  IdParamSchema,
  jsonResponse as json,
} from '../http/schemas.ts'
import type { DocumentService } from './documents.ts'
import { readUpload } from './multipart-upload.ts'
import {
  DocumentAcceptedSchema,
  DocumentListSchema,
  DocumentSchema,
  SearchRequestSchema,
  SearchResultSchema,
  UploadSchema,
} from './schemas.ts'
import type { SearchService } from './search.ts'

const upload = createRoute({
  method: 'post',
  path: '/documents',
  middleware: [requires('knowledge:write')] as const,
  summary: 'Upload a document to the knowledge base',
  description:
    'Multipart form with a `file` field (text, Markdown, HTML, PDF, DOCX, or an inventory feed as CSV or XLSX) and an optional `title`. Answers at once; processing continues in the background: poll `GET /v1/documents/{id}`.',
  request: {
    body: { required: true, content: { 'multipart/form-data': { schema: UploadSchema } } },
  },
  responses: {
    202: json(DocumentAcceptedSchema, 'Stored and queued for processing'),
    200: json(DocumentAcceptedSchema, 'The same content was uploaded before: that document'),
    413: errorResponse('Larger than the upload limit'),
    415: errorResponse('Not a supported document type'),
    ...errorResponses,
  },
})

const list = createRoute({
  method: 'get',
  path: '/documents',
  middleware: [requires('knowledge:read')] as const,
  summary: 'List the knowledge base',
  responses: { 200: json(DocumentListSchema, 'Documents, newest first'), ...errorResponses },
})

const get = createRoute({
  method: 'get',
  path: '/documents/{id}',
  middleware: [requires('knowledge:read')] as const,
  summary: 'A document with its processing status and progress',
  request: { params: IdParamSchema },
  responses: { 200: json(DocumentSchema, 'The document'), ...errorResponses },
})

const remove = createRoute({
  method: 'delete',
  path: '/documents/{id}',
  middleware: [requires('knowledge:write')] as const,
  summary: 'Delete a document and everything indexed from it',
  request: { params: IdParamSchema },
  responses: { 204: { description: 'Deleted' }, ...errorResponses },
})

const reindex = createRoute({
  method: 'post',
  path: '/documents/{id}/reindex',
  middleware: [requires('knowledge:write')] as const,
  summary: 'Process a document again from its stored upload',
  description:
    'Queues the document again; its current passages keep answering until the new ones replace them. Poll `GET /v1/documents/{id}` for progress.',
  request: { params: IdParamSchema },
  responses: {
    202: json(DocumentSchema, 'Queued'),
    ...errorResponses,
    409: errorResponse('Being processed right now, or its upload is gone'),
  },
})

const search = createRoute({
  method: 'post',
  path: '/search',
  middleware: [requires('knowledge:read')] as const,
  summary: 'The passages the assistant would read to answer a question',
  request: {
    body: { required: true, content: { 'application/json': { schema: SearchRequestSchema } } },
  },
  responses: { 200: json(SearchResultSchema, 'Best passages first'), ...errorResponses },
})

const MAX_UPLOADS_IN_PROGRESS = 4

/** `/v1/documents` and `/v1/search`, for a tenant authenticated by its secret key. */
export function knowledgeRoutes(
  documents: DocumentService,
  searcher: SearchService,
  limits: { uploadBytes: number },
) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })

  // Streamed rather than validated by the schema (which would buffer the whole body first);
  // the route is still described in the OpenAPI document.
  app.openAPIRegistry.registerPath(upload)
  // Each upload in progress holds up to the size limit in memory: a few at a time per tenant.
  const uploading = new Map<string, number>()
  // registerPath only documents: the permission check has to be on the handler itself.
  app.post('/documents', requires('knowledge:write'), async (c) => {
    const tenantId = c.var.tenantId
    const inProgress = uploading.get(tenantId) ?? 0
    if (inProgress >= MAX_UPLOADS_IN_PROGRESS) {
      throw new AppError('rate_limited', 'Too many uploads at once; wait for one to finish.', {
        retryAfter: 1,
      })
    }
    uploading.set(tenantId, inProgress + 1)
    try {
      const upload = await readUpload(c.req.raw, limits.uploadBytes)
      const accepted = await documents.accept(tenantId, upload, auditContext(c))
      c.header('Location', `/v1/documents/${accepted.id}`)
      return c.json(accepted, accepted.duplicate ? 200 : 202)
    } finally {
      const left = (uploading.get(tenantId) ?? 1) - 1
      if (left > 0) uploading.set(tenantId, left)
      else uploading.delete(tenantId)
    }
  })

  app.openapi(list, async (c) => c.json({ documents: await documents.list(c.var.tenantId) }, 200))

  app.openapi(get, async (c) =>
    c.json(await documents.get(c.var.tenantId, c.req.valid('param').id), 200),
  )

  app.openapi(remove, async (c) => {
    await documents.delete(c.var.tenantId, c.req.valid('param').id, auditContext(c))
    return c.body(null, 204)
  })

  app.openapi(reindex, async (c) =>
    c.json(await documents.reindex(c.var.tenantId, c.req.valid('param').id, auditContext(c)), 202),
  )

  app.openapi(search, async (c) => {
    const { query, limit } = c.req.valid('json')
    const passages = await searcher.search(c.var.tenantId, query, { limit })
    return c.json(
      {
        hits: passages.map((p) => ({
          chunkId: p.chunkId,
          documentId: p.documentId,
          title: p.title,
          heading: p.heading,
          text: p.text,
          score: p.score,
        })),
      },
      200,
    )
  })

  return app
}
