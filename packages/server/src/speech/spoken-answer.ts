import type { SpeechAudio, SpeechError } from '@avataradam/sdk/protocol'
import type { TurnEvents } from '../chat/turns.ts'
import { AppError, toErrorBody } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { SpeechSynthesizer } from '../providers/tts/index.ts'
import { SpokenSentences } from './speakable.ts'

/** How long an answer may go without a delta before its speech is given up. */
const IDLE_MS = 120_000

export interface SpokenAnswerOptions {
  answerId: string
  synthesizer: SpeechSynthesizer
  /** Where the audio goes: the socket that asked for speech. */
  audio(audio: SpeechAudio): void
  error(error: SpeechError): void
  /** Aborted when that socket goes away. */
  signal: AbortSignal
  log: Logger
  /** Told when the speech provider fails (metrics). */
  onProviderError?: ((provider: string) => void) | undefined
}

/**
 * The turn's events, also spoken: each sentence is synthesised as soon as the answer completes
 * it (not once the whole answer is written), one after another so the audio stays in order, and
 * sent as `speech:audio` pieces numbered from 0; the last is `final`. Speech failing stops the
 * speech only: the text events pass through untouched whatever happens here.
 */
export function spokenAnswer(events: TurnEvents, options: SpokenAnswerOptions): TurnEvents {
  const { answerId, synthesizer, signal, log } = options
  const sentences = new SpokenSentences()
  const queue: string[] = []
  let ended = false
  let failed = false
  let seq = 0
  let wake: (() => void) | undefined
  const stop = new AbortController()
  const abort = AbortSignal.any([signal, stop.signal])
  // A turn that ends without a word (its claim lost to another instance) sends no done or error:
  // the speech gives up after this much silence rather than wait for the socket to close.
  const giveUp = () => setTimeout(() => stop.abort(), IDLE_MS).unref()
  let idle = giveUp()
  const active = () => {
    clearTimeout(idle)
    idle = giveUp()
  }
  abort.addEventListener('abort', () => clearTimeout(idle), { once: true })

  const next = async (): Promise<string | undefined> => {
    while (queue.length === 0 && !ended && !abort.aborted) {
      await new Promise<void>((resolve) => {
        wake = resolve
      })
    }
    return abort.aborted ? undefined : queue.shift()
  }
  const notify = () => {
    wake?.()
    wake = undefined
  }
  abort.addEventListener('abort', notify, { once: true })

  async function speak() {
    for (let sentence = await next(); sentence !== undefined; sentence = await next()) {
      for await (const chunk of synthesizer.doStream({ text: sentence, abortSignal: abort })) {
        if (abort.aborted) return
        options.audio({ answerId, seq: seq++, chunk, final: false })
      }
    }
    if (!abort.aborted)
      options.audio({ answerId, seq: seq++, chunk: new Uint8Array(0), final: true })
  }

  void speak().catch((err: unknown) => {
    if (abort.aborted) return
    failed = true
    options.onProviderError?.(synthesizer.provider)
    if (!AppError.isInstance(err)) log.error({ err, answerId }, 'speech synthesis failed')
    else log.warn({ err: err.cause ?? err, answerId }, 'speech synthesis failed')
    options.error({ ...toErrorBody(err), answerId })
  })

  const enqueue = (more: string[]) => {
    if (failed || more.length === 0) return
    queue.push(...more)
    notify()
  }
  return {
    delta(delta) {
      events.delta(delta)
      active()
      enqueue(sentences.push(delta.text))
    },
    done(done) {
      events.done(done)
      clearTimeout(idle)
      enqueue(sentences.finish())
      ended = true
      notify()
    },
    error(error) {
      events.error(error)
      stop.abort()
    },
    leadRequest(request) {
      events.leadRequest(request)
    },
  }
}
