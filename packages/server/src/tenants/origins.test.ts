import { describe, expect, it } from 'vitest'
import { isOriginAllowed, normalizeAllowedOrigin } from './origins.ts'

describe('normalizeAllowedOrigin', () => {
  it('lower-cases and drops default ports and a trailing slash', () => {
    expect(normalizeAllowedOrigin('HTTPS://Shop.Example.com:443/')).toBe('https://shop.example.com')
    expect(normalizeAllowedOrigin('http://localhost:80')).toBe('http://localhost')
    expect(normalizeAllowedOrigin('http://localhost:3000')).toBe('http://localhost:3000')
    expect(normalizeAllowedOrigin('https://*.example.com')).toBe('https://*.example.com')
    expect(normalizeAllowedOrigin('http://[::1]:8080')).toBe('http://[::1]:8080')
  })

  it('refuses paths, other schemes, bad ports and wildcards anywhere but the start', () => {
    for (const bad of [
      'https://example.com/path',
      'ftp://example.com',
      'example.com',
      'https://example.com:99999',
      'https://shop.*.example.com',
      'https://*',
      'https://exa mple.com',
      '*',
    ]) {
      expect(normalizeAllowedOrigin(bad), bad).toBeNull()
    }
  })
})

describe('isOriginAllowed', () => {
  const allowed = ['https://dealer.example', 'http://localhost:3000', 'https://*.group.example']

  it('allows an exact scheme, host and port', () => {
    expect(isOriginAllowed('https://dealer.example', allowed)).toBe(true)
    expect(isOriginAllowed('https://dealer.example:443', allowed)).toBe(true)
    expect(isOriginAllowed('http://localhost:3000', allowed)).toBe(true)
  })

  it('refuses another scheme, port or host', () => {
    expect(isOriginAllowed('http://dealer.example', allowed)).toBe(false)
    expect(isOriginAllowed('https://dealer.example:8443', allowed)).toBe(false)
    expect(isOriginAllowed('http://localhost:3001', allowed)).toBe(false)
    expect(isOriginAllowed('https://evil-dealer.example', allowed)).toBe(false)
    expect(isOriginAllowed('https://dealer.example.evil.com', allowed)).toBe(false)
  })

  it('lets a wildcard match subdomains at any depth but not the bare domain', () => {
    expect(isOriginAllowed('https://east.group.example', allowed)).toBe(true)
    expect(isOriginAllowed('https://a.b.group.example', allowed)).toBe(true)
    expect(isOriginAllowed('https://group.example', allowed)).toBe(false)
    expect(isOriginAllowed('https://evilgroup.example', allowed)).toBe(false)
    expect(isOriginAllowed('http://east.group.example', allowed)).toBe(false)
  })

  it('refuses origins that are not origins', () => {
    expect(isOriginAllowed('null', allowed)).toBe(false)
    expect(isOriginAllowed('', allowed)).toBe(false)
    expect(isOriginAllowed('https://*.group.example', allowed)).toBe(false)
  })
})
