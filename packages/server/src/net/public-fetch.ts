import { type LookupAddress, type LookupAllOptions, lookup } from 'node:dns'
import ipaddr from 'ipaddr.js'
import { Agent, fetch as undiciFetch } from 'undici'

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void

/**
 * DNS resolution that refuses private addresses: loopback, private networks, link-local (cloud
 * metadata), unique-local… A name that resolves to one is refused at connect time, which a check
 * of the name alone cannot do (a public name may point inside, or be re-pointed after a check).
 */
export function publicLookup(
  hostname: string,
  options: LookupAllOptions | { all?: boolean; family?: number },
  callback: LookupCallback,
): void {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, [])
    const blocked = addresses.find((a) => ipaddr.process(a.address).range() !== 'unicast')
    if (blocked || addresses.length === 0) {
      const error: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${blocked?.address ?? 'nothing'}, which is not a public address`,
      )
      error.code = 'EPRIVATEADDRESS'
      return callback(error, [])
    }
    if (options.all) return callback(null, addresses)
    callback(null, addresses[0]!.address, addresses[0]!.family)
  })
}

// The address checked is the address connected to: the lookup runs inside the connection.
const publicAgent = new Agent({ connect: { lookup: publicLookup as never } })

/**
 * fetch for URLs a dealership gives (webhooks): only public addresses are reached. Literal IP
 * hosts skip DNS, so callers also check the URL's host (`isPrivateHost`).
 */
export const publicFetch: typeof fetch = (input, init) =>
  undiciFetch(input as never, { ...(init as object), dispatcher: publicAgent }) as never
