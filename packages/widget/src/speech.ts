export interface SpeakerEvents {
  /** How open the mouth is, 0 (closed) to 1. */
  mouth(open: number): void
  /** Speech started or the last queued sentence ended. */
  speaking(active: boolean): void
}

export interface Speaker {
  /** False where the browser has no speech synthesis; `speak` then does nothing. */
  readonly supported: boolean
  /** Queues a sentence. */
  speak(text: string, lang: string): void
  /** Stops at once and forgets the queue. */
  cancel(): void
}

/** Browsers that report word boundaries drive the mouth word by word; others get a steady beat. */
const BEAT_MS = 170
const WORD_MS = 150

/**
 * The avatar's voice through `speechSynthesis`, one sentence at a time: short utterances start
 * sooner and avoid Chrome's cut-off of long ones.
 *
 * @example
 * ```ts
 * const speaker = createSpeaker({ mouth: (o) => (face.mouth = o), speaking: (s) => … })
 * speaker.speak('We open at nine.', 'en-US')
 * ```
 */
export function createSpeaker(
  events: SpeakerEvents,
  scope: { speechSynthesis?: SpeechSynthesis; SpeechSynthesisUtterance?: unknown } = globalThis,
): Speaker {
  const synth = scope.speechSynthesis
  const Utterance = scope.SpeechSynthesisUtterance as typeof SpeechSynthesisUtterance | undefined
  const supported = Boolean(synth && typeof Utterance === 'function')
  /** Utterances queued or playing; `cancel` empties it so their late `end` events are ignored. */
  const queued = new Set<SpeechSynthesisUtterance>()
  let beat: ReturnType<typeof setInterval> | undefined
  let close: ReturnType<typeof setTimeout> | undefined

  const quiet = () => {
    clearInterval(beat)
    clearTimeout(close)
    beat = undefined
    events.mouth(0)
  }

  return {
    supported,
    speak(text, lang) {
      if (!synth || !Utterance || !text.trim()) return
      const utterance = new Utterance(text)
      utterance.lang = lang
      const voice = pickVoice(synth, lang)
      if (voice) utterance.voice = voice
      let words = false
      let open = false
      utterance.onstart = () => {
        if (!queued.has(utterance)) return
        events.speaking(true)
        clearInterval(beat)
        beat = setInterval(() => {
          if (words) return
          open = !open
          events.mouth(open ? 0.7 : 0)
        }, BEAT_MS)
      }
      utterance.onboundary = () => {
        if (!queued.has(utterance)) return
        words = true
        events.mouth(1)
        clearTimeout(close)
        close = setTimeout(() => events.mouth(0.15), WORD_MS)
      }
      utterance.onend = utterance.onerror = () => {
        if (!queued.delete(utterance)) return
        quiet()
        if (queued.size === 0) events.speaking(false)
      }
      queued.add(utterance)
      try {
        synth.speak(utterance)
      } catch {
        queued.delete(utterance)
      }
    },
    cancel() {
      if (!synth) return
      const wasSpeaking = queued.size > 0
      queued.clear()
      try {
        synth.cancel()
      } catch {
        // Nothing to stop.
      }
      quiet()
      if (wasSpeaking) events.speaking(false)
    },
  }
}

/** A voice for exactly this locale, else one for its language, else the browser's choice. */
function pickVoice(synth: SpeechSynthesis, lang: string): SpeechSynthesisVoice | undefined {
  let voices: SpeechSynthesisVoice[]
  try {
    voices = synth.getVoices()
  } catch {
    return undefined
  }
  const wanted = lang.toLowerCase()
  const base = wanted.split('-')[0]
  return (
    voices.find((v) => v.lang.toLowerCase() === wanted) ??
    voices.find((v) => v.lang.toLowerCase().split(/[-_]/)[0] === base)
  )
}
