import { describe, expect, it } from 'vitest'
import { isPrivateHost } from './provider-overrides.ts'

const host = (url: string) => isPrivateHost(new URL(url).hostname)

describe('isPrivateHost', () => {
  it('refuses this machine and private networks, however the address is written', () => {
    for (const url of [
      'http://localhost:11434/v1',
      'http://127.0.0.1/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.1.10/',
      'http://169.254.169.254/',
      'http://100.64.0.1/',
      'http://[fd00::1]/',
      'http://ollama.internal/',
    ]) {
      expect(host(url), url).toBe(true)
    }
  })

  it('lets public addresses and names through', () => {
    for (const url of ['https://api.openai.com/v1', 'https://openrouter.ai/', 'http://8.8.8.8/']) {
      expect(host(url), url).toBe(false)
    }
  })
})
