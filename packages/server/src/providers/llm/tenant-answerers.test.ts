import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createBuiltinAnswerer } from '../../answers/builtin-answerer.ts'
import { createLogger } from '../../logger.ts'
import type { ProviderOverrides } from '../../tenants/provider-overrides.ts'
import { openAIClient } from './answerer-from-config.ts'
import { createTenantAnswerers } from './tenant-answerers.ts'

function overridesThat(llm: ProviderOverrides['llm']): ProviderOverrides {
  const unused = () => Promise.reject(new Error('not used here'))
  return {
    enabled: true,
    llm,
    setLlm: unused,
    llmSummary: unused,
    deleteLlm: unused,
    setAvatar: unused,
    avatar: unused,
    avatarSummary: unused,
    deleteAvatar: unused,
    rotate: unused,
  }
}

describe('tenant answerers', () => {
  it("answers with the server's model when a dealership's settings cannot be opened", async () => {
    const lines: string[] = []
    const log = createLogger(
      'error',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk))
          done()
        },
      }),
    )
    const fallback = createBuiltinAnswerer()
    const answerers = createTenantAnswerers({
      fallback,
      embedded: fallback,
      overrides: overridesThat(() =>
        Promise.reject(new Error('sealed with key 1a2b3c4d, which is not configured')),
      ),
      defaults: { provider: 'embedded' },
      log,
    })
    expect(await answerers.forTenant('tenant-1')).toBe(fallback)
    expect(lines.join('')).toContain("could not open the dealership's own model settings")
  })

  it("builds a dealership's own model, keeps it, and builds it again once forgotten", async () => {
    let reads = 0
    const answerers = createTenantAnswerers({
      fallback: createBuiltinAnswerer(),
      embedded: createBuiltinAnswerer(),
      overrides: overridesThat(async () => {
        reads++
        return {
          provider: 'openai-compatible',
          baseUrl: 'http://127.0.0.1:9/v1',
          model: 'own-model',
        }
      }),
      defaults: { provider: 'embedded' },
      log: createLogger('silent'),
    })
    const model = await answerers.forTenant('tenant-1')
    // The built-in answerer is last in a dealership's own chain too.
    expect(model.modelId).toBe('own-model → builtin')
    expect(await answerers.forTenant('tenant-1')).toBe(model)
    answerers.forget('tenant-1')
    await answerers.forTenant('tenant-1')
    expect(reads).toBe(2)
  })
})

describe('model API clients', () => {
  it("send OpenRouter keys to OpenRouter, and never the operator's OpenAI organisation", () => {
    const settings = {
      apiKey: 'sk-or-1',
      baseUrl: undefined,
      model: 'm',
      fallbackModel: undefined,
      timeoutMs: 1000,
      maxRetries: 0,
    }
    expect(openAIClient({ ...settings, provider: 'openrouter' }).baseURL).toBe(
      'https://openrouter.ai/api/v1',
    )
    expect(openAIClient({ ...settings, provider: 'openai' }).baseURL).toBe(
      'https://api.openai.com/v1',
    )
    expect(openAIClient({ ...settings, provider: 'openrouter' }).organization).toBeNull()
  })
})
