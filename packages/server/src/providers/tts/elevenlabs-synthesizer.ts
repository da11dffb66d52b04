import {
  ElevenLabsClient,
  ElevenLabsError,
  ElevenLabsTimeoutError,
} from '@elevenlabs/elevenlabs-js'
import { failureForStatus, retryAfterSeconds, speechFailed } from '../speech-errors.ts'
import type { SpeechSynthesizer } from './index.ts'

export interface ElevenLabsSynthesizerOptions {
  apiKey: string
  voiceId: string
  /** Such as `eleven_flash_v2_5` (lowest latency) or `eleven_multilingual_v2`. */
  model: string
  /** `https://api.elevenlabs.io` unless set (a regional or test server). */
  baseUrl?: string | undefined
  /** Longest wait for the first audio, and between two pieces of it. */
  timeoutMs: number
  /** Retries of one request on 429 and 5xx (the client waits as `retry-after` says). */
  maxRetries: number
  /** Such as `mp3_44100_128`; always MP3, which every browser plays. */
  outputFormat?: 'mp3_22050_32' | 'mp3_44100_64' | 'mp3_44100_128'
}

/**
 * Spoken answers from ElevenLabs' `POST /v1/text-to-speech/{voice_id}/stream`, through the
 * official `@elevenlabs/elevenlabs-js` client: chunked `audio/mpeg`, passed on as it arrives.
 * (The `/stream/with-timestamps` variant wraps the same audio in base64 JSON lines with character
 * timings; the built-in avatar moves its mouth from the audio's loudness, so the plain stream
 * is smaller and starts sooner for the same result.)
 *
 * @example
 * ```ts
 * const tts = createElevenLabsSynthesizer({ apiKey, voiceId, model: 'eleven_flash_v2_5', timeoutMs: 15_000, maxRetries: 1 })
 * for await (const chunk of tts.doStream({ text: 'We open at nine.' })) socket.emit(…)
 * ```
 */
export function createElevenLabsSynthesizer(
  options: ElevenLabsSynthesizerOptions,
): SpeechSynthesizer {
  const client = new ElevenLabsClient({
    apiKey: options.apiKey,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    timeoutInSeconds: options.timeoutMs / 1000,
    maxRetries: options.maxRetries,
  })
  const { voiceId, model, timeoutMs } = options
  return {
    provider: 'elevenlabs',
    modelId: model,
    mediaType: 'audio/mpeg',
    async *doStream({ text, abortSignal }) {
      // The client's timeout covers the wait for the response headers; a stream that then goes
      // quiet is cut here.
      const quiet = new AbortController()
      const signal = abortSignal ? AbortSignal.any([abortSignal, quiet.signal]) : quiet.signal
      let timer: NodeJS.Timeout | undefined
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(() => quiet.abort(), timeoutMs)
      }
      let received = 0
      try {
        arm()
        const stream = await client.textToSpeech.stream(
          voiceId,
          { text, modelId: model, outputFormat: options.outputFormat ?? 'mp3_44100_128' },
          { abortSignal: signal },
        )
        const reader = stream.getReader()
        try {
          for (;;) {
            arm()
            const { done, value } = await reader.read()
            if (done) break
            if (value.byteLength === 0) continue
            received += value.byteLength
            yield value
          }
        } finally {
          reader.releaseLock()
          void stream.cancel().catch(() => {})
        }
      } catch (err) {
        if (abortSignal?.aborted) throw err
        if (quiet.signal.aborted) throw speechFailed('elevenlabs', 'timeout', { cause: err })
        throw synthesisError(err)
      } finally {
        clearTimeout(timer)
      }
      if (received === 0) {
        throw speechFailed('elevenlabs', 'bad_response', {
          cause: new Error('ElevenLabs answered with no audio'),
        })
      }
    },
  }
}

function synthesisError(err: unknown) {
  if (err instanceof ElevenLabsTimeoutError)
    return speechFailed('elevenlabs', 'timeout', { cause: err })
  if (err instanceof ElevenLabsError && err.statusCode !== undefined) {
    return speechFailed('elevenlabs', failureForStatus(err.statusCode), {
      retryAfter:
        err.statusCode === 429
          ? retryAfterSeconds(err.rawResponse?.headers.get('retry-after'))
          : undefined,
      cause: err,
    })
  }
  // A dropped connection or a stream cut mid-way.
  return speechFailed('elevenlabs', 'unavailable', { cause: err })
}
