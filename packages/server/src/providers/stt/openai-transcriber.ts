import OpenAI, { toFile } from 'openai'
import type { AppError } from '../../errors.ts'
import { failureForStatus, retryAfterSeconds, speechFailed } from '../speech-errors.ts'
import type { Transcriber } from './index.ts'

export interface OpenAITranscriberOptions {
  client: OpenAI
  /** Such as `gpt-4o-mini-transcribe` or `whisper-1`. */
  model: string
  /** Longest wait for the whole transcript. */
  timeoutMs: number
}

/** The file name OpenAI reads the container from: it goes by the extension, not the MIME type. */
const EXTENSIONS: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
}

/** The container of a MIME type (`audio/webm;codecs=opus` → `audio/webm`), if we accept it. */
export function audioContainer(mediaType: string): string | undefined {
  const base = mediaType.split(';')[0]!.trim().toLowerCase()
  return base in EXTENSIONS ? base : undefined
}

/**
 * Speech to text through OpenAI's `POST /v1/audio/transcriptions` (or a compatible server), by
 * the `openai` client: a multipart upload of the whole recording, answered with `{ text }`.
 * Retries on 429 and 5xx are the client's (it honours `retry-after`); what still fails becomes
 * `speech_failed` with the reason.
 *
 * @example
 * ```ts
 * const stt = createOpenAITranscriber({ client: new OpenAI({ apiKey }), model: 'gpt-4o-mini-transcribe', timeoutMs: 30_000 })
 * const { text } = await stt.doTranscribe({ audio, mediaType: 'audio/webm;codecs=opus' })
 * ```
 */
export function createOpenAITranscriber(options: OpenAITranscriberOptions): Transcriber {
  const { client, model, timeoutMs } = options
  return {
    provider: 'openai',
    modelId: model,
    async doTranscribe({ audio, mediaType, language, abortSignal }) {
      const container = audioContainer(mediaType) ?? 'audio/webm'
      const file = await toFile(audio, `speech.${EXTENSIONS[container]}`, { type: container })
      let response: unknown
      try {
        response = await client.audio.transcriptions.create(
          { file, model, response_format: 'json', ...(language ? { language } : {}) },
          { signal: abortSignal ?? null, timeout: timeoutMs },
        )
      } catch (err) {
        throw transcriptionError(err)
      }
      const text = (response as { text?: unknown } | null)?.text
      if (typeof text !== 'string') {
        throw speechFailed('openai', 'bad_response', {
          cause: new Error(`${model} answered without a transcript`),
        })
      }
      return { text: text.trim() }
    },
  }
}

function transcriptionError(err: unknown): AppError | unknown {
  if (err instanceof OpenAI.APIUserAbortError) return err
  if (err instanceof OpenAI.APIConnectionTimeoutError) {
    return speechFailed('openai', 'timeout', { cause: err })
  }
  if (err instanceof OpenAI.APIError && err.status !== undefined) {
    return speechFailed('openai', failureForStatus(err.status), {
      retryAfter:
        err.status === 429 ? retryAfterSeconds(err.headers?.get('retry-after')) : undefined,
      cause: err,
    })
  }
  // A dropped connection, or a body that is not JSON.
  return speechFailed(
    'openai',
    err instanceof OpenAI.APIConnectionError ? 'unavailable' : 'bad_response',
    {
      cause: err,
    },
  )
}
