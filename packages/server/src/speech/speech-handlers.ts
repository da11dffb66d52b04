import type {
  ErrorBody,
  ServerCapabilities,
  SpeechEndResult,
  SpeechError,
  SpeechStartResult,
} from '@avataradam/sdk/protocol'
import { z } from 'zod'
import { eventHandler } from '../chat/socket-handlers.ts'
import { AppError, toErrorBody } from '../errors.ts'
import { validationError } from '../http/errors.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import type { Transcriber } from '../providers/stt/index.ts'
import type { VisitorSocket } from '../realtime/types.ts'
import { isKeyRefusal, type KeyService } from '../tenants/keys.ts'
import { SpeechChunkSchema, SpeechEndSchema, SpeechStartSchema } from './schemas.ts'

export interface SpeechLimits {
  maxBytes: number
  maxSeconds: number
  maxStreams: number
  /** The largest chunk a client may send: the socket's packet limit, less room for the envelope. */
  maxChunkBytes: number
}

export interface SpeechHandlerDeps {
  /** Undefined when the browser transcribes. */
  transcriber: Transcriber | undefined
  capabilities: ServerCapabilities
  limits: SpeechLimits
  /** speech:start per visitor: each recording costs a transcription. */
  speechLimiter: RateLimiter
  /** Any event per connection (not counting audio chunks, which the limits above bound). */
  eventLimiter: RateLimiter
  log: Logger
  keys: KeyService
  isClosing(): boolean
  /** Told when the transcription provider fails (metrics). */
  onProviderError?: ((provider: string) => void) | undefined
}

interface Recording {
  mediaType: string
  language: string | undefined
  chunks: Uint8Array[]
  bytes: number
  timer: NodeJS.Timeout
  /** Set once speech:end came: the transcription is running. */
  transcribing: boolean
}

/** How many dropped recordings a connection remembers, to answer their late events. */
const REMEMBERED = 16

/**
 * Microphone audio streamed over the socket, transcribed when the visitor stops: `speech:start`
 * opens a recording (acked with its id and limits), binary `speech:chunk`s fill it, and the ack
 * of `speech:end` carries the transcript. A recording past its bytes or seconds is dropped with
 * a `speech:error`; a connection has at most `maxStreams` open; everything is dropped (and any
 * transcription aborted) when the connection goes.
 */
export function registerSpeechHandlers(socket: VisitorSocket, deps: SpeechHandlerDeps): void {
  const log = deps.log.child({ tenantId: socket.data.tenantId, socketId: socket.id })
  const recordings = new Map<string, Recording>()
  /** Why recordings were dropped, so that their speech:end is answered with the reason. */
  const dropped = new Map<string, ErrorBody>()
  const gone = new AbortController()

  function drop(streamId: string, error: AppError) {
    const recording = recordings.get(streamId)
    if (!recording) return
    clearTimeout(recording.timer)
    recordings.delete(streamId)
    const body = error.toBody()
    dropped.set(streamId, body)
    if (dropped.size > REMEMBERED) dropped.delete(dropped.keys().next().value!)
    socket.emit('speech:error', { ...body, streamId })
  }

  // Errors of speech events without an ack callback are speech:errors, not chat:errors.
  const handleEvent = eventHandler(socket, {
    eventLimiter: deps.eventLimiter,
    log,
    errorEvent: 'speech:error',
  })
  const handle = <S extends z.ZodType, R>(
    event: 'server:capabilities' | 'speech:start' | 'speech:end',
    schema: S,
    run: (payload: z.infer<S>) => Promise<R>,
  ) => handleEvent(event, schema, async (payload) => ({ ack: await run(payload) }))

  handle('server:capabilities', z.unknown(), async () => deps.capabilities)

  handle('speech:start', SpeechStartSchema, async (payload): Promise<SpeechStartResult> => {
    if (!deps.transcriber) {
      throw new AppError(
        'not_configured',
        'This server does not transcribe speech; use the browser’s speech recognition.',
      )
    }
    if (deps.isClosing()) {
      throw new AppError('server_shutting_down', 'This server is restarting; try again.')
    }
    const { maxBytes, maxSeconds, maxStreams, maxChunkBytes } = deps.limits
    // As for chat:send: a key revoked since the handshake stops working at once.
    await deps.keys.authenticate(socket.data.key).catch((err: unknown) => {
      if (isKeyRefusal(err)) setImmediate(() => socket.disconnect(true))
      throw err
    })
    await deps.speechLimiter.consume(`${socket.data.tenantId}:${socket.data.visitorId}`)
    // Checked after the wait above, so two starts sent together cannot both take the last place.
    if (recordings.size >= maxStreams) {
      throw new AppError(
        'speech_streams_exceeded',
        `At most ${maxStreams} recordings may be open at once on one connection.`,
        { details: { maxStreams } },
      )
    }
    const streamId = `st_${crypto.randomUUID().replaceAll('-', '')}`
    recordings.set(streamId, {
      mediaType: payload.mediaType,
      language: payload.language,
      chunks: [],
      bytes: 0,
      transcribing: false,
      timer: setTimeout(
        () =>
          drop(
            streamId,
            new AppError('speech_too_long', `A recording can last at most ${maxSeconds} seconds.`, {
              details: { maxSeconds },
            }),
          ),
        maxSeconds * 1000,
      ),
    })
    return { streamId, maxBytes, maxSeconds, maxChunkBytes }
  })

  /** Answers a chunk that cannot be used; these count against the event limit, good ones do not. */
  async function refuseChunk(error: SpeechError) {
    try {
      await deps.eventLimiter.consume(socket.id)
      socket.emit('speech:error', error)
    } catch (err) {
      socket.emit('speech:error', toErrorBody(err))
    }
  }

  socket.on('speech:chunk', (payload: unknown) => {
    const parsed = SpeechChunkSchema.safeParse(payload)
    if (!parsed.success) {
      void refuseChunk(toErrorBody(validationError(parsed.error)))
      return
    }
    const { streamId, chunk } = parsed.data
    const recording = recordings.get(streamId)
    // A recording dropped already said why, once; its last chunks in flight are ignored.
    if (dropped.has(streamId)) return
    if (!recording || recording.transcribing) {
      void refuseChunk({
        code: 'speech_stream_not_found',
        message: 'No open recording with that id.',
        streamId,
      })
      return
    }
    recording.bytes += chunk.byteLength
    if (recording.bytes > deps.limits.maxBytes) {
      drop(
        streamId,
        new AppError(
          'speech_too_large',
          `A recording can carry at most ${deps.limits.maxBytes} bytes of audio.`,
          { details: { maxBytes: deps.limits.maxBytes } },
        ),
      )
      return
    }
    // Copied: the buffer Socket.io hands over may be a view of a larger, reused one.
    recording.chunks.push(Uint8Array.prototype.slice.call(chunk))
  })

  handle('speech:end', SpeechEndSchema, async ({ streamId }): Promise<SpeechEndResult> => {
    const reason = dropped.get(streamId)
    if (reason) throw new AppError(reason.code, reason.message, { details: reason.details })
    const recording = recordings.get(streamId)
    if (!recording || recording.transcribing || !deps.transcriber) {
      throw new AppError('speech_stream_not_found', 'No open recording with that id.')
    }
    recording.transcribing = true
    clearTimeout(recording.timer)
    try {
      if (recording.bytes === 0) return { streamId, text: '' }
      const audio = Buffer.concat(recording.chunks)
      const { text } = await deps.transcriber.doTranscribe({
        audio,
        mediaType: recording.mediaType,
        language: recording.language,
        abortSignal: gone.signal,
      })
      return { streamId, text }
    } catch (err) {
      if (!gone.signal.aborted) deps.onProviderError?.(deps.transcriber.provider)
      if (AppError.isInstance(err)) log.warn({ err: err.cause ?? err }, 'transcription failed')
      throw err
    } finally {
      recordings.delete(streamId)
    }
  })

  socket.on('speech:cancel', (payload: unknown) => {
    const parsed = SpeechEndSchema.safeParse(payload)
    const recording = parsed.success ? recordings.get(parsed.data.streamId) : undefined
    // One being transcribed finishes: its speech:end ack is on its way.
    if (!recording || recording.transcribing) return
    clearTimeout(recording.timer)
    recordings.delete(parsed.data!.streamId)
  })

  socket.on('disconnect', () => {
    gone.abort()
    for (const recording of recordings.values()) clearTimeout(recording.timer)
    recordings.clear()
  })
}
