import type { AvatarSession } from '@avataradam/sdk/protocol'
import { LRUCache } from 'lru-cache'
import type { AvatarConfig } from '../../config/index.ts'
import { AppError } from '../../errors.ts'
import type { Logger } from '../../logger.ts'
import type { ProviderOverrides } from '../../tenants/provider-overrides.ts'
import { createLiveAvatar } from './heygen-liveavatar.ts'
import { type AvatarProvider, AvatarProviderError, type AvatarVisitor } from './index.ts'

/** The server's own HeyGen avatar, when AVATAR_PROVIDER=heygen; otherwise none. */
export function avatarFromConfig(config: AvatarConfig, fetchImpl?: typeof fetch) {
  const { heygen } = config
  if (config.provider !== 'heygen' || !heygen.apiKey || !heygen.avatarId) return undefined
  return createLiveAvatar({
    ...heygen,
    apiKey: heygen.apiKey,
    avatarId: heygen.avatarId,
    fetch: fetchImpl,
  })
}

/**
 * The avatar of each dealership's visitors: HeyGen (its own key and avatar, or the server's) or
 * the built-in face. A dealership's choice (a stored override) wins over AVATAR_PROVIDER; a
 * HeyGen override may leave out the key or avatar, and the server's HEYGEN_* fill them in.
 * Chosen providers are kept a short while, so minting a session does not open sealed settings.
 */
export function createTenantAvatars(deps: {
  config: AvatarConfig
  overrides: ProviderOverrides
  log: Logger
  fetch?: typeof fetch
  /** Told when HeyGen fails to mint a session (metrics). */
  onError?: ((provider: string) => void) | undefined
}) {
  const { config, overrides, log } = deps
  const server = avatarFromConfig(config, deps.fetch)
  const cache = new LRUCache<string, { provider: AvatarProvider | null }>({
    max: 5000,
    ttl: 10_000,
  })
  const generation = new Map<string, number>()

  async function providerFor(tenantId: string): Promise<AvatarProvider | undefined> {
    if (!overrides.enabled) return server
    const cached = cache.get(tenantId)
    if (cached) return cached.provider ?? undefined
    const started = generation.get(tenantId) ?? 0
    const own = await overrides.avatar(tenantId).catch((err: unknown) => {
      log.error({ err, tenantId }, "could not open the dealership's own avatar settings")
      return null
    })
    let provider: AvatarProvider | undefined = server
    if (own?.provider === 'builtin') provider = undefined
    if (own?.provider === 'heygen') {
      const { heygen } = config
      const apiKey = own.apiKey ?? heygen.apiKey
      const avatarId = own.avatarId ?? heygen.avatarId
      provider =
        apiKey && avatarId
          ? createLiveAvatar({
              ...heygen,
              apiKey,
              avatarId,
              voiceId: own.voiceId ?? (own.avatarId ? undefined : heygen.voiceId),
              contextId: own.contextId ?? (own.avatarId ? undefined : heygen.contextId),
              language: own.language ?? heygen.language,
              fetch: deps.fetch,
            })
          : undefined
      if (!provider) {
        log.warn(
          { tenantId },
          'HeyGen avatar chosen but no key or avatar id: built-in avatar shown',
        )
      }
    }
    if ((generation.get(tenantId) ?? 0) === started)
      cache.set(tenantId, { provider: provider ?? null })
    return provider
  }

  return {
    /**
     * What the visitor's widget should show. HeyGen failures are logged for the operator and
     * reach the visitor only as `avatar_unavailable`, so the widget shows the built-in avatar.
     */
    async sessionFor(visitor: AvatarVisitor): Promise<AvatarSession> {
      const provider = await providerFor(visitor.tenantId)
      if (!provider) return { provider: 'builtin' }
      try {
        const minted = await provider.mintSession(visitor)
        return {
          provider: 'heygen',
          sessionToken: minted.token,
          sessionId: minted.sessionId,
          apiUrl: minted.apiUrl,
          expiresAt: minted.expiresAt.toISOString(),
        }
      } catch (err) {
        if (!AvatarProviderError.isInstance(err)) throw err
        deps.onError?.('heygen')
        log.warn(
          {
            tenantId: visitor.tenantId,
            reason: err.reason,
            status: err.status,
            detail: err.message,
          },
          'HeyGen session not minted: the built-in avatar is shown',
        )
        throw new AppError(
          'avatar_unavailable',
          'The video avatar is unavailable right now; the built-in avatar is shown instead.',
          err.retryAfter === undefined ? {} : { retryAfter: err.retryAfter },
        )
      }
    },
    forget(tenantId: string) {
      generation.set(tenantId, (generation.get(tenantId) ?? 0) + 1)
      cache.delete(tenantId)
    },
  }
}

export type TenantAvatars = ReturnType<typeof createTenantAvatars>
