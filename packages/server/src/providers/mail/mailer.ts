import type { Db } from '../../db/index.ts'
import { newId } from '../../ids.ts'
import type { Logger } from '../../logger.ts'
import type { MailMessage, MailTransport } from './index.ts'

export interface SentMail {
  id: string
  status: 'stored' | 'sent' | 'failed'
  providerMessageId?: string | undefined
  error?: string | undefined
}

/**
 * Sends email and records each message in the outbox first, so nothing is lost when a provider
 * fails: the row says `failed` and why. Without a transport (embedded mode) the outbox is where
 * mail ends up (`stored`), for the portal to show.
 */
export function createMailer(deps: { db: Db; transport?: MailTransport | undefined; log: Logger }) {
  const { db, transport, log } = deps
  const inScope = <T>(tenantId: string | undefined, fn: Parameters<Db['transaction']>[0]) =>
    (tenantId ? db.tenant(tenantId, fn) : db.transaction(fn)) as Promise<T>
  return {
    provider: transport?.provider ?? 'outbox',
    async send(message: MailMessage): Promise<SentMail> {
      const id = newId()
      await inScope(message.tenantId, (tx) =>
        tx.query(
          `insert into mail_outbox (id, tenant_id, recipient, subject, text_body, html_body, provider, status)
           values ($1, $2, $3, $4, $5, $6, $7, 'stored')`,
          [
            id,
            message.tenantId ?? null,
            message.to,
            message.subject,
            message.text,
            message.html ?? null,
            transport?.provider ?? 'outbox',
          ],
        ),
      )
      if (!transport) return { id, status: 'stored' }
      let result: SentMail
      try {
        const providerMessageId = await transport.deliver(message)
        result = { id, status: 'sent', providerMessageId }
      } catch (err) {
        const error = (err as Error).message || String(err)
        log.warn({ err, mailId: id, provider: transport.provider }, 'email not delivered')
        result = { id, status: 'failed', error }
      }
      await inScope(message.tenantId, (tx) =>
        tx.query(
          `update mail_outbox set status = $2, provider_message_id = $3, error = $4, updated_at = now()
           where id = $1`,
          [id, result.status, result.providerMessageId ?? null, result.error ?? null],
        ),
      )
      return result
    },
  }
}

export type Mailer = ReturnType<typeof createMailer>
