import type { Hook } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { z } from 'zod'
import { AppError, toErrorBody } from '../errors.ts'
import type { AppEnv } from './env.ts'

/** Hono's own exceptions (malformed JSON, wrong content type…) in our error vocabulary. */
function fromHttpException(err: HTTPException): AppError {
  if (err.status === 400 && /json/i.test(err.message)) {
    return new AppError('invalid_json', 'The request body is not valid JSON.')
  }
  if (err.status === 413) return new AppError('payload_too_large', 'The request body is too large.')
  if (err.status === 404) return new AppError('not_found', 'Not found.')
  if (err.status === 401) return new AppError('unauthorized', err.message || 'Unauthorized.')
  return new AppError('invalid_request', err.message || 'The request is not valid.')
}

/** The one place an error becomes a response: `{ "error": { "code", "message" } }`. */
export function handleError(err: Error, c: Context<AppEnv>): Response {
  const appError = AppError.isInstance(err)
    ? err
    : err instanceof HTTPException
      ? fromHttpException(err)
      : null
  if (!appError) {
    c.var.log?.error({ err }, 'unhandled error')
    return c.json({ error: toErrorBody(err) }, 500)
  }
  if (appError.retryAfter !== undefined) c.header('Retry-After', String(appError.retryAfter))
  // The rest of an oversized body is never read: the connection cannot carry another request.
  if (appError.code === 'payload_too_large') c.header('Connection', 'close')
  return c.json({ error: appError.toBody() }, appError.status as ContentfulStatusCode)
}

/** Lists what failed validation in one readable sentence, with the field paths as details. */
export function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
  const summary = issues
    .slice(0, 3)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ')
  return new AppError('invalid_request', `Invalid request: ${summary}`, { details: { issues } })
}

/** Validation hook for every route: invalid input is an `invalid_request`, nothing else runs. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw validationError(result.error as z.ZodError)
}
