import { z } from 'zod'
import {
  type AvatarProvider,
  AvatarProviderError,
  type AvatarVisitor,
  type MintedAvatarSession,
} from './index.ts'

export interface LiveAvatarOptions {
  /** A LiveAvatar API key, sent as `X-API-KEY`. */
  apiKey: string
  avatarId: string
  voiceId?: string | undefined
  contextId?: string | undefined
  /** Language of the avatar's speech, such as `en`. */
  language: string
  /** `https://api.liveavatar.com`, or a local server in tests. */
  baseUrl: string
  timeoutMs: number
  /** The session's longest life, in seconds; HeyGen stops it then. */
  maxSessionSeconds: number
  /** HeyGen's sandbox mode (free, short sessions). */
  sandbox?: boolean | undefined
  fetch?: typeof fetch
}

/** `POST /v1/sessions/token` answers `{ code, data: { session_id, session_token }, message }`. */
const TokenResponseSchema = z.object({
  data: z.object({ session_id: z.string().min(1), session_token: z.string().min(1) }),
})

function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.ceil(seconds))
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.max(1, Math.ceil((at - Date.now()) / 1000))
}

/** LiveAvatar's error bodies: `{ message }`, or FastAPI's `{ detail }` on validation errors. */
async function errorText(res: Response): Promise<string> {
  const text = await res.text().catch(() => '')
  try {
    const body = JSON.parse(text) as { message?: unknown; detail?: unknown }
    const said = body.message ?? body.detail
    if (said) return typeof said === 'string' ? said : JSON.stringify(said)
  } catch {}
  return text.slice(0, 200)
}

/**
 * HeyGen's streaming avatar through its LiveAvatar API. The server mints a session token per
 * visitor (`POST /v1/sessions/token` with the `X-API-KEY` header, FULL mode, the avatar and its
 * persona); the browser starts the session with that token through HeyGen's web SDK, which joins
 * the LiveKit room the video arrives in. HeyGen has no server-side Node client for this call.
 *
 * @example
 * ```ts
 * const heygen = createLiveAvatar({ apiKey, avatarId, language: 'en',
 *   baseUrl: 'https://api.liveavatar.com', timeoutMs: 10_000, maxSessionSeconds: 600 })
 * const { token } = await heygen.mintSession({ tenantId, visitorId })
 * ```
 */
export function createLiveAvatar(options: LiveAvatarOptions): AvatarProvider {
  const doFetch = options.fetch ?? fetch
  // Whatever HeyGen says back is logged; it must never carry the key, even echoed.
  const redact = (text: string) => text.split(options.apiKey).join('[redacted]')
  return {
    provider: 'heygen',
    async mintSession(_visitor: AvatarVisitor, call = {}): Promise<MintedAvatarSession> {
      const signals = [AbortSignal.timeout(options.timeoutMs)]
      if (call.signal) signals.push(call.signal)
      const body = {
        mode: 'FULL',
        avatar_id: options.avatarId,
        avatar_persona: {
          ...(options.voiceId ? { voice_id: options.voiceId } : {}),
          ...(options.contextId ? { context_id: options.contextId } : {}),
          language: options.language,
        },
        is_sandbox: options.sandbox ?? false,
        max_session_duration: options.maxSessionSeconds,
      }
      let res: Response
      try {
        res = await doFetch(`${options.baseUrl}/v1/sessions/token`, {
          method: 'POST',
          headers: {
            'X-API-KEY': options.apiKey,
            accept: 'application/json',
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
          signal: AbortSignal.any(signals),
        })
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError'
        throw new AvatarProviderError(
          timedOut ? 'timeout' : 'unavailable',
          timedOut
            ? `HeyGen did not answer within ${options.timeoutMs} ms`
            : `could not reach HeyGen at ${options.baseUrl}: ${(err as Error).message}`,
          { cause: err },
        )
      }
      if (!res.ok) {
        const said = redact(await errorText(res))
        const { status } = res
        if (status === 401 || status === 403) {
          throw new AvatarProviderError(
            'unauthorized',
            `HeyGen refused the API key (${status}${said ? `: ${said}` : ''}); LiveAvatar needs a key from app.liveavatar.com/developers`,
            { status },
          )
        }
        if (status === 429) {
          const retryAfter = retryAfterSeconds(res.headers.get('retry-after'))
          throw new AvatarProviderError('rate_limited', `HeyGen is rate limiting (429): ${said}`, {
            status,
            retryAfter,
          })
        }
        throw new AvatarProviderError('unavailable', `HeyGen answered ${status}: ${said}`, {
          status,
        })
      }
      let parsed: z.infer<typeof TokenResponseSchema>
      try {
        parsed = TokenResponseSchema.parse(await res.json())
      } catch (err) {
        throw new AvatarProviderError(
          'malformed',
          'HeyGen answered without a session token (not the documented { data: { session_id, session_token } })',
          { status: res.status, cause: err },
        )
      }
      return {
        token: parsed.data.session_token,
        sessionId: parsed.data.session_id,
        apiUrl: options.baseUrl,
        expiresAt: new Date(Date.now() + options.maxSessionSeconds * 1000),
      }
    },
  }
}
