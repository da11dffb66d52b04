import type { SpeechRecording, VisitorClient } from '@avataradam/sdk'
import type { Recognizer, RecognizerEvents } from './recognition.ts'

/** Containers the server accepts, best first (Safari records MP4). */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4']

/** How often the recorder hands over a piece of audio to stream. */
const SLICE_MS = 250

export interface ServerRecognizerOptions {
  /** The microphone; tests pass a synthetic stream. */
  microphone?: () => Promise<MediaStream>
}

/**
 * Voice input transcribed by the server: the microphone is recorded with MediaRecorder and each
 * piece streamed over the socket as it is recorded (`client.startSpeech()`), so the transcript is
 * ready soon after the visitor stops. Same events as the browser's recognition, which it replaces
 * when the server offers speech to text. Loaded only then.
 *
 * @example
 * ```ts
 * const mic = createServerRecognizer(client, { final: send, listening, interim, error })
 * mic.start('en-US') // …mic.stop() sends what was said
 * ```
 */
export function createServerRecognizer(
  client: VisitorClient,
  events: RecognizerEvents,
  options: ServerRecognizerOptions = {},
): Recognizer {
  const microphone =
    options.microphone ?? (() => navigator.mediaDevices.getUserMedia({ audio: true }))
  let active: { recorder?: MediaRecorder; stream?: MediaStream; stopped: boolean } | undefined

  async function record(session: NonNullable<typeof active>, lang: string) {
    let recording: SpeechRecording | undefined
    try {
      session.stream = await microphone()
      if (session.stopped) return
      const mimeType = TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? ''
      const recorder = new MediaRecorder(session.stream, mimeType ? { mimeType } : {})
      session.recorder = recorder
      recording = await client.startSpeech({
        mediaType: recorder.mimeType || mimeType || 'audio/webm',
        language: lang.split('-')[0]!.toLowerCase(),
      })
      if (session.stopped) {
        recording.cancel()
        return
      }
      const started = recording
      const writes: Promise<void>[] = []
      recorder.ondataavailable = (event) => {
        if (event.data.size === 0) return
        writes.push(event.data.arrayBuffer().then((bytes) => started.write(bytes)))
      }
      const stopped = new Promise<void>((resolve) => {
        recorder.onstop = () => resolve()
      })
      recorder.start(SLICE_MS)
      events.listening(true)
      // The server drops a recording past its length; stop just before.
      const limit = setTimeout(() => stop(session), Math.max(1, started.maxSeconds - 1) * 1000)
      await stopped
      clearTimeout(limit)
      await Promise.all(writes)
      events.interim('')
      const text = await started.end()
      if (text) events.final(text)
      else events.error('no-speech')
    } catch (err) {
      recording?.cancel()
      const name = (err as { name?: string }).name
      const code = (err as { code?: string }).code
      events.error(name === 'NotAllowedError' ? 'not-allowed' : (code ?? 'audio-capture'))
    } finally {
      for (const track of session.stream?.getTracks() ?? []) track.stop()
      if (active === session) active = undefined
      events.listening(false)
    }
  }

  function stop(session: NonNullable<typeof active>) {
    session.stopped = true
    if (session.recorder?.state === 'recording') session.recorder.stop()
  }

  return {
    supported: typeof MediaRecorder === 'function' && Boolean(globalThis.navigator?.mediaDevices),
    start(lang) {
      if (active) return
      const session = { stopped: false }
      active = session
      void record(session, lang)
    },
    stop() {
      if (active) stop(active)
    },
  }
}
