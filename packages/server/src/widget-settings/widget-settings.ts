import type { WidgetSettings } from '@avataradam/sdk/protocol'
import { LRUCache } from 'lru-cache'
import { type AuditContext, recordAudit } from '../audit/audit-log.ts'
import type { Db, Queryable } from '../db/index.ts'
import { DEFAULT_WIDGET_SETTINGS } from './defaults.ts'

export interface WidgetSettingsService {
  /** The dealership's settings, or the defaults when it never saved any. */
  get(tenantId: string): Promise<WidgetSettings>
  /**
   * The same, for a visitor's socket as it connects: remembered for a second, so a burst of
   * connections (a page with many visitors, a reconnecting fleet) costs one query. A change made
   * here is seen at once; one made on another instance within that second, since the broadcast
   * of the change reaches the sockets already connected.
   */
  forVisitors(tenantId: string): Promise<WidgetSettings>
  /** Saves validated settings (audited when `audit` is given) and tells every visitor. */
  put(tenantId: string, settings: WidgetSettings, audit?: AuditContext): Promise<WidgetSettings>
}

export async function readWidgetSettings(tx: Queryable, tenantId: string): Promise<WidgetSettings> {
  const [row] = await tx.query<{ settings: WidgetSettings | string }>(
    'select settings from widget_settings where tenant_id = $1',
    [tenantId],
  )
  if (!row) return DEFAULT_WIDGET_SETTINGS
  return typeof row.settings === 'string' ? JSON.parse(row.settings) : row.settings
}

export async function writeWidgetSettings(
  tx: Queryable,
  tenantId: string,
  settings: WidgetSettings,
): Promise<void> {
  await tx.query(
    `insert into widget_settings (tenant_id, settings) values ($1, $2::text::jsonb)
     on conflict (tenant_id) do update set settings = excluded.settings, updated_at = now()`,
    [tenantId, JSON.stringify(settings)],
  )
}

/** Top-level fields whose value differs (what the audit log says changed). */
export function changedFields(before: WidgetSettings, after: WidgetSettings): string[] {
  return (Object.keys(after) as (keyof WidgetSettings)[]).filter(
    (field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]),
  )
}

/** Language tags as `Intl` spells them (`en-us` → `en-US`), once each. */
function canonical(settings: WidgetSettings): WidgetSettings {
  return {
    ...settings,
    languages: [...new Set(settings.languages.map((tag) => Intl.getCanonicalLocales(tag)[0]!))],
  }
}

/**
 * Widget settings: stored per dealership, sent to its visitors' widgets as `widget:settings`.
 * `changed` fans the new settings out (to every instance's visitor sockets).
 */
export function createWidgetSettingsService(
  db: Db,
  events: { changed(tenantId: string, settings: WidgetSettings): void },
  readDb: Db = db,
): WidgetSettingsService {
  const read = (tenantId: string) =>
    readDb.tenant(tenantId, (tx) => readWidgetSettings(tx, tenantId))
  const recent = new LRUCache<string, WidgetSettings>({
    max: 10_000,
    ttl: 1000,
    fetchMethod: (tenantId) => read(tenantId),
  })

  return {
    get: read,

    async forVisitors(tenantId) {
      return (await recent.fetch(tenantId)) ?? read(tenantId)
    },

    async put(tenantId, input, audit) {
      const settings = canonical(input)
      const changed = await db.tenant(tenantId, async (tx) => {
        const before = await readWidgetSettings(tx, tenantId)
        const fields = changedFields(before, settings)
        await writeWidgetSettings(tx, tenantId, settings)
        if (audit && fields.length > 0) {
          await recordAudit(tx, {
            tenantId,
            ...audit,
            action: 'settings.changed',
            target: 'widget',
            details: { settings: 'widget', fields },
          })
        }
        return fields.length > 0
      })
      recent.delete(tenantId)
      if (changed) events.changed(tenantId, settings)
      return settings
    },
  }
}
