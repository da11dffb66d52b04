import { createHash, randomBytes } from 'node:crypto'

/** An opaque secret for a cookie or an emailed link: 32 random bytes, base64url. */
export const newOpaqueToken = (): string => randomBytes(32).toString('base64url')

/** How opaque tokens are stored: their SHA-256 (they have full entropy, so no salt is needed). */
export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest()
