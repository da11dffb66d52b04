import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import type { SecretBox } from '../secrets/secret-box.ts'

const PERIOD = 30

/** A new TOTP secret (base32, 160 bits) and its `otpauth://` URL for authenticator apps. */
export function newTotpSecret(email: string): { secret: string; otpauthUrl: string } {
  const secret = new Secret({ size: 20 })
  const totp = new TOTP({ issuer: 'AvatarAdam', label: email, secret, period: PERIOD })
  return { secret: secret.base32, otpauthUrl: totp.toString() }
}

/**
 * The 30-second step `code` is valid for (one step either side of now, for clocks that drift),
 * or null. The caller refuses a step already used.
 */
export function totpStep(secret: string, code: string, now = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = TOTP.validate({
    token: code,
    secret: Secret.fromBase32(secret),
    period: PERIOD,
    timestamp: now,
    window: 1,
  })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta
}

/** TOTP secrets at rest: sealed when AVATARADAM_SECRET_KEYS is set, else plain (and marked so). */
export function totpSecretStore(box: SecretBox | undefined) {
  const context = (memberId: string) => `totp:${memberId}`
  return {
    seal(secret: string, memberId: string): string {
      return box ? box.seal(secret, context(memberId)) : `plain:${secret}`
    },
    open(stored: string, memberId: string): string {
      if (stored.startsWith('plain:')) return stored.slice('plain:'.length)
      if (!box) throw new Error('a sealed TOTP secret, and AVATARADAM_SECRET_KEYS is not set')
      return box.open(stored, context(memberId))
    },
  }
}

/** Ten single-use recovery codes, such as `k3f9-2hq8-x7cm`. */
export function newRecoveryCodes(): string[] {
  // 32 symbols, so each random byte maps evenly; no i, l, o, 1 to misread.
  const alphabet = 'abcdefghjkmnpqrstuvwxyz023456789'
  return Array.from({ length: 10 }, () => {
    const bytes = randomBytes(12)
    const chars = [...bytes].map((b) => alphabet[b & 31]).join('')
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`
  })
}

/** Recovery codes are compared without dashes, spaces or case. */
export const normalizeRecoveryCode = (code: string): string =>
  code.toLowerCase().replace(/[^a-z0-9]/g, '')
