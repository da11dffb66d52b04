const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

/**
 * 32-bit FNV-1a of a string's UTF-16 code units, finished with murmur3's avalanche so that both the
 * low bits (the bucket) and the top bit (the sign) of similar strings differ. `seed` separates
 * feature kinds, so the word "ice" and the trigram "ice" land in different buckets.
 *
 * @example
 * ```ts
 * hashString('rav4', 1) === hashString('rav4', 1) // true: same input, same hash, on any machine
 * ```
 */
export function hashString(value: string, seed: number): number {
  let hash = (FNV_OFFSET ^ seed) >>> 0
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i)
    hash = Math.imul(hash, FNV_PRIME)
  }
  return finalize(hash)
}

/**
 * Combines two hashes into the hash of the ordered pair, such as a word bigram.
 *
 * @example
 * ```ts
 * hashPair(hashString('bad', 1), hashString('credit', 1))
 * ```
 */
export function hashPair(first: number, second: number): number {
  return finalize(Math.imul(first ^ 0x9e3779b9, 0x85ebca6b) ^ second)
}

function finalize(value: number): number {
  let hash = value
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return hash >>> 0
}
