/** One email to send. */
export interface MailMessage {
  /** The dealership it belongs to, if any: its outbox shows it. */
  tenantId?: string | undefined
  to: string
  subject: string
  text: string
  html?: string | undefined
  replyTo?: string | undefined
}

/** Delivers email. The embedded default delivers nowhere: the outbox is the destination. */
export interface MailTransport {
  readonly provider: string
  /** Resolves to the provider's message id; throws when the provider refuses the message. */
  deliver(message: MailMessage): Promise<string | undefined>
}
