import type { Db } from '../../db/index.ts'
import { newId } from '../../ids.ts'
import type { JobContext, JobData, JobQueues } from '../../jobs/queues.ts'
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
 * mail ends up (`stored`), for the portal to show. With a queue (BullMQ, REDIS_URL), sending is
 * the `email` queue's job: the row stays `stored` until a worker delivers it, retried with backoff,
 * and says `failed` only once the attempts ran out.
 */
export function createMailer(deps: {
  db: Db
  transport?: MailTransport | undefined
  log: Logger
  queues?: JobQueues | undefined
}) {
  const { db, transport, log, queues } = deps
  const inScope = <T>(tenantId: string | undefined, fn: Parameters<Db['transaction']>[0]) =>
    (tenantId ? db.tenant(tenantId, fn) : db.transaction(fn)) as Promise<T>
  return {
    provider: transport?.provider ?? 'outbox',
    async send(message: MailMessage): Promise<SentMail> {
      const id = newId()
      await inScope(message.tenantId, (tx) =>
        tx.query(
          `insert into mail_outbox (id, tenant_id, recipient, subject, text_body, html_body, reply_to, provider, status)
           values ($1, $2, $3, $4, $5, $6, $7, $8, 'stored')`,
          [
            id,
            message.tenantId ?? null,
            message.to,
            message.subject,
            message.text,
            message.html ?? null,
            message.replyTo ?? null,
            transport?.provider ?? 'outbox',
          ],
        ),
      )
      if (!transport) return { id, status: 'stored' }
      if (queues) {
        await queues.add('email', { tenantId: message.tenantId ?? null, mailId: id })
        return { id, status: 'stored' }
      }
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
    /**
     * The `email` queue's handler: delivers one outbox message. A failure is thrown back for the
     * queue to retry; on the last attempt it is recorded on the row too. Sent mail is not sent
     * again (a job delivered twice, say).
     */
    async deliverQueued(data: JobData, job: JobContext): Promise<void> {
      if (!transport) return
      const tenantId = data.tenantId ?? undefined
      const mailId = data.mailId as string
      const [row] = await inScope<OutboxRow[]>(tenantId, (tx) =>
        tx.query(
          `select recipient, subject, text_body, html_body, reply_to, status from mail_outbox where id = $1`,
          [mailId],
        ),
      )
      if (!row || row.status === 'sent') return
      let update: {
        status: 'sent' | 'failed'
        providerMessageId?: string | undefined
        error?: string
      }
      try {
        const providerMessageId = await transport.deliver({
          tenantId,
          to: row.recipient,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body ?? undefined,
          replyTo: row.reply_to ?? undefined,
        })
        update = { status: 'sent', providerMessageId }
      } catch (err) {
        if (!job.lastAttempt) throw err
        update = { status: 'failed', error: (err as Error).message || String(err) }
        await record(tenantId, mailId, update)
        throw err
      }
      await record(tenantId, mailId, update)
    },
  }

  function record(
    tenantId: string | undefined,
    id: string,
    result: { status: string; providerMessageId?: string | undefined; error?: string | undefined },
  ) {
    return inScope(tenantId, (tx) =>
      tx.query(
        `update mail_outbox set status = $2, provider_message_id = $3, error = $4, updated_at = now()
         where id = $1`,
        [id, result.status, result.providerMessageId ?? null, result.error ?? null],
      ),
    )
  }
}

interface OutboxRow {
  recipient: string
  subject: string
  text_body: string
  html_body: string | null
  reply_to: string | null
  status: string
}

export type Mailer = ReturnType<typeof createMailer>
