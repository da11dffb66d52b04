import type { MailConfig } from '../../config/index.ts'
import { createMailgunTransport } from './mailgun-transport.ts'

/** The transport the configuration names; none in embedded mode, where the outbox is the end. */
export function mailTransportFromConfig(mail: MailConfig) {
  if (mail.provider === 'outbox') return undefined
  return createMailgunTransport({
    apiKey: mail.apiKey,
    domain: mail.domain,
    url: mail.url,
    from: mail.from,
  })
}
