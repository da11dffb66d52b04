import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { sleep } from './support/chat.ts'
import { form, waitForDocument } from './support/documents.ts'
import { api, createTenant, startTestServer, type TestServer } from './support/server.ts'

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url))
const ARGS = ['--conditions=source', '--no-warnings', CLI, 'worker']

describe('avataradam worker', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const step of cleanup.reverse()) await step()
  })

  // The worker shares PostgreSQL's queue with the servers; the embedded database has one owner.
  if (process.env.DATABASE_URL) {
    it('processes, in a process of its own, what serve instances queue', async () => {
      const server: TestServer = await startTestServer({ env: { INGEST_IN_SERVE: 'false' } })
      cleanup.push(() => server.stop())
      const tenant = await createTenant(server)
      const res = await api(
        server,
        tenant.secret.key,
        'POST',
        '/v1/documents',
        form('hours.md', '# Hours\n\nOpen 9 to 5, Monday to Saturday.'),
      )
      expect(res.status).toBe(202)
      await sleep(600)
      const waiting = await api(server, tenant.secret.key, 'GET', `/v1/documents/${res.body.id}`)
      expect(waiting.body.status).toBe('queued')

      const worker: ChildProcess = spawn(process.execPath, ARGS, {
        env: { ...process.env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      worker.stdout?.on('data', (d) => {
        output += d
      })
      cleanup.push(async () => {
        if (worker.exitCode === null) worker.kill('SIGKILL')
      })
      const doc = await waitForDocument(server, tenant.secret.key, res.body.id)
      expect(doc).toMatchObject({ status: 'ready', chunkCount: 1 })
      expect(output).toContain('document ready')

      worker.kill('SIGTERM')
      const [code] = await once(worker, 'exit')
      expect(code).toBe(0)
      expect(output).toContain('worker stopped')
    })
  } else {
    it('refuses the embedded database, saying what it needs', async () => {
      const run = promisify(execFile)(process.execPath, ARGS, {
        env: { ...process.env, DATABASE_URL: '', AVATARADAM_DATA_DIR: '/nonexistent/data' },
      })
      await expect(run).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('needs DATABASE_URL'),
      })
    })
  }
})
