import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newWebhookSecret, refusedWebhookUrl, signWebhook } from './webhooks.ts'

describe('lead webhooks', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 keyed by the secret', () => {
    const secret = newWebhookSecret()
    expect(secret).toMatch(/^whsec_[\w-]{43}$/)
    expect(newWebhookSecret()).not.toBe(secret)
    const body = '{"type":"lead.created"}'
    const expected = createHmac('sha256', secret).update(`1800000000.${body}`).digest('hex')
    expect(signWebhook(secret, 1_800_000_000, body)).toBe(expected)
    expect(signWebhook(secret, 1_800_000_001, body)).not.toBe(expected)
  })

  it('refuses non-http URLs and private addresses unless allowed', () => {
    expect(refusedWebhookUrl('https://crm.example.com/hook', false)).toBeNull()
    expect(refusedWebhookUrl('ftp://crm.example.com/hook', false)).toContain('http(s)')
    expect(refusedWebhookUrl('not a url', false)).toContain('absolute')
    for (const url of [
      'http://localhost:3000/',
      'http://192.168.1.5/',
      'http://[fd00::1]/',
      'http://169.254.169.254/',
    ]) {
      expect(refusedWebhookUrl(url, false)).toContain('public address')
      expect(refusedWebhookUrl(url, true)).toBeNull()
    }
  })
})
