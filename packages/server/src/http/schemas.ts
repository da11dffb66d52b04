import { ERROR_CODES, type ErrorResponse } from '@avataradam/sdk/protocol'
import { z } from '@hono/zod-openapi'

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional(),
      retryAfter: z.number().optional(),
    }),
  })
  .openapi('Error') satisfies z.ZodType<ErrorResponse>

/** A JSON response for the OpenAPI document of a route. */
export const jsonResponse = <T>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

export const errorResponse = (description: string) => jsonResponse(ErrorResponseSchema, description)

/** The error responses every authenticated route may give. */
export const errorResponses = {
  400: errorResponse('Invalid request'),
  401: errorResponse('Missing, invalid, revoked or expired key'),
  403: errorResponse('A publishable key where a secret key is needed'),
  404: errorResponse("Not found (or another tenant's)"),
  429: errorResponse('Rate limited; see Retry-After'),
} as const

export const IdParamSchema = z.object({
  id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'id', in: 'path' } }),
})

export const isoDate = z.iso.datetime({ offset: true })
