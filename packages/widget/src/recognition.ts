/** The slice of the Web Speech API recognition interface this widget uses (absent from lib.dom). */
interface Recognition {
  lang: string
  interimResults: boolean
  continuous: boolean
  onresult: ((event: RecognitionEvent) => void) | null
  onerror: ((event: { error: string }) => void) | null
  onend: (() => void) | null
  start(): void
  stop(): void
  abort(): void
}

interface RecognitionEvent {
  resultIndex: number
  results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>
}

type RecognitionConstructor = new () => Recognition

export interface RecognizerEvents {
  /** What has been heard so far, to show in the input. */
  interim(text: string): void
  /** The visitor finished speaking: send it. */
  final(text: string): void
  listening(active: boolean): void
  /** `not-allowed` when the microphone was refused, `no-speech`, … */
  error(code: string): void
}

export interface Recognizer {
  /** False where the browser cannot recognise speech; the mic button is then hidden. */
  readonly supported: boolean
  start(lang: string): void
  stop(): void
}

/**
 * Voice input through `SpeechRecognition` (`webkitSpeechRecognition` in Chrome and Safari).
 *
 * @example
 * ```ts
 * const mic = createRecognizer({ interim: (t) => (input.value = t), final: send, … })
 * if (mic.supported) mic.start('en-US')
 * ```
 */
export function createRecognizer(events: RecognizerEvents, scope: object = globalThis): Recognizer {
  const api = scope as { SpeechRecognition?: unknown; webkitSpeechRecognition?: unknown }
  const Constructor = (api.SpeechRecognition ?? api.webkitSpeechRecognition) as
    | RecognitionConstructor
    | undefined
  let active: Recognition | undefined

  return {
    supported: typeof Constructor === 'function',
    start(lang) {
      if (!Constructor || active) return
      let recognition: Recognition
      try {
        recognition = new Constructor()
        recognition.lang = lang
        recognition.interimResults = true
        recognition.continuous = false
      } catch {
        events.error('unsupported')
        return
      }
      let sent = false
      recognition.onresult = (event) => {
        let text = ''
        let final = false
        for (let i = 0; i < event.results.length; i++) {
          const result = event.results[i]
          if (!result) continue
          text += result[0].transcript
          final ||= result.isFinal
        }
        if (final && !sent) {
          sent = true
          events.final(text.trim())
        } else if (!final) {
          events.interim(text)
        }
      }
      recognition.onerror = (event) => events.error(event.error)
      recognition.onend = () => {
        if (active === recognition) active = undefined
        events.listening(false)
      }
      active = recognition
      try {
        recognition.start()
        events.listening(true)
      } catch {
        active = undefined
        events.error('start-failed')
      }
    },
    stop() {
      active?.stop()
    },
  }
}
