import { createHmac, randomBytes } from 'node:crypto'
import type { Lead } from '@avataradam/sdk/protocol'
import type { Db, Queryable } from '../db/index.ts'
import { type JobData, PermanentJobError } from '../jobs/queues.ts'
import type { Logger } from '../logger.ts'
import { publicFetch } from '../net/public-fetch.ts'
import type { SecretBox } from '../secrets/secret-box.ts'
import { isPrivateHost } from '../tenants/provider-overrides.ts'
import { findLead } from './leads-repo.ts'

/** The header carrying a delivery's signature: `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'AvatarAdam-Signature'

/** A new signing secret: `whsec_` and 32 random bytes in base64url. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/**
 * The signature of a delivery: HMAC-SHA256, keyed with the webhook's secret, of
 * `<timestamp>.<raw body>`. A receiver recomputes it and compares (in constant time), and refuses
 * old timestamps to stop replays.
 *
 * @example
 * ```ts
 * const expected = signWebhook(secret, t, rawBody) // compare with the header's v1
 * ```
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

const sealContext = (tenantId: string) => `lead-webhook:${tenantId}`

/**
 * The dealership's webhook. The secret is sealed at rest with AVATARADAM_SECRET_KEYS when they
 * are set (the server needs it in clear to sign, so it cannot be hashed); stored as is otherwise.
 */
export async function leadWebhook(
  db: Queryable,
  tenantId: string,
  box?: SecretBox | undefined,
): Promise<{ url: string; secret: string } | null> {
  const [row] = await db.query<{
    lead_webhook_url: string | null
    lead_webhook_secret: string | null
  }>('select lead_webhook_url, lead_webhook_secret from tenants where id = $1', [tenantId])
  if (!row?.lead_webhook_url || !row.lead_webhook_secret) return null
  const stored = row.lead_webhook_secret
  const secret = stored.startsWith('whsec_')
    ? stored
    : box
      ? box.open(stored, sealContext(tenantId))
      : ''
  return { url: row.lead_webhook_url, secret }
}

export async function setLeadWebhook(
  db: Queryable,
  tenantId: string,
  webhook: { url: string; secret: string } | null,
  box?: SecretBox | undefined,
): Promise<void> {
  const secret = webhook && box ? box.seal(webhook.secret, sealContext(tenantId)) : webhook?.secret
  await db.query(
    'update tenants set lead_webhook_url = $2, lead_webhook_secret = $3 where id = $1',
    [tenantId, webhook?.url ?? null, secret ?? null],
  )
}

/** Why a URL may not receive webhooks, or null when it may. */
export function refusedWebhookUrl(url: string, allowPrivate: boolean): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'url must be an absolute http(s) URL'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return 'url must be an http(s) URL'
  }
  if (!allowPrivate && isPrivateHost(parsed.hostname)) {
    return 'url must be a public address, not localhost or a private network (the operator can allow those with PROVIDER_URLS_ALLOW_PRIVATE=true).'
  }
  return null
}

/** A delivery failed in a way retrying may mend (network, timeout, 429, 5xx). */
class PassingDeliveryError extends Error {
  override name = 'WebhookDeliveryError'
}

/**
 * The `webhooks` queue's handler: POSTs `{ id, type: 'lead.created', createdAt, lead }` to the
 * dealership's webhook URL, as it is at delivery time, signed. Network errors, timeouts, 429 and
 * 5xx are retried with backoff; any other answer but 2xx fails the job at once. Redirects are not
 * followed (they could lead to a private address).
 */
export function createWebhookDelivery(deps: {
  db: Db
  log: Logger
  allowPrivate: boolean
  timeoutMs: number
  box?: SecretBox | undefined
  fetch?: typeof fetch | undefined
}) {
  // A name that resolves to a private address is refused when connecting, not only when set.
  const doFetch = deps.fetch ?? (deps.allowPrivate ? fetch : publicFetch)
  return async function deliverWebhook(data: JobData, job: { id: string }): Promise<void> {
    const tenantId = data.tenantId as string
    const leadId = data.leadId as string
    const found = await deps.db.tenant(tenantId, async (tx) => ({
      webhook: await leadWebhook(tx, tenantId, deps.box),
      lead: await findLead(tx, tenantId, leadId),
    }))
    if (!found.webhook || !found.lead) {
      deps.log.info(
        { tenantId, leadId },
        'webhook no longer set or lead deleted: nothing to deliver',
      )
      return
    }
    const { url, secret } = found.webhook
    if (!secret) {
      throw new PermanentJobError(
        'The webhook secret is sealed and AVATARADAM_SECRET_KEYS cannot open it: set the webhook again.',
      )
    }
    const refused = refusedWebhookUrl(url, deps.allowPrivate)
    if (refused) throw new PermanentJobError(refused)
    const body = JSON.stringify(webhookEvent(job.id, found.lead))
    const timestamp = Math.floor(Date.now() / 1000)
    let res: Response
    try {
      res = await doFetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(deps.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'AvatarAdam-Webhooks/1',
          'avataradam-event-id': job.id,
          [SIGNATURE_HEADER]: `t=${timestamp},v1=${signWebhook(secret, timestamp, body)}`,
        },
        body,
      })
    } catch (err) {
      const cause = (err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message
      throw new PassingDeliveryError(`POST ${url} failed: ${cause}`)
    }
    await res.body?.cancel().catch(() => {})
    if (res.ok) return
    const message = `POST ${url} answered ${res.status}`
    if (res.status === 429 || res.status >= 500) throw new PassingDeliveryError(message)
    throw new PermanentJobError(message)
  }
}

export function webhookEvent(id: string, lead: Lead) {
  return { id, type: 'lead.created' as const, createdAt: new Date().toISOString(), lead }
}
