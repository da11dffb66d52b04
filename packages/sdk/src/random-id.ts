const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A random id: 22 URL-safe characters (132 bits). getRandomValues, unlike randomUUID, also exists
 * on pages served over plain http, which some dealership sites still are.
 */
export function randomId(prefix = ''): string {
  let out = prefix
  for (const b of crypto.getRandomValues(new Uint8Array(22))) out += ALPHABET[b & 63]
  return out
}
