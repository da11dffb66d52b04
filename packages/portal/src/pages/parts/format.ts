import { ApiError } from '../../api.ts'

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
// Days are UTC dates: shown in UTC so they never shift to the day before.
const shortDate = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
})
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

/** An ISO time as the member's locale shows it. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date)
}

/** A `YYYY-MM-DD` day (UTC) as a short label, such as "Mar 4". */
export function formatDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? day : shortDate.format(date)
}

export function formatPercent(fraction: number): string {
  return percent.format(fraction)
}

/** A byte count as "12 KB" or "3.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** What to tell the member about a failed call: the server's message, else a generic one. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message
  if (err instanceof Error && err.message) return err.message
  return 'Something went wrong. Try again.'
}

/** `details.issues` of an `invalid_request`, by field path (`colors.primary`). */
export function fieldErrors(err: unknown): Map<string, string> {
  const out = new Map<string, string>()
  if (!(err instanceof ApiError)) return out
  const issues = (err.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)
    ?.issues
  if (!Array.isArray(issues)) return out
  for (const issue of issues) {
    if (typeof issue.path === 'string' && typeof issue.message === 'string') {
      out.set(issue.path, issue.message)
    }
  }
  return out
}
