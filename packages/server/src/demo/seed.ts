import { randomBytes } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import type { WidgetSettings } from '@avataradam/sdk/protocol'
import type { AuthService } from '../auth/auth-service.ts'
import type { Db } from '../db/index.ts'
import type { DocumentService } from '../knowledge/documents.ts'
import type { Logger } from '../logger.ts'
import type { KeyService } from '../tenants/keys.ts'
import { normalizeAllowedOrigin } from '../tenants/origins.ts'
import { insertTenant } from '../tenants/tenants-repo.ts'
import { DEFAULT_WIDGET_SETTINGS } from '../widget-settings/defaults.ts'
import type { WidgetSettingsService } from '../widget-settings/widget-settings.ts'

const DOCUMENTS_DIR = new URL('../../demo/documents/', import.meta.url)
export const DEMO_DEALERSHIP = "Adam's Auto Sales"

/**
 * The demo dealership's widget: the greeting the demo site always showed, and the sales hours of
 * its documents (hours-and-contact.md), so the portal opens on settings that match the site.
 */
export const DEMO_WIDGET_SETTINGS: WidgetSettings = {
  ...DEFAULT_WIDGET_SETTINGS,
  hours: {
    timezone: 'America/New_York',
    days: {
      mon: [{ open: '09:00', close: '20:00' }],
      tue: [{ open: '09:00', close: '20:00' }],
      wed: [{ open: '09:00', close: '20:00' }],
      thu: [{ open: '09:00', close: '20:00' }],
      fri: [{ open: '09:00', close: '20:00' }],
      sat: [{ open: '09:00', close: '18:00' }],
    },
    closedMessage:
      "Our showroom is closed right now, but I'm here to help; a salesperson will follow up when we open.",
  },
}

export interface DemoDealership {
  tenantId: string
  /** Public by design: it sits in the demo site's script tag. */
  publishableKey: string
  /** Only when the demo was created by this start: it is shown once and never stored. */
  secretKey?: string
  /** The demo owner's portal account; `password` only when this start generated it. */
  owner?: { email: string; password?: string | undefined }
}

export const DEMO_OWNER_EMAIL = 'owner@demo.avataradam.dev'

/**
 * The demo dealership's owner, so a newcomer can open /portal and sign in: the password is
 * DEMO_OWNER_PASSWORD, or one generated when the account is created (returned, to print once).
 */
export async function ensureDemoOwner(deps: {
  auth: AuthService
  tenantId: string
  password: string | undefined
}): Promise<{ email: string; password?: string | undefined }> {
  const password = deps.password ?? randomBytes(12).toString('base64url')
  const { created } = await deps.auth.ensureMember({
    tenantId: deps.tenantId,
    email: DEMO_OWNER_EMAIL,
    name: 'Demo Owner',
    role: 'owner',
    password,
    resetPassword: deps.password !== undefined,
  })
  return { email: DEMO_OWNER_EMAIL, password: created && !deps.password ? password : undefined }
}

interface DemoSetting extends Record<string, unknown> {
  tenantId: string
  publishableKey: string
  keyId: string
}

async function readSetting(db: Db): Promise<DemoSetting | null> {
  const [row] = await db.query<{ value: DemoSetting }>(
    `select value from system_settings where key = 'demo'`,
  )
  return row?.value ?? null
}

async function writeSetting(db: Db, value: DemoSetting): Promise<void> {
  await db.query(
    `insert into system_settings (key, value) values ('demo', $1::text::jsonb)
     on conflict (key) do update set value = excluded.value, updated_at = now()`,
    [JSON.stringify(value)],
  )
}

/**
 * The demo dealership, created on the first start and kept after: a tenant, a publishable key for
 * the origins this server is reached at, a secret key shown once, and the demo documents queued
 * for ingestion. Later starts reuse it, adding any new origin (another PORT) to the key.
 */
export async function ensureDemoDealership(deps: {
  db: Db
  keys: KeyService
  documents: DocumentService
  widgetSettings?: WidgetSettingsService | undefined
  log: Logger
  origins: string[]
}): Promise<DemoDealership> {
  const { db, keys, documents, widgetSettings, log } = deps
  const origins = deps.origins.map((o) => normalizeAllowedOrigin(o)!).filter(Boolean)
  const existing = await readSetting(db)
  if (existing) {
    const key = (await keys.list(existing.tenantId)).find((k) => k.id === existing.keyId)
    if (key && !key.revokedAt) {
      const missing = origins.filter((o) => !key.allowedOrigins.includes(o))
      if (missing.length > 0) {
        await db.tenant(existing.tenantId, (tx) =>
          tx.query(
            'update api_keys set allowed_origins = allowed_origins || $2::text[] where id = $1',
            [key.id, missing],
          ),
        )
      }
      return { tenantId: existing.tenantId, publishableKey: existing.publishableKey }
    }
    // The demo key was revoked or deleted: issue a new one for the same dealership.
    const created = await keys.create(existing.tenantId, demoKey(origins))
    await writeSetting(db, { ...existing, publishableKey: created.key, keyId: created.id })
    return { tenantId: existing.tenantId, publishableKey: created.key }
  }

  const tenant = await insertTenant(db, DEMO_DEALERSHIP)
  await widgetSettings?.put(tenant.id, DEMO_WIDGET_SETTINGS)
  const publishable = await keys.create(tenant.id, demoKey(origins))
  const secret = await keys.create(tenant.id, {
    type: 'secret',
    mode: 'test',
    name: 'Demo secret key',
  })
  for (const file of (await readdir(DOCUMENTS_DIR)).sort()) {
    const bytes = await readFile(new URL(file, DOCUMENTS_DIR))
    await documents.accept(tenant.id, { bytes, filename: file, contentType: null })
  }
  await writeSetting(db, {
    tenantId: tenant.id,
    publishableKey: publishable.key,
    keyId: publishable.id,
  })
  log.info({ tenantId: tenant.id }, 'demo dealership created')
  return { tenantId: tenant.id, publishableKey: publishable.key, secretKey: secret.key }
}

function demoKey(origins: string[]) {
  return {
    type: 'publishable' as const,
    mode: 'test' as const,
    name: 'Demo site',
    allowedOrigins: origins,
  }
}
