import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createSecretBox, parseSecretKeys } from './secret-box.ts'

const oldKey = randomBytes(32)
const newKey = randomBytes(32)

describe('secret box', () => {
  it('seals and opens, with a fresh IV each time, never showing the secret', () => {
    const box = createSecretBox([newKey])
    const a = box.seal('sk-live-secret', 'tenant-1:llm')
    const b = box.seal('sk-live-secret', 'tenant-1:llm')
    expect(a).not.toBe(b)
    expect(a).not.toContain('sk-live-secret')
    expect(box.open(a, 'tenant-1:llm')).toBe('sk-live-secret')
  })

  it('refuses another context, an altered value, and an unknown key', () => {
    const box = createSecretBox([newKey])
    const sealed = box.seal('sk-live-secret', 'tenant-1:llm')
    expect(() => box.open(sealed, 'tenant-2:llm')).toThrow()
    const parts = sealed.split(':')
    parts[4] = Buffer.from('sk-live-secreX').toString('base64url')
    expect(() => box.open(parts.join(':'), 'tenant-1:llm')).toThrow()
    expect(() => createSecretBox([oldKey]).open(sealed, 'tenant-1:llm')).toThrow(/not configured/)
    expect(() => box.open('plain text', 'tenant-1:llm')).toThrow(/not a sealed secret/)
    // A truncated tag (cheaper to forge) is refused, not checked on fewer bytes.
    const short = sealed.split(':')
    short[3] = Buffer.from(short[3]!, 'base64url').subarray(0, 4).toString('base64url')
    expect(() => box.open(short.join(':'), 'tenant-1:llm')).toThrow(/not a sealed secret/)
    expect(() => box.open(`${sealed}:extra`, 'tenant-1:llm')).toThrow(/not a sealed secret/)
  })

  it('opens values of an older key after rotation, and says they are stale', () => {
    const sealedOld = createSecretBox([oldKey]).seal('sk-old', 'ctx')
    const rotated = createSecretBox([newKey, oldKey])
    expect(rotated.open(sealedOld, 'ctx')).toBe('sk-old')
    expect(rotated.isStale(sealedOld)).toBe(true)
    expect(rotated.isStale(rotated.seal('sk-old', 'ctx'))).toBe(false)
  })

  it('reads comma-separated base64 keys and names a bad one', () => {
    const text = `${newKey.toString('base64')}, ${oldKey.toString('base64')}`
    expect(parseSecretKeys(text).map((k) => k.toString('hex'))).toEqual([
      newKey.toString('hex'),
      oldKey.toString('hex'),
    ])
    expect(() => parseSecretKeys(`${newKey.toString('base64')},c2hvcnQ=`)).toThrow(
      /key 2 is not 32 bytes/,
    )
  })
})
