import type { Socket } from 'socket.io-client'
import { AvatarAdamError } from './errors.ts'
import type {
  Ack,
  ClientToServerEvents,
  ServerToClientEvents,
  SpeechEndResult,
  SpeechError,
  SpeechStartPayload,
  SpeechStartResult,
} from './protocol.ts'

type VisitorSocket = Socket<ServerToClientEvents, ClientToServerEvents>

/**
 * One recording being streamed to the server for transcription (`client.startSpeech()`): write
 * the audio as it is recorded, then `end()` for the transcript. A recording the server drops (too
 * large, too long) fails: `end()` rejects with that error, and `failed` says so at once.
 */
export class SpeechRecording {
  readonly streamId: string
  /** The most audio the server accepts for this recording, in bytes and seconds. */
  readonly maxBytes: number
  readonly maxSeconds: number
  /** Writes bigger than this go out in several chunks (a bigger packet closes the connection). */
  readonly maxChunkBytes: number
  #socket: VisitorSocket
  #timeoutMs: number
  #closed = false
  #failed: AvatarAdamError | undefined
  #off: () => void

  /** @internal Made by `client.startSpeech()`. */
  constructor(socket: VisitorSocket, started: SpeechStartResult, timeoutMs: number) {
    this.#socket = socket
    this.#timeoutMs = timeoutMs
    this.streamId = started.streamId
    this.maxBytes = started.maxBytes
    this.maxSeconds = started.maxSeconds
    this.maxChunkBytes = started.maxChunkBytes
    const onError = (e: SpeechError) => {
      if (e.streamId === this.streamId) this.#failed ??= AvatarAdamError.fromBody(e)
    }
    socket.on('speech:error', onError)
    this.#off = () => socket.off('speech:error', onError)
  }

  /** The error the server dropped this recording with, if it did. */
  get failed(): AvatarAdamError | undefined {
    return this.#failed
  }

  /** Sends the next piece of audio (in recording order), in several chunks when it is large. */
  write(chunk: ArrayBuffer | Uint8Array): void {
    if (this.#closed || this.#failed) return
    const bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk)
    const size = Math.max(1, this.maxChunkBytes)
    for (let at = 0; at < bytes.byteLength; at += size) {
      const piece = bytes.byteLength <= size ? bytes : bytes.subarray(at, at + size)
      this.#socket.emit('speech:chunk', { streamId: this.streamId, chunk: piece })
    }
  }

  /** The visitor stopped speaking: resolves to what they said (empty when nothing was heard). */
  async end(): Promise<string> {
    if (this.#closed) throw new AvatarAdamError('closed', 'This recording has ended already.')
    this.#closed = true
    try {
      let res: Ack<SpeechEndResult>
      try {
        res = await this.#socket
          .timeout(this.#timeoutMs)
          .emitWithAck('speech:end', { streamId: this.streamId })
      } catch {
        // The recording is lost with the connection: a new one must be made.
        if (!this.#socket.connected) {
          throw new AvatarAdamError('network_error', 'The connection dropped during the recording.')
        }
        throw new AvatarAdamError('timeout', 'The AvatarAdam server did not transcribe in time.')
      }
      if ('error' in res) throw AvatarAdamError.fromBody(res.error)
      return res.text
    } finally {
      this.#off()
    }
  }

  /** Drops the recording without transcribing it. */
  cancel(): void {
    if (this.#closed) return
    this.#closed = true
    this.#off()
    this.#socket.emit('speech:cancel', { streamId: this.streamId })
  }
}

/** @internal */
export async function startRecording(
  socket: VisitorSocket,
  options: SpeechStartPayload,
  timeoutMs: number,
): Promise<SpeechRecording> {
  let res: Ack<SpeechStartResult>
  try {
    res = await socket.timeout(timeoutMs).emitWithAck('speech:start', options)
  } catch {
    throw new AvatarAdamError('timeout', 'The AvatarAdam server did not answer in time.')
  }
  if ('error' in res) throw AvatarAdamError.fromBody(res.error)
  // A transcription takes longer than an ack: the server itself waits up to STT_TIMEOUT_MS.
  return new SpeechRecording(socket, res, Math.max(timeoutMs, 60_000))
}
