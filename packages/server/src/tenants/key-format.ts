import { createHash, randomBytes } from 'node:crypto'
import { crc32 } from 'node:zlib'
import type { KeyMode, KeyType } from '@avataradam/sdk/protocol'

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const RANDOM_CHARS = 30
const CHECKSUM_CHARS = 6
const PREFIXES = { publishable: 'pk', secret: 'sk' } as const satisfies Record<KeyType, string>
const KEY_PATTERN = /^(pk|sk)_(live|test)_([0-9A-Za-z]{30})([0-9A-Za-z]{6})$/

/** A key split into its parts, after its checksum was verified. */
export interface ParsedKey {
  type: KeyType
  mode: KeyMode
  /** What we store and show: `pk_live_` plus the first four random characters. */
  prefix: string
}

function base62(bytes: Uint8Array, length: number): string {
  let out = ''
  // Rejection sampling keeps every character equally likely (256 is not a multiple of 62).
  for (const byte of bytes) {
    if (byte < 248) out += ALPHABET[byte % 62]
    if (out.length === length) return out
  }
  return out + base62(randomBytes(length), length - out.length)
}

function checksum(body: string): string {
  let n = crc32(body)
  let out = ''
  for (let i = 0; i < CHECKSUM_CHARS; i++) {
    out = ALPHABET[n % 62] + out
    n = Math.floor(n / 62)
  }
  return out
}

/**
 * Makes a new key: `pk_live_` + 30 random base62 characters (178 bits) + a 6-character CRC32
 * checksum, the format secret scanners recognise (like GitHub's tokens) without a database.
 *
 * @example
 * ```ts
 * generateKey('publishable', 'test') // 'pk_test_3hV…'
 * ```
 */
export function generateKey(type: KeyType, mode: KeyMode): string {
  const body = `${PREFIXES[type]}_${mode}_${base62(randomBytes(RANDOM_CHARS * 2), RANDOM_CHARS)}`
  return body + checksum(body)
}

/** Parses a key and verifies its checksum; `null` for anything that is not a well-formed key. */
export function parseKey(key: string): ParsedKey | null {
  const match = KEY_PATTERN.exec(key)
  if (!match) return null
  const [, kind, mode, random, sum] = match as unknown as [
    string,
    'pk' | 'sk',
    KeyMode,
    string,
    string,
  ]
  if (checksum(key.slice(0, -CHECKSUM_CHARS)) !== sum) return null
  return {
    type: kind === 'pk' ? 'publishable' : 'secret',
    mode,
    prefix: `${kind}_${mode}_${random.slice(0, 4)}`,
  }
}

/** The stored form of a key. Keys carry 178 random bits, so a fast hash is enough. */
export function hashKey(key: string): Buffer {
  return createHash('sha256').update(key).digest()
}
