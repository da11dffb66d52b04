import type { Lead, LeadSubmitPayload } from '@avataradam/sdk/protocol'
import type { Visitor } from '../chat/chat-service.ts'
import { findVisitorConversation } from '../chat/messages-repo.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import { newId } from '../ids.ts'
import type { JobQueues } from '../jobs/queues.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import type { Mailer } from '../providers/mail/mailer.ts'
import { findLeadByClientId, insertLead, leadNotificationEmail } from './leads-repo.ts'
import { leadWebhook } from './webhooks.ts'

export interface LeadServiceDeps {
  db: Db
  /** Leads per visitor. */
  limiter: RateLimiter
  mailer: Mailer
  /** The `webhooks` queue takes a delivery of each new lead when the dealership set a webhook. */
  queues: JobQueues
  log: Logger
}

export interface SubmittedLead {
  lead: Lead
  /** False when this clientLeadId was submitted before: nothing new was stored or sent. */
  created: boolean
}

/**
 * Leads from the chat: a visitor's contact details, stored once per client lead id, then emailed
 * to the dealership's lead address (`PUT /v1/leads/settings`) through the mailer, which records
 * every message in the outbox, and POSTed to its webhook (`PUT /v1/webhooks`) by the `webhooks`
 * queue.
 */
export function createLeadService(deps: LeadServiceDeps) {
  const { db, limiter, mailer, queues, log } = deps

  async function notify(tenantId: string, lead: Lead) {
    const [target, webhook] = await db.tenant(
      tenantId,
      async (tx) =>
        [await leadNotificationEmail(tx, tenantId), await leadWebhook(tx, tenantId)] as const,
    )
    if (webhook) await queues.add('webhooks', { tenantId, leadId: lead.id })
    if (!target?.email) {
      log.info({ tenantId, leadId: lead.id }, 'new lead; no lead notification address set')
      return
    }
    const vehicle = lead.vehicle?.name ?? vehicleName(lead)
    const lines = [
      `A visitor asked ${target.dealershipName}'s website assistant to be contacted.`,
      '',
      `Name: ${lead.name}`,
      lead.email && `Email: ${lead.email}`,
      lead.phone && `Phone: ${lead.phone}`,
      lead.reason && `Reason: ${lead.reason}`,
      vehicle && `Vehicle: ${vehicle}`,
      lead.vehicle?.stockNumber && `Stock #: ${lead.vehicle.stockNumber}`,
      lead.vehicle?.vin && `VIN: ${lead.vehicle.vin}`,
      lead.page?.url && `Page: ${lead.page.url}`,
      lead.message && `\nMessage:\n${lead.message}`,
      '',
      `Lead ${lead.id}${lead.conversationId ? `, conversation ${lead.conversationId}` : ''}.`,
      `The visitor consented to be contacted at ${lead.consentAt}.`,
    ].filter((line) => typeof line === 'string')
    await mailer.send({
      tenantId,
      to: target.email,
      subject: `New lead: ${lead.name}${lead.reason ? ` — ${lead.reason}` : ''}`.slice(0, 200),
      text: lines.join('\n'),
      replyTo: lead.email ?? undefined,
    })
  }

  return {
    /**
     * Stores the lead of a visitor (idempotent on clientLeadId), in one of their own conversations
     * only, then notifies the dealership without making the visitor wait for the email.
     */
    async submit(visitor: Visitor, payload: LeadSubmitPayload): Promise<SubmittedLead> {
      const { tenantId, visitorId } = visitor
      const earlier = await db.tenant(tenantId, (tx) =>
        findLeadByClientId(tx, tenantId, visitorId, payload.clientLeadId),
      )
      if (earlier) return { lead: earlier, created: false }
      await limiter.consume(`${tenantId}:${visitorId}`)
      const stored = await db.tenant(tenantId, async (tx) => {
        if (payload.conversationId) {
          const own = await findVisitorConversation(tx, tenantId, visitorId, payload.conversationId)
          if (!own) {
            throw new AppError('conversation_not_found', 'No such conversation for this visitor.')
          }
        }
        const inserted = await insertLead(tx, {
          id: newId(),
          tenantId,
          conversationId: payload.conversationId ?? null,
          visitorId,
          clientLeadId: payload.clientLeadId,
          name: payload.name,
          email: payload.email ?? null,
          phone: payload.phone ?? null,
          message: payload.message ?? null,
          reason: payload.reason ?? null,
          vehicle: payload.vehicle ?? null,
          page: visitor.page,
        })
        if (inserted) return { lead: inserted, created: true }
        // Sent twice at once: the other call stored it.
        const lead = await findLeadByClientId(tx, tenantId, visitorId, payload.clientLeadId)
        return { lead: lead!, created: false }
      })
      if (stored.created) {
        void notify(tenantId, stored.lead).catch((err) =>
          log.error(
            { err, tenantId, leadId: stored.lead.id },
            'could not send the lead notification',
          ),
        )
      }
      return stored
    },
  }
}

export type LeadService = ReturnType<typeof createLeadService>

function vehicleName(lead: Lead): string | null {
  const v = lead.vehicle
  if (!v) return null
  const name = [v.year, v.make, v.model, v.trim].filter((x) => x !== undefined).join(' ')
  return name || null
}
