import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

/**
 * Seals small secrets (a dealership's own provider keys) for storage: AES-256-GCM, a fresh IV
 * each time, bound to a context (which tenant, which setting) so a sealed value copied to another
 * row does not open. Several keys may be configured: the first seals, any of them opens, so keys
 * can be rotated (add the new one first, run `avataradam secrets rotate`, then drop the old one).
 */
export interface SecretBox {
  /** The id of the key that seals: the first 8 hex digits of its SHA-256. */
  readonly currentKeyId: string
  seal(plain: string, context: string): string
  /** Throws when the value was sealed by no configured key, for another context, or altered. */
  open(sealed: string, context: string): string
  /** Whether a sealed value was made with a key other than the current one. */
  isStale(sealed: string): boolean
}

const VERSION = 'v1'

const keyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8)

/**
 * Reads AVATARADAM_SECRET_KEYS: comma-separated base64 keys of 32 bytes, newest first.
 * `openssl rand -base64 32` makes one.
 */
export function parseSecretKeys(value: string): Buffer[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => {
      const key = Buffer.from(part, 'base64')
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(part) || key.length !== 32) {
        throw new Error(
          `key ${i + 1} is not 32 bytes of base64 (make one with: openssl rand -base64 32)`,
        )
      }
      return key
    })
}

export function createSecretBox(keys: Buffer[]): SecretBox {
  if (keys.length === 0) throw new Error('createSecretBox needs at least one key')
  const byId = new Map(keys.map((key) => [keyId(key), key]))
  const current = keys[0]!
  const currentKeyId = keyId(current)
  return {
    currentKeyId,
    seal(plain, context) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current, iv)
      cipher.setAAD(Buffer.from(context))
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      const parts = [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url'))
      return [VERSION, currentKeyId, ...parts].join(':')
    },
    open(sealed, context) {
      const parts = sealed.split(':')
      const [version, id, iv, tag, body] = parts
      if (parts.length !== 5 || version !== VERSION || !id || !iv || !tag || body === undefined) {
        throw new Error('not a sealed secret')
      }
      const ivBytes = Buffer.from(iv, 'base64url')
      const tagBytes = Buffer.from(tag, 'base64url')
      // Full-length tags only: a truncated tag would make forging far cheaper.
      if (ivBytes.length !== 12 || tagBytes.length !== 16) throw new Error('not a sealed secret')
      const key = byId.get(id)
      if (!key) throw new Error(`sealed with key ${id}, which is not configured`)
      const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: 16 })
      decipher.setAAD(Buffer.from(context))
      decipher.setAuthTag(tagBytes)
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8')
    },
    isStale(sealed) {
      return sealed.split(':')[1] !== currentKeyId
    },
  }
}
