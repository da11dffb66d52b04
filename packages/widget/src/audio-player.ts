import type { SpeechAudio } from '@avataradam/sdk'

export interface AudioPlayerEvents {
  /** How open the mouth is, 0 (closed) to 1, from the loudness of what is playing. */
  mouth(open: number): void
  /** Audio started, or the last answer's audio ended. */
  speaking(active: boolean): void
  /** An answer's audio could not be played (`answerId`); the panel speaks it another way. */
  failed(answerId: string): void
}

export interface AudioPlayer {
  /** Takes the next `speech:audio` event; pieces of one answer play in `seq` order. */
  push(audio: SpeechAudio): void
  /** Stops at once and forgets every answer. */
  cancel(): void
  /** Resumes the audio context: call from a click or key press, where browsers allow sound. */
  unlock(): void
}

interface Playing {
  track: Track
  source: MediaSource
  buffer?: SourceBuffer
}

/** Loudness (RMS of the waveform, 0–1) at which the mouth is fully open. */
const FULL_OPEN = 0.25

interface Track {
  answerId: string
  /** Pieces not yet appended, in order. */
  pending: Uint8Array[]
  /** The next `seq` expected; later ones wait in `early`. */
  next: number
  early: Map<number, SpeechAudio>
  ended: boolean
}

/**
 * Plays spoken answers streamed as MPEG audio (`speech:audio`) while they arrive: a MediaSource
 * fed piece by piece (no waiting for the whole answer), routed through Web Audio so an
 * AnalyserNode can measure the loudness that opens the avatar's mouth. Answers play one after
 * another. Loaded only when the server speaks.
 *
 * @example
 * ```ts
 * const player = createAudioPlayer({ mouth: (o) => (face.mouth = o), speaking, failed })
 * client.on('speech:audio', (a) => player.push(a))
 * ```
 */
export function createAudioPlayer(events: AudioPlayerEvents): AudioPlayer {
  const queue: Track[] = []
  let context: AudioContext | undefined
  let analyser: AnalyserNode | undefined
  let element: HTMLAudioElement | undefined
  let current: Playing | undefined
  let frame: number | undefined
  let speaking = false
  let samples: Float32Array<ArrayBuffer> | undefined

  function audioGraph() {
    context ??= new AudioContext()
    if (!element || !analyser) {
      element = new Audio()
      analyser = context.createAnalyser()
      analyser.fftSize = 512
      samples = new Float32Array(analyser.fftSize)
      context.createMediaElementSource(element).connect(analyser)
      analyser.connect(context.destination)
    }
    return { context, analyser, element }
  }

  function setSpeaking(active: boolean) {
    if (speaking === active) return
    speaking = active
    events.speaking(active)
  }

  function followLoudness() {
    if (!analyser || !samples) return
    analyser.getFloatTimeDomainData(samples)
    let sum = 0
    for (const x of samples) sum += x * x
    const level = Math.sqrt(sum / samples.length)
    events.mouth(Math.min(1, level / FULL_OPEN))
    frame = requestAnimationFrame(followLoudness)
  }

  function stopLoudness() {
    if (frame !== undefined) cancelAnimationFrame(frame)
    frame = undefined
    events.mouth(0)
  }

  function trackFor(answerId: string): Track {
    let track = queue.find((t) => t.answerId === answerId)
    if (!track) {
      track = { answerId, pending: [], next: 0, early: new Map(), ended: false }
      queue.push(track)
    }
    return track
  }

  function feed() {
    const playing = current
    if (!playing?.buffer || playing.buffer.updating) return
    const { track, source, buffer } = playing
    const chunk = track.pending.shift()
    if (chunk) {
      try {
        buffer.appendBuffer(chunk as Uint8Array<ArrayBuffer>)
      } catch {
        fail(track)
      }
      return
    }
    if (track.ended && source.readyState === 'open') source.endOfStream()
  }

  function play() {
    if (current || queue.length === 0) return
    const track = queue[0]!
    const { element } = audioGraph()
    const source = new MediaSource()
    const playing: Playing = { track, source }
    current = playing
    source.addEventListener(
      'sourceopen',
      () => {
        if (current !== playing) return
        try {
          playing.buffer = source.addSourceBuffer('audio/mpeg')
        } catch {
          fail(track)
          return
        }
        playing.buffer.addEventListener('updateend', feed)
        feed()
      },
      { once: true },
    )
    element.src = URL.createObjectURL(source)
    element.onplaying = () => {
      if (current !== playing) return
      setSpeaking(true)
      stopLoudness()
      followLoudness()
    }
    element.onended = () => current === playing && finish(track)
    element.onerror = () => current === playing && fail(track)
    void context?.resume().catch(() => {})
    element.play().catch(() => current === playing && fail(track))
  }

  function release() {
    if (element?.src) URL.revokeObjectURL(element.src)
    current = undefined
  }

  function finish(track: Track) {
    queue.splice(queue.indexOf(track), 1)
    release()
    stopLoudness()
    if (queue.length === 0) setSpeaking(false)
    play()
  }

  function fail(track: Track) {
    if (current?.track === track) element?.pause()
    finish(track)
    events.failed(track.answerId)
  }

  return {
    push(audio) {
      const track = trackFor(audio.answerId)
      track.early.set(audio.seq, audio)
      // Socket.io delivers in order; this keeps order anyway should a piece come late.
      for (let next = track.early.get(track.next); next; next = track.early.get(track.next)) {
        track.early.delete(track.next++)
        const bytes =
          next.chunk instanceof Uint8Array ? next.chunk : new Uint8Array(next.chunk as ArrayBuffer)
        if (bytes.byteLength > 0) track.pending.push(bytes)
        if (next.final) track.ended = true
      }
      if (!current) play()
      else if (current.track === track) feed()
    },
    cancel() {
      queue.length = 0
      if (element) {
        element.pause()
        element.removeAttribute('src')
      }
      release()
      stopLoudness()
      setSpeaking(false)
    },
    unlock() {
      audioGraph()
      void context?.resume().catch(() => {})
    },
  }
}
