import type { Lead, LeadVehicle, PageContext } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'

interface LeadRow extends Record<string, unknown> {
  id: string
  conversation_id: string | null
  visitor_id: string
  name: string
  email: string | null
  phone: string | null
  message: string | null
  reason: string | null
  vehicle: LeadVehicle | null
  page: PageContext | null
  consent_at: Date
  created_at: Date
}

const COLUMNS = `id, conversation_id, visitor_id, name, email, phone, message, reason, vehicle, page,
  consent_at, created_at`

const toLead = (r: LeadRow): Lead => ({
  id: r.id,
  conversationId: r.conversation_id,
  visitorId: r.visitor_id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  message: r.message,
  reason: r.reason,
  vehicle: r.vehicle,
  page: r.page,
  consentAt: r.consent_at.toISOString(),
  createdAt: r.created_at.toISOString(),
})

export interface NewLead {
  id: string
  tenantId: string
  conversationId: string | null
  visitorId: string
  clientLeadId: string
  name: string
  email: string | null
  phone: string | null
  message: string | null
  reason: string | null
  vehicle: LeadVehicle | null
  page: PageContext | null
}

/** Stores a lead; `null` when this visitor's clientLeadId is stored already. */
export async function insertLead(db: Queryable, lead: NewLead): Promise<Lead | null> {
  const [row] = await db.query<LeadRow>(
    `insert into leads (id, tenant_id, conversation_id, visitor_id, client_lead_id, name, email,
       phone, message, reason, vehicle, page, consent_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::text::jsonb, $12::text::jsonb, now())
     on conflict (tenant_id, visitor_id, client_lead_id) do nothing
     returning ${COLUMNS}`,
    [
      lead.id,
      lead.tenantId,
      lead.conversationId,
      lead.visitorId,
      lead.clientLeadId,
      lead.name,
      lead.email,
      lead.phone,
      lead.message,
      lead.reason,
      lead.vehicle === null ? null : JSON.stringify(lead.vehicle),
      lead.page === null ? null : JSON.stringify(lead.page),
    ],
  )
  return row ? toLead(row) : null
}

export async function findLeadByClientId(
  db: Queryable,
  tenantId: string,
  visitorId: string,
  clientLeadId: string,
): Promise<Lead | null> {
  const [row] = await db.query<LeadRow>(
    `select ${COLUMNS} from leads where tenant_id = $1 and visitor_id = $2 and client_lead_id = $3`,
    [tenantId, visitorId, clientLeadId],
  )
  return row ? toLead(row) : null
}

export async function findLead(db: Queryable, tenantId: string, id: string): Promise<Lead | null> {
  const [row] = await db.query<LeadRow>(
    `select ${COLUMNS} from leads where tenant_id = $1 and id = $2`,
    [tenantId, id],
  )
  return row ? toLead(row) : null
}

/**
 * A page of the tenant's leads, newest first; `before` (a lead id) continues after that lead.
 * Ids are UUIDv7, so they sort by creation time too and break ties.
 */
export async function listLeads(
  db: Queryable,
  tenantId: string,
  options: { limit: number; before?: string | undefined },
): Promise<Lead[]> {
  const rows = await db.query<LeadRow>(
    `select ${COLUMNS} from leads
     where tenant_id = $1
       and ($2::uuid is null or (created_at, id) < (select created_at, id from leads where tenant_id = $1 and id = $2))
     order by created_at desc, id desc limit $3`,
    [tenantId, options.before ?? null, options.limit],
  )
  return rows.map(toLead)
}

export async function leadNotificationEmail(
  db: Queryable,
  tenantId: string,
): Promise<{ email: string | null; dealershipName: string } | null> {
  const [row] = await db.query<{ lead_notification_email: string | null; name: string }>(
    'select lead_notification_email, name from tenants where id = $1',
    [tenantId],
  )
  return row ? { email: row.lead_notification_email, dealershipName: row.name } : null
}

export async function setLeadNotificationEmail(
  db: Queryable,
  tenantId: string,
  email: string | null,
): Promise<void> {
  await db.query('update tenants set lead_notification_email = $2 where id = $1', [tenantId, email])
}
