/**
 * The visitor's address: the connection's own, or behind `trustedHops` proxies the entry of
 * X-Forwarded-For that the nearest of them added. Entries further left are whatever the client
 * sent and cannot be trusted.
 *
 * @example
 * ```ts
 * // Behind one load balancer (10.0.0.5), which appended the address it saw:
 * clientIp('10.0.0.5', '1.2.3.4, 203.0.113.7', 1) // '203.0.113.7' ('1.2.3.4' was made up)
 * ```
 */
export function clientIp(
  remoteAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const direct = remoteAddress ?? 'unknown'
  if (trustedHops === 0 || !forwardedFor) return direct
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean)
  // Fewer entries than trusted proxies: the request skipped one, and the leftmost entry is
  // whatever the client sent. The connection's own address is the only one to go by.
  return hops[hops.length - trustedHops] ?? direct
}
