import type { AuditAction, AuditActor, AuditEntry } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'
import { newId } from '../ids.ts'

export interface AuditRecord {
  tenantId: string
  action: AuditAction
  actor: AuditActor
  target?: string | null | undefined
  ip?: string | null | undefined
  details?: Record<string, unknown> | undefined
}

/** Who made a change and from where: what a use case needs to record it. */
export interface AuditContext {
  actor: AuditActor
  ip?: string | null | undefined
}

/**
 * Appends to a dealership's audit log. Call it inside the transaction that makes the change, so
 * the entry exists exactly when the change does.
 */
export async function recordAudit(db: Queryable, entry: AuditRecord): Promise<void> {
  const actor = entry.actor
  await db.query(
    `insert into audit_log (id, tenant_id, action, actor_type, actor_id, actor_label, target, ip, details)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::text::jsonb)`,
    [
      newId(),
      entry.tenantId,
      entry.action,
      actor.type,
      actor.type === 'system' ? null : actor.id,
      actor.type === 'member' ? actor.email : actor.type === 'key' ? actor.prefix : null,
      entry.target ?? null,
      entry.ip ?? null,
      JSON.stringify(entry.details ?? {}),
    ],
  )
}

interface AuditRow extends Record<string, unknown> {
  id: string
  seq: string
  at: Date
  action: AuditAction
  actor_type: AuditActor['type']
  actor_id: string | null
  actor_label: string | null
  target: string | null
  ip: string | null
  details: Record<string, unknown> | string
}

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at.toISOString(),
  action: r.action,
  actor:
    r.actor_type === 'member'
      ? { type: 'member', id: r.actor_id!, email: r.actor_label ?? '' }
      : r.actor_type === 'key'
        ? { type: 'key', id: r.actor_id!, prefix: r.actor_label ?? '' }
        : { type: 'system' },
  target: r.target,
  ip: r.ip,
  details: typeof r.details === 'string' ? JSON.parse(r.details) : r.details,
})

/** A page of the tenant's audit log, newest first, entries older than `before` when given. */
export async function listAudit(
  db: Queryable,
  tenantId: string,
  options: { before?: string | undefined; limit: number },
): Promise<{ entries: AuditEntry[]; nextBefore: string | null }> {
  const rows = await db.query<AuditRow>(
    `select id, seq, at, action, actor_type, actor_id, actor_label, target, ip, details
     from audit_log
     where tenant_id = $1
       and ($2::uuid is null or seq < (select seq from audit_log where tenant_id = $1 and id = $2))
     order by seq desc limit $3`,
    [tenantId, options.before ?? null, options.limit + 1],
  )
  const page = rows.slice(0, options.limit)
  return {
    entries: page.map(toEntry),
    nextBefore: rows.length > options.limit ? page.at(-1)!.id : null,
  }
}
