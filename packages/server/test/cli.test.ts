import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { startMailgunServer } from './support/mailgun-server.ts'
import { completionReply, errorReply, startModelServer } from './support/openai-server.ts'

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
let dir: string
let env: Record<string, string | undefined>

/** Runs `avataradam …` as a user would, from the TypeScript source. */
async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--no-warnings', CLI, ...args],
      { env: { ...process.env, ...env } },
    )
    return { code: 0, stdout, stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'avataradam-cli-'))
  const dataDir = path.join(dir, 'data')
  if (!process.env.DATABASE_URL) await cp(inject('pgliteTemplate'), dataDir, { recursive: true })
  env = { AVATARADAM_DATA_DIR: dataDir, DATABASE_URL: process.env.DATABASE_URL, LOG_LEVEL: 'warn' }
})
afterAll(() => rm(dir, { recursive: true, force: true }))

// Each case starts the CLI several times from source, each opening the database: on a busy
// 2-core machine that takes longer than the suite's default.
describe('avataradam CLI', { timeout: 90_000 }, () => {
  it('migrate reports what it applied, then that nothing was left', async () => {
    const fresh = path.join(dir, 'fresh-data')
    const first = await cli('migrate', '--json')
    expect(first.code).toBe(0)
    // The shared data is already migrated; a new embedded folder starts from nothing.
    if (!process.env.DATABASE_URL) {
      const saved = env.AVATARADAM_DATA_DIR
      env.AVATARADAM_DATA_DIR = fresh
      try {
        const created = await cli('migrate', '--json')
        expect(created.code).toBe(0)
        const { applied } = JSON.parse(created.stdout)
        expect(applied[0]).toBe('0001_init')
        expect(applied.length).toBeGreaterThan(1)
        const text = await cli('migrate')
        expect(text.stdout).toContain('Database schema is up to date.')
        expect(text.stdout).not.toContain('Applied')
      } finally {
        env.AVATARADAM_DATA_DIR = saved
      }
    }
    expect(JSON.parse(first.stdout).applied).toEqual([])
  })

  it('creates a tenant and keys, lists and revokes them, printing one JSON object each', async () => {
    const tenant = await cli('tenants', 'create', '--name', 'Hilltop Ford', '--json')
    expect(tenant.code).toBe(0)
    const { id: tenantId, name } = JSON.parse(tenant.stdout)
    expect(name).toBe('Hilltop Ford')

    const pk = await cli(
      'keys',
      'create',
      '--tenant',
      tenantId,
      '--type',
      'publishable',
      '--origin',
      'https://hilltop.example',
      '--origin',
      'https://*.hilltop.example',
      '--json',
    )
    expect(pk.code).toBe(0)
    const created = JSON.parse(pk.stdout)
    expect(created).toMatchObject({
      id: expect.any(String),
      key: expect.stringMatching(/^pk_live_/),
      type: 'publishable',
      allowedOrigins: ['https://hilltop.example', 'https://*.hilltop.example'],
    })

    const sk = JSON.parse(
      (
        await cli(
          'keys',
          'create',
          '--tenant',
          tenantId,
          '--type',
          'secret',
          '--mode',
          'test',
          '--json',
        )
      ).stdout,
    )
    expect(sk.key).toMatch(/^sk_test_/)

    const list = JSON.parse((await cli('keys', 'list', '--tenant', tenantId, '--json')).stdout)
    expect(list.keys.map((k: { id: string }) => k.id)).toEqual([created.id, sk.id])
    expect(JSON.stringify(list)).not.toContain(created.key)

    const revoked = JSON.parse(
      (await cli('keys', 'revoke', created.id, '--tenant', tenantId, '--json')).stdout,
    )
    expect(revoked.revokedAt).toEqual(expect.any(String))
  })

  it('explains bad arguments and exits non-zero', async () => {
    const noType = await cli('keys', 'create', '--tenant', crypto.randomUUID())
    expect(noType.code).toBe(1)
    expect(noType.stderr).toContain('--type')
    const badTenant = await cli('keys', 'create', '--tenant', 'nope', '--type', 'secret')
    expect(badTenant.code).toBe(1)
    expect(badTenant.stderr).toContain('--tenant must be a UUID')
    const unknown = await cli(
      'keys',
      'create',
      '--tenant',
      crypto.randomUUID(),
      '--type',
      'secret',
      '--json',
    )
    expect(unknown.code).toBe(1)
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'not_found' } })
    const noOrigin = await cli(
      'keys',
      'create',
      '--tenant',
      crypto.randomUUID(),
      '--type',
      'publishable',
    )
    expect(noOrigin.stderr).toContain('at least one allowed origin')
  })

  it('stops with a message naming a misconfigured variable', async () => {
    const res = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--no-warnings', CLI, 'serve'],
      {
        env: { ...process.env, PORT: 'eighty' },
      },
    ).catch((err) => err)
    expect(res.code).toBe(1)
    expect(res.stderr).toContain('PORT')
  })
  it('doctor checks the database, Redis and the model, and exits 1 when one fails', async () => {
    // The two model checks run at once: each model gets its own reply, whatever the order.
    const ok = completionReply('OK')
    const refused = errorReply(401, 'Incorrect API key provided')
    const models = await startModelServer((req, res) =>
      req.body.model === 'good-model' ? ok(req, res) : refused(req, res),
    )
    const saved = { ...env }
    Object.assign(env, {
      LLM_PROVIDER: 'openai-compatible',
      LLM_BASE_URL: models.baseUrl,
      LLM_MODEL: 'good-model',
      LLM_FALLBACK_MODEL: 'bad-key-model',
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:1',
    })
    try {
      const res = await cli('doctor', '--json')
      expect(res.code).toBe(1)
      const report = JSON.parse(res.stdout)
      const byName = Object.fromEntries(
        report.checks.map((c: { name: string; ok: boolean; detail: string }) => [c.name, c]),
      )
      expect(report.ok).toBe(false)
      expect(byName.database.ok).toBe(true)
      expect(byName['llm good-model']).toMatchObject({
        ok: true,
        detail: expect.stringContaining('good-model'),
      })
      expect(byName['llm fallback bad-key-model']).toMatchObject({
        ok: false,
        detail: expect.stringContaining('401'),
      })
      // A Redis that is there answers PONG; one that is not is reported, not thrown.
      expect(byName.redis.ok).toBe(Boolean(process.env.REDIS_URL))
      const text = await cli('doctor')
      expect(text.stdout).toMatch(/^ok {2}\s*database/m)
      expect(text.stdout).toMatch(/^FAIL\s+llm fallback bad-key-model/m)
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete env[key]
      Object.assign(env, saved)
      await models.close()
    }
  })
  it('mail test sends through Mailgun, records it, and exits 1 when Mailgun refuses', async () => {
    const mailgun = await startMailgunServer('key-cli')
    const saved = { ...env }
    Object.assign(env, {
      MAIL_PROVIDER: 'mailgun',
      MAILGUN_API_KEY: 'key-cli',
      MAILGUN_DOMAIN: 'mg.cli.example',
      MAILGUN_URL: mailgun.url,
    })
    try {
      const sent = await cli('mail', 'test', '--to', 'ops@cli.example', '--json')
      expect(sent.code).toBe(0)
      expect(JSON.parse(sent.stdout)).toMatchObject({
        status: 'sent',
        providerMessageId: expect.any(String),
      })
      expect(mailgun.requests.at(-1)!.fields.to).toEqual(['ops@cli.example'])
      env.MAILGUN_API_KEY = 'key-wrong'
      const refused = await cli('mail', 'test', '--to', 'ops@cli.example')
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(/^Not delivered: /)
    } finally {
      for (const key of Object.keys(env)) if (!(key in saved)) delete env[key]
      Object.assign(env, saved)
      await mailgun.close()
    }
  })

  it('mail list shows the outbox mail of one address, for a reset link nobody else can read', async () => {
    const to = `Owner-${crypto.randomUUID()}@cli.example`
    expect((await cli('mail', 'test', '--to', to)).stdout).toMatch(/Stored in the outbox/)
    const listed = await cli('mail', 'list', '--to', to.toLowerCase(), '--json')
    expect(listed.code).toBe(0)
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ subject: 'AvatarAdam test message', status: 'stored' }),
    ])
    const text = await cli('mail', 'list', '--to', 'nobody@cli.example')
    expect(text.stdout).toMatch(/^No mail for nobody@cli\.example\./)
    const bad = await cli('mail', 'list', '--to', to, '--limit', '0')
    expect(bad.code).not.toBe(0)
    expect(bad.stderr).toMatch(/--limit must be a whole number/)
  })
})
