import { getConnInfo } from '@hono/node-server/conninfo'
import { createMiddleware } from 'hono/factory'
import { clientIp } from '../limits/client-ip.ts'
import type { AppEnv } from './env.ts'

/**
 * Works out the client's address once per `/v1` request (behind `trustProxyHops` proxies, from
 * X-Forwarded-For) for the limits and the audit log of whatever handles it.
 */
export function clientAddress(trustProxyHops: number) {
  return createMiddleware<AppEnv>(async function clientAddress(c, next) {
    c.set(
      'clientIp',
      clientIp(getConnInfo(c).remote.address, c.req.header('x-forwarded-for'), trustProxyHops),
    )
    await next()
  })
}
