import type {
  DealershipFacts,
  DealershipFactsResponse,
  DealershipFactsUpdate,
} from '@avataradam/sdk/protocol'
import { LRUCache } from 'lru-cache'
import { type AuditContext, recordAudit } from '../audit/audit-log.ts'
import type { Db, Queryable } from '../db/index.ts'
import { readWidgetSettings } from '../widget-settings/widget-settings.ts'
import { stateOf } from './extract/contacts.ts'
import { readDocumentFacts, readDocumentTitles, readProfile, writeProfile } from './facts-repo.ts'
import { mergeFacts } from './merge.ts'
import { STATE_TIMEZONES } from './state-timezones.ts'

/** What the assistant answers a dealership's visitors from: its facts and its time zone. */
export interface TenantFacts {
  facts: DealershipFacts
  /** IANA time zone, `null` when nothing tells it. */
  timezone: string | null
  /** Titles of the ready documents by id, to cite by. */
  titles: Record<string, string>
  /** Languages the dealership's widget offers, its default first. */
  languages: string[]
}

export interface FactsService {
  /** The facts a turn answers from (remembered a few seconds; forgotten when they change here). */
  forTurn(tenantId: string): Promise<TenantFacts>
  /** `GET /v1/dealership-facts`. */
  get(tenantId: string): Promise<DealershipFactsResponse>
  /** `PUT /v1/dealership-facts`. */
  update(
    tenantId: string,
    update: DealershipFactsUpdate,
    audit?: AuditContext,
  ): Promise<DealershipFactsResponse>
  /** Drops what is remembered of a tenant (its documents changed). */
  forget(tenantId: string): void
}

// Facts change when documents finish processing (perhaps in a worker process) or staff edit
// them: a turn may answer from facts a few seconds old, never from older.
const CACHE_MS = 5_000

function withoutLanguages(
  response: DealershipFactsResponse & { languages: string[] },
): DealershipFactsResponse {
  const { languages: _languages, ...rest } = response
  return rest
}

/**
 * The dealership facts service: facts read from documents at ingestion, merged, with staff's
 * corrections over them and the time zone (set, else the widget's hours', else the address's
 * state's).
 */
export function createFactsService(db: Db): FactsService {
  const cache = new LRUCache<string, TenantFacts>({ max: 5000, ttl: CACHE_MS })

  async function load(
    tx: Queryable,
    tenantId: string,
  ): Promise<DealershipFactsResponse & { languages: string[] }> {
    const documents = await readDocumentFacts(tx, tenantId)
    const profile = await readProfile(tx, tenantId)
    const widget = await readWidgetSettings(tx, tenantId)
    const extracted = mergeFacts(documents)
    const facts = profile.corrections ?? extracted
    const address = facts.address ?? extracted.address
    const state = address ? stateOf(address) : null
    return {
      facts,
      extracted,
      corrected: profile.corrections !== null,
      timezone: profile.timezone,
      effectiveTimezone:
        profile.timezone ??
        widget.hours?.timezone ??
        (state ? (STATE_TIMEZONES[state] ?? null) : null),
      languages: widget.languages,
    }
  }

  return {
    async forTurn(tenantId) {
      const cached = cache.get(tenantId)
      if (cached) return cached
      const { response, titles } = await db.tenant(tenantId, async (tx) => ({
        response: await load(tx, tenantId),
        titles: await readDocumentTitles(tx, tenantId),
      }))
      const result = {
        facts: response.facts,
        timezone: response.effectiveTimezone,
        titles,
        languages: response.languages,
      }
      cache.set(tenantId, result)
      return result
    },
    get: (tenantId) =>
      db.tenant(tenantId, async (tx) => withoutLanguages(await load(tx, tenantId))),
    async update(tenantId, update, audit) {
      const response = await db.tenant(tenantId, async (tx) => {
        const profile = await readProfile(tx, tenantId)
        await writeProfile(tx, tenantId, {
          timezone: update.timezone === undefined ? profile.timezone : update.timezone,
          corrections: update.facts === undefined ? profile.corrections : update.facts,
        })
        if (audit) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'settings.changed',
            target: 'dealership-facts',
            details: { settings: 'dealership-facts', fields: Object.keys(update) },
          })
        }
        return withoutLanguages(await load(tx, tenantId))
      })
      cache.delete(tenantId)
      return response
    },
    forget(tenantId) {
      cache.delete(tenantId)
    },
  }
}
