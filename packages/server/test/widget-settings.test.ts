import type { WidgetSettings } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_WIDGET_SETTINGS } from '../src/widget-settings/defaults.ts'
import {
  api,
  connectVisitor,
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

let server: TestServer
let a: TestTenant
let b: TestTenant

beforeAll(async () => {
  server = await startTestServer()
  a = await createTenant(server, 'Alpha Autos')
  b = await createTenant(server, 'Bravo Motors')
})
afterAll(() => server.stop())

const VALID: WidgetSettings = {
  assistantName: 'Ava',
  greeting: 'Welcome to Alpha Autos! How can I help?',
  suggestions: ['Do you have SUVs?', 'Can I book a test drive?'],
  colors: { primary: '#aa0000', onPrimary: '#ffffff' },
  avatar: { kind: 'image', url: 'https://cdn.alpha.example/ava.png' },
  languages: ['en-us', 'es'],
  hours: {
    timezone: 'America/Chicago',
    days: { mon: [{ open: '09:00', close: '18:00' }], sat: [{ open: '10:00', close: '14:00' }] },
    closedMessage: 'We are closed; leave your number and we call you back.',
  },
}

/** Resolves with the next `widget:settings` the socket receives. */
function nextSettings(socket: VisitorClient, timeoutMs = 5000): Promise<WidgetSettings> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no widget:settings')), timeoutMs)
    socket.once('widget:settings', (settings) => {
      clearTimeout(timer)
      resolve(settings)
    })
  })
}

async function connectWithSettings(key: string) {
  const socket = visitorClient(server, { key })
  const first = nextSettings(socket)
  await connectVisitor(socket)
  return { socket, settings: await first }
}

describe('GET and PUT /v1/widget-settings', () => {
  it('answers the defaults until a dealership saves its own', async () => {
    const res = await api(server, b.secret.key, 'GET', '/v1/widget-settings')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(DEFAULT_WIDGET_SETTINGS)
  })

  it('saves valid settings, with language tags made canonical, and records what changed', async () => {
    const res = await api(server, a.secret.key, 'PUT', '/v1/widget-settings', VALID)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ...VALID, languages: ['en-US', 'es'] })
    expect((await api(server, a.secret.key, 'GET', '/v1/widget-settings')).body).toEqual(res.body)
    const [entry] = await server.db.query<{ details: string }>(
      `select details::text from audit_log where tenant_id = $1 and action = 'settings.changed'`,
      [a.tenantId],
    )
    expect(JSON.parse(entry!.details).fields).toEqual([
      'assistantName',
      'greeting',
      'suggestions',
      'colors',
      'avatar',
      'languages',
      'hours',
    ])
  })

  it('refuses invalid settings field by field, and changes nothing', async () => {
    const tenant = await createTenant(server, 'Strict Motors')
    const invalid: [string, unknown][] = [
      ['colors.primary', { ...VALID, colors: { primary: 'red', onPrimary: '#ffffff' } }],
      ['colors.onPrimary', { ...VALID, colors: { primary: '#aa0000', onPrimary: '#fff' } }],
      ['avatar.url', { ...VALID, avatar: { kind: 'image', url: 'http://cdn.example/a.png' } }],
      ['hours.timezone', { ...VALID, hours: { ...VALID.hours, timezone: 'Mars/Olympus' } }],
      [
        'hours.days.mon.0.close',
        { ...VALID, hours: { ...VALID.hours, days: { mon: [{ open: '18:00', close: '09:00' }] } } },
      ],
      [
        'hours.days.tue.0.open',
        { ...VALID, hours: { ...VALID.hours, days: { tue: [{ open: '9:00', close: '17:00' }] } } },
      ],
      ['suggestions', { ...VALID, suggestions: ['1', '2', '3', '4', '5', '6', '7'] }],
      ['suggestions.0', { ...VALID, suggestions: ['x'.repeat(121)] }],
      ['greeting', { ...VALID, greeting: 'x'.repeat(501) }],
      ['assistantName', { ...VALID, assistantName: 'x'.repeat(41) }],
      ['languages', { ...VALID, languages: [] }],
      ['languages', { ...VALID, languages: ['en', 'es', 'fr', 'de', 'it', 'pt'] }],
      ['languages.0', { ...VALID, languages: ['not a language'] }],
      ['extra', { ...VALID, extra: true }],
    ]
    for (const [field, body] of invalid) {
      const res = await api(server, tenant.secret.key, 'PUT', '/v1/widget-settings', body)
      expect({ field, status: res.status, code: res.body.error.code }).toEqual({
        field,
        status: 400,
        code: 'invalid_request',
      })
      expect(JSON.stringify(res.body.error.details)).toContain(field.split('.').at(-1))
    }
    expect((await api(server, tenant.secret.key, 'GET', '/v1/widget-settings')).body).toEqual(
      DEFAULT_WIDGET_SETTINGS,
    )
    const [{ n }] = (await server.db.query<{ n: number }>(
      'select count(*)::int as n from audit_log where tenant_id = $1',
      [tenant.tenantId],
    )) as [{ n: number }]
    expect(n).toBe(0)
  })

  it("never shows one dealership another's settings", async () => {
    const res = await api(server, b.secret.key, 'GET', '/v1/widget-settings')
    expect(res.body.assistantName).toBe(DEFAULT_WIDGET_SETTINGS.assistantName)
  })
})

describe('widget:settings', () => {
  it("arrives right after a visitor connects, with the dealership's own settings", async () => {
    const tenant = await createTenant(server, 'Echo Autos')
    await api(server, tenant.secret.key, 'PUT', '/v1/widget-settings', {
      ...VALID,
      assistantName: 'Echo',
    })
    const { socket, settings } = await connectWithSettings(tenant.publishable.key)
    expect(settings.assistantName).toBe('Echo')
    socket.close()
    const other = await connectWithSettings(b.publishable.key)
    expect(other.settings).toEqual(DEFAULT_WIDGET_SETTINGS)
    other.socket.close()
  })

  it("reaches every visitor of the dealership when it changes, and no one else's", async () => {
    const tenant = await createTenant(server, 'Foxtrot Cars')
    const first = await connectWithSettings(tenant.publishable.key)
    const second = await connectWithSettings(tenant.publishable.key)
    const outsider = await connectWithSettings(b.publishable.key)
    let outsiderHeard = false
    outsider.socket.on('widget:settings', () => {
      outsiderHeard = true
    })
    const changes = [nextSettings(first.socket), nextSettings(second.socket)]
    await api(server, tenant.secret.key, 'PUT', '/v1/widget-settings', {
      ...DEFAULT_WIDGET_SETTINGS,
      greeting: 'Fresh greeting from Foxtrot',
    })
    for (const settings of await Promise.all(changes)) {
      expect(settings.greeting).toBe('Fresh greeting from Foxtrot')
    }
    await new Promise((r) => setTimeout(r, 200))
    expect(outsiderHeard).toBe(false)
    for (const s of [first, second, outsider]) s.socket.close()
  })
})

describe('widget:settings across instances', () => {
  if (process.env.DATABASE_URL && process.env.REDIS_URL) {
    it('reaches visitors connected to another instance', async () => {
      const other = await startTestServer()
      try {
        const tenant = await createTenant(server, 'Golf Garage')
        const socket = visitorClient(other, { key: tenant.publishable.key })
        const first = nextSettings(socket)
        await connectVisitor(socket)
        await first
        const change = nextSettings(socket)
        await api(server, tenant.secret.key, 'PUT', '/v1/widget-settings', {
          ...DEFAULT_WIDGET_SETTINGS,
          assistantName: 'Golfie',
        })
        expect((await change).assistantName).toBe('Golfie')
        socket.close()
      } finally {
        await other.stop()
      }
    })
  } else {
    it('fans changes out through the Socket.io adapter room, which one instance shares with itself', async () => {
      // Without Redis there is one instance; the room broadcast above is the same call the
      // Redis adapter carries to other instances.
      const tenant = await createTenant(server, 'Golf Garage')
      const { socket } = await connectWithSettings(tenant.publishable.key)
      const change = nextSettings(socket)
      await api(server, tenant.secret.key, 'PUT', '/v1/widget-settings', {
        ...DEFAULT_WIDGET_SETTINGS,
        assistantName: 'Golfie',
      })
      expect((await change).assistantName).toBe('Golfie')
      socket.close()
    })
  }
})
