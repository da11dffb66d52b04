import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPrivateHost } from '../tenants/provider-overrides.ts'
import { publicFetch, publicLookup } from './public-fetch.ts'

const server = createServer((_req, res) => res.end('inside'))
let port: number

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

describe('publicFetch', () => {
  it('refuses, when connecting, a name that resolves to a private address', async () => {
    // `localhost` is caught by name elsewhere; here only the resolved address is checked.
    await expect(publicFetch(`http://localhost:${port}/`)).rejects.toMatchObject({
      cause: { code: 'EPRIVATEADDRESS' },
    })
  })

  it('resolves names to public addresses only', async () => {
    const refused = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicLookup('localhost', {}, (err) => resolve(err)),
    )
    expect(refused?.code).toBe('EPRIVATEADDRESS')
    expect(refused?.message).toMatch(/not a public address/)
  })

  it('is only part of the guard: literal addresses are checked by isPrivateHost', () => {
    for (const host of ['127.0.0.1', 'localhost.', 'metadata.google.internal.', '[::1]']) {
      expect(isPrivateHost(host), host).toBe(true)
    }
  })
})
