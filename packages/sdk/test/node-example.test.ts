import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createTenant,
  startTestServer,
  type TestServer,
  type TestTenant,
} from '../../server/test/support/server.ts'

const EXAMPLE = fileURLToPath(new URL('../../../examples/node-sdk/index.ts', import.meta.url))
let server: TestServer
let tenant: TestTenant

beforeAll(async () => {
  server = await startTestServer()
  tenant = await createTenant(server)
  // The example sends its server's own URL as Origin, as a page of that site would.
  const key = await server.keys.create(tenant.tenantId, {
    type: 'publishable',
    allowedOrigins: [server.url],
  })
  tenant = { ...tenant, publishable: key }
})
afterAll(() => server.stop())

describe('examples/node-sdk', () => {
  it('uploads its document, waits for it, and gets a cited answer', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=source', '--no-warnings', EXAMPLE],
      {
        env: {
          ...process.env,
          AVATARADAM_URL: server.url,
          AVATARADAM_SECRET_KEY: tenant.secret.key,
          AVATARADAM_PUBLISHABLE_KEY: tenant.publishable.key,
        },
      },
    )
    expect(stdout).toMatch(/Ready: "Extended warranty plans", \d+ passages/)
    expect(stdout).toMatch(/5 years or 60,000 miles/)
    expect(stdout).toContain('Sources: Extended warranty plans')
  })
})
