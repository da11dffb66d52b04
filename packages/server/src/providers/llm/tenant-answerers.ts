import { LRUCache } from 'lru-cache'
import type { LlmConfig } from '../../config/index.ts'
import type { Logger } from '../../logger.ts'
import type { ProviderOverrides } from '../../tenants/provider-overrides.ts'
import { answererFromConfig } from './answerer-from-config.ts'
import type { AnswerModel } from './index.ts'

/**
 * The answer model of each dealership: its own (a stored override, with its own key) or the
 * server's. Built once and kept a short while, so a turn does not open the sealed settings; a
 * change through this instance applies at once, through another within the cache's lifetime.
 */
export function createTenantAnswerers(deps: {
  fallback: AnswerModel
  /** The built-in answerer, last in a dealership's own chain too. */
  embedded: AnswerModel
  overrides: ProviderOverrides
  defaults: LlmConfig
  log: Logger
  /** Told of every failure of a dealership's own model (metrics). */
  onError?: ((provider: string) => void) | undefined
}) {
  const { fallback, overrides, defaults, log } = deps
  const cache = new LRUCache<string, AnswerModel>({ max: 5000, ttl: 10_000 })
  // Bumped by forget(): a model built from settings read before a change is not kept.
  const generation = new Map<string, number>()
  return {
    async forTenant(tenantId: string): Promise<AnswerModel> {
      if (!overrides.enabled) return fallback
      const cached = cache.get(tenantId)
      if (cached) return cached
      const started = generation.get(tenantId) ?? 0
      // A value the configured keys cannot open (an old key removed before `secrets rotate`)
      // must not cost the visitors their answers: the server's model answers, and it is logged.
      const own = await overrides.llm(tenantId).catch((err: unknown) => {
        log.error({ err, tenantId }, "could not open the dealership's own model settings")
        return null
      })
      const model = own
        ? answererFromConfig(
            {
              provider: own.provider,
              apiKey: own.apiKey,
              baseUrl: own.baseUrl,
              model: own.model,
              fallbackModel: own.fallbackModel,
              timeoutMs: defaults.provider === 'embedded' ? 20_000 : defaults.timeoutMs,
              maxRetries: defaults.provider === 'embedded' ? 2 : defaults.maxRetries,
            },
            log.child({ tenantId }),
            deps.embedded,
            deps.onError,
          )
        : fallback
      if ((generation.get(tenantId) ?? 0) === started) cache.set(tenantId, model)
      return model
    },
    forget(tenantId: string) {
      generation.set(tenantId, (generation.get(tenantId) ?? 0) + 1)
      cache.delete(tenantId)
    },
  }
}
