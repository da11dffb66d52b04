import type { Db } from '../db/index.ts'
import type { Logger } from '../logger.ts'
import { refreshKnowledgeStats } from './knowledge-stats.ts'

export interface SearchStatistics {
  /** A tenant's chunks changed (a document indexed or deleted): refresh a little later. */
  changed(tenantId: string): void
  /** Cancels refreshes not yet run. */
  stop(): void
}

/**
 * Keeps the statistics retrieval depends on current: a tenant's common words (for full-text
 * search) and, on PGlite (which runs no autovacuum), the planner's statistics. Changes close
 * together make one refresh, `delayMs` after the last; a tenant whose documents keep changing is
 * refreshed at least every `maxWaitMs`.
 */
export function createSearchStatistics(options: {
  db: Db
  log: Logger
  delayMs?: number
  maxWaitMs?: number
}): SearchStatistics {
  const { db, log } = options
  const delayMs = options.delayMs ?? 3000
  const maxWaitMs = options.maxWaitMs ?? 30_000
  const pending = new Map<string, { timer: NodeJS.Timeout; since: number }>()

  const refresh = (tenantId: string) => {
    pending.delete(tenantId)
    refreshKnowledgeStats(db, tenantId)
      // PostgreSQL's autovacuum keeps the planner's statistics; PGlite has none.
      .then(() => (db.driver === 'pglite' ? db.exec('analyze chunks') : undefined))
      .catch((err) => log.warn({ err, tenantId }, 'could not refresh search statistics'))
  }

  return {
    changed(tenantId) {
      const since = pending.get(tenantId)?.since ?? Date.now()
      clearTimeout(pending.get(tenantId)?.timer)
      const wait = Math.max(0, Math.min(delayMs, since + maxWaitMs - Date.now()))
      const timer = setTimeout(() => refresh(tenantId), wait)
      timer.unref()
      pending.set(tenantId, { timer, since })
    },
    stop() {
      for (const { timer } of pending.values()) clearTimeout(timer)
      pending.clear()
    },
  }
}
