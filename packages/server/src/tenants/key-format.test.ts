import { describe, expect, it } from 'vitest'
import { generateKey, hashKey, parseKey } from './key-format.ts'

describe('API key format', () => {
  it('makes publishable and secret keys of both modes that parse back', () => {
    for (const [type, mode, start] of [
      ['publishable', 'live', 'pk_live_'],
      ['publishable', 'test', 'pk_test_'],
      ['secret', 'live', 'sk_live_'],
      ['secret', 'test', 'sk_test_'],
    ] as const) {
      const key = generateKey(type, mode)
      expect(key).toMatch(new RegExp(`^${start}[0-9A-Za-z]{36}$`))
      expect(parseKey(key)).toEqual({ type, mode, prefix: key.slice(0, start.length + 4) })
    }
  })

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 2000 }, () => generateKey('secret', 'live')))
    expect(keys.size).toBe(2000)
  })

  it('recognises a mistyped or forged key by its checksum', () => {
    const key = generateKey('secret', 'live')
    const i = 12
    const swapped = key.slice(0, i) + (key[i] === 'a' ? 'b' : 'a') + key.slice(i + 1)
    expect(parseKey(swapped)).toBeNull()
    expect(parseKey(`${key.slice(0, -6)}AAAAAA`)).toBeNull()
  })

  it('rejects anything that is not shaped like a key', () => {
    for (const bad of [
      '',
      'pk_live_',
      'xk_live_abc',
      `pk_prod_${'a'.repeat(36)}`,
      'sk_live_ with space',
    ]) {
      expect(parseKey(bad)).toBeNull()
    }
  })

  it('hashes deterministically and differently per key', () => {
    const a = generateKey('secret', 'live')
    expect(hashKey(a).equals(hashKey(a))).toBe(true)
    expect(hashKey(a).equals(hashKey(generateKey('secret', 'live')))).toBe(false)
    expect(hashKey(a)).toHaveLength(32)
  })
})
