import Mailgun from 'mailgun.js'
import type { MailMessage, MailTransport } from './index.ts'

export interface MailgunOptions {
  apiKey: string
  /** The sending domain, such as `mg.hilltopford.com`. */
  domain: string
  /** `https://api.mailgun.net` (US) or `https://api.eu.mailgun.net` (EU). */
  url: string
  /** The From header, such as `Hilltop Ford <assistant@mg.hilltopford.com>`. */
  from: string
  timeoutMs?: number
}

/** Email through Mailgun's HTTP API, with Mailgun's own client library. */
export function createMailgunTransport(options: MailgunOptions) {
  const client = new Mailgun(FormData).client({
    username: 'api',
    key: options.apiKey,
    url: options.url,
    timeout: options.timeoutMs ?? 15_000,
  })
  const transport: MailTransport & { checkDomain(): Promise<string> } = {
    provider: 'mailgun',
    async deliver(message: MailMessage) {
      const result = await client.messages.create(options.domain, {
        from: options.from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        ...(message.replyTo ? { 'h:Reply-To': message.replyTo } : {}),
      })
      return result.id
    },
    /** For `avataradam doctor`: the domain exists and the key may use it. */
    async checkDomain() {
      const domain = await client.domains.get(options.domain)
      return `domain ${domain.name} (${domain.state})`
    },
  }
  return transport
}
