import { describe, expect, it } from 'vitest'
import { clientIp } from './client-ip.ts'

describe('clientIp', () => {
  it('uses the connection address unless proxies are trusted', () => {
    expect(clientIp('198.51.100.1', '203.0.113.7', 0)).toBe('198.51.100.1')
  })

  it('takes the entry the nearest trusted proxy added, ignoring what the client made up', () => {
    expect(clientIp('10.0.0.5', '1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(clientIp('10.0.0.5', '1.2.3.4, 203.0.113.7, 10.1.1.1', 2)).toBe('203.0.113.7')
    expect(clientIp('10.0.0.5', ['1.2.3.4', '203.0.113.7'], 1)).toBe('203.0.113.7')
  })

  it('falls back to the connection when the header is missing', () => {
    expect(clientIp('10.0.0.5', undefined, 1)).toBe('10.0.0.5')
    expect(clientIp(undefined, undefined, 0)).toBe('unknown')
  })

  it('never trusts the leftmost entry when there are fewer entries than trusted proxies', () => {
    expect(clientIp('10.0.0.5', '1.2.3.4', 2)).toBe('10.0.0.5')
  })
})
