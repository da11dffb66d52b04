import type { Context } from 'hono'
import type { AuditContext } from '../audit/audit-log.ts'
import { auditActor } from '../auth/principal.ts'
import type { AppEnv } from './env.ts'

/** The audit context of an authenticated `/v1` request: its principal and client address. */
export function auditContext(c: Context<AppEnv>): AuditContext {
  return { actor: auditActor(c.var.principal), ip: c.var.clientIp }
}
