/// <reference types="mocha" />
import { aTimeout, expect } from '@open-wc/testing'
import { createRecognizer } from '../recognition.ts'
import { createSpeaker } from '../speech.ts'

/** A speechSynthesis that records utterances; tests fire their events. */
class FakeUtterance {
  text: string
  lang = ''
  voice: unknown = null
  onstart: (() => void) | null = null
  onboundary: (() => void) | null = null
  onend: (() => void) | null = null
  onerror: (() => void) | null = null
  constructor(text: string) {
    this.text = text
  }
}

function fakeSynth() {
  const spoken: FakeUtterance[] = []
  return {
    spoken,
    cancelled: 0,
    speak(u: FakeUtterance) {
      spoken.push(u)
    },
    cancel() {
      this.cancelled++
    },
    getVoices: () => [
      { lang: 'en-US', name: 'US' },
      { lang: 'fr-FR', name: 'France' },
    ],
  }
}

function speakerWith(synth: ReturnType<typeof fakeSynth>) {
  const mouth: number[] = []
  const speaking: boolean[] = []
  const speaker = createSpeaker(
    { mouth: (o) => mouth.push(o), speaking: (s) => speaking.push(s) },
    {
      speechSynthesis: synth as unknown as SpeechSynthesis,
      SpeechSynthesisUtterance: FakeUtterance,
    },
  )
  return { speaker, mouth, speaking }
}

describe('speech', () => {
  it('does nothing, and throws nothing, without speech synthesis', () => {
    const speaker = createSpeaker({ mouth() {}, speaking() {} }, {})
    expect(speaker.supported).to.equal(false)
    speaker.speak('Hello.', 'en-US')
    speaker.cancel()
  })

  it('speaks in the locale with a matching voice', () => {
    const synth = fakeSynth()
    const { speaker } = speakerWith(synth)
    expect(speaker.supported).to.equal(true)
    speaker.speak('Bonjour.', 'fr-CA')
    expect(synth.spoken[0]!.lang).to.equal('fr-CA')
    expect((synth.spoken[0]!.voice as { name: string }).name).to.equal('France')
  })

  it('opens the mouth on each word boundary and closes it at the end', () => {
    const synth = fakeSynth()
    const { speaker, mouth, speaking } = speakerWith(synth)
    speaker.speak('We open at nine.', 'en-US')
    const u = synth.spoken[0]!
    u.onstart!()
    u.onboundary!()
    expect(mouth.at(-1)).to.equal(1)
    u.onend!()
    expect(mouth.at(-1)).to.equal(0)
    expect(speaking).to.deep.equal([true, false])
  })

  it('moves the mouth on a timer where the browser reports no word boundaries', async () => {
    const synth = fakeSynth()
    const { speaker, mouth } = speakerWith(synth)
    speaker.speak('Hello there.', 'en-US')
    synth.spoken[0]!.onstart!()
    await aTimeout(400)
    expect(mouth.filter((o) => o > 0).length).to.be.greaterThan(0)
    expect(mouth).to.include(0)
    synth.spoken[0]!.onend!()
  })

  it('stays speaking until the last queued sentence ends, and cancel stops it all', () => {
    const synth = fakeSynth()
    const { speaker, speaking } = speakerWith(synth)
    speaker.speak('One.', 'en-US')
    speaker.speak('Two.', 'en-US')
    synth.spoken[0]!.onstart!()
    synth.spoken[0]!.onend!()
    expect(speaking).to.deep.equal([true])
    speaker.cancel()
    expect(synth.cancelled).to.equal(1)
    expect(speaking).to.deep.equal([true, false])
    // Late events of cancelled utterances change nothing.
    synth.spoken[1]!.onend!()
    expect(speaking).to.deep.equal([true, false])
  })
})

describe('voice input', () => {
  it('is unsupported, quietly, without SpeechRecognition', () => {
    const recognizer = createRecognizer(
      { interim() {}, final() {}, listening() {}, error() {} },
      {},
    )
    expect(recognizer.supported).to.equal(false)
    recognizer.start('en-US')
    recognizer.stop()
  })

  it('shows interim words and sends the final result once', () => {
    const instances: FakeRecognition[] = []
    class FakeRecognition {
      lang = ''
      interimResults = false
      continuous = true
      onresult: ((e: unknown) => void) | null = null
      onerror: ((e: { error: string }) => void) | null = null
      onend: (() => void) | null = null
      constructor() {
        instances.push(this)
      }
      start() {}
      stop() {
        this.onend?.()
      }
      abort() {}
    }
    const events: string[] = []
    const recognizer = createRecognizer(
      {
        interim: (t) => events.push(`interim:${t}`),
        final: (t) => events.push(`final:${t}`),
        listening: (on) => events.push(`listening:${on}`),
        error: (c) => events.push(`error:${c}`),
      },
      { webkitSpeechRecognition: FakeRecognition },
    )
    expect(recognizer.supported).to.equal(true)
    recognizer.start('en-GB')
    const r = instances[0]!
    expect(r.lang).to.equal('en-GB')
    expect(r.interimResults).to.equal(true)
    const result = (transcript: string, isFinal: boolean) => ({
      resultIndex: 0,
      results: [{ isFinal, 0: { transcript } }],
    })
    r.onresult!(result('do you', false))
    r.onresult!(result('do you have SUVs ', true))
    r.onresult!(result('do you have SUVs ', true))
    r.onerror!({ error: 'no-speech' })
    recognizer.stop()
    expect(events).to.deep.equal([
      'listening:true',
      'interim:do you',
      'final:do you have SUVs',
      'error:no-speech',
      'listening:false',
    ])
  })
})
