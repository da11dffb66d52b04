import { ApiError } from '../api.ts'

/** What a failed form submission shows: one message, and a message per field where known. */
export interface FormErrors {
  message: string
  fields: Record<string, string>
}

/**
 * Reads a server error for a form: `details.issues[].path` (validation) name the fields, and a
 * few codes belong to one field whatever the details say.
 */
export function formErrors(err: unknown, codeFields: Record<string, string> = {}): FormErrors {
  if (!(err instanceof ApiError)) {
    return { message: err instanceof Error ? err.message : String(err), fields: {} }
  }
  const fields: Record<string, string> = {}
  const issues = (err.details as { issues?: { path?: string; message?: string }[] } | undefined)
    ?.issues
  for (const issue of Array.isArray(issues) ? issues : []) {
    if (issue.path && issue.message && !fields[issue.path]) fields[issue.path] = issue.message
  }
  const field = codeFields[err.code]
  if (field && !fields[field]) fields[field] = err.message
  let message = err.message
  if (err.code === 'rate_limited' && err.retryAfter) {
    message = `Too many attempts. Try again in ${waitText(err.retryAfter)}.`
  }
  return { message, fields }
}

/** "45 seconds", "3 minutes". */
export function waitText(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}

/** What to tell the member about a failed call: the server's message, else a generic one. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof Error && err.message) return err.message
  return 'Something went wrong. Try again.'
}
