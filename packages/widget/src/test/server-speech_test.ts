/// <reference types="mocha" />
import {
  AvatarAdamError,
  type SpeechAudio,
  type SpeechRecording,
  type SpeechStartPayload,
} from '@avataradam/sdk'
import { expect, waitUntil } from '@open-wc/testing'
import '../avatar-adam.ts'
import { createAudioPlayer } from '../audio-player.ts'
import { createServerRecognizer } from '../server-recognition.ts'
import { ack, delta, fakeClient } from './fake-client.ts'
import { openWidget, until } from './helpers.ts'

/** A real MP3: one second of a tone that swells three times (made with lame). */
async function voice(): Promise<Uint8Array> {
  const res = await fetch(new URL('../../test/fixtures/voice.mp3', import.meta.url))
  return new Uint8Array(await res.arrayBuffer())
}

/** The pieces of an answer's audio as the server streams them. */
function pieces(answerId: string, mp3: Uint8Array, count = 4): SpeechAudio[] {
  const size = Math.ceil(mp3.length / count)
  const audio: SpeechAudio[] = []
  for (let i = 0; i < count; i++) {
    audio.push({ answerId, seq: i, chunk: mp3.slice(i * size, (i + 1) * size), final: false })
  }
  audio.push({ answerId, seq: count, chunk: new Uint8Array(0), final: true })
  return audio
}

/** A microphone that hears a 440 Hz tone: Web Audio's own stream, no device needed. */
function toneMicrophone(): { stream: MediaStream; stop(): void } {
  const context = new AudioContext()
  const tone = context.createOscillator()
  const out = context.createMediaStreamDestination()
  tone.connect(out)
  tone.start()
  return {
    stream: out.stream,
    stop: () => {
      tone.stop()
      void context.close()
    },
  }
}

/** What a recording double saw: the chunks written, and how it ended. */
function recordingDouble(transcript: string) {
  const seen = {
    start: undefined as SpeechStartPayload | undefined,
    chunks: [] as Uint8Array[],
    ended: false,
    cancelled: false,
  }
  const startSpeech = async (options: SpeechStartPayload) => {
    seen.start = options
    return {
      streamId: 'st_test',
      maxBytes: 2_000_000,
      maxSeconds: 60,
      failed: undefined,
      write(chunk: ArrayBuffer | Uint8Array) {
        seen.chunks.push(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk))
      },
      async end() {
        seen.ended = true
        return transcript
      },
      cancel() {
        seen.cancelled = true
      },
    } as unknown as SpeechRecording
  }
  return { seen, startSpeech }
}

describe('server speech', () => {
  beforeEach(() => localStorage.removeItem('avataradam:muted'))

  it('plays streamed MP3 pieces in order and moves the mouth with their loudness', async () => {
    const mouth: number[] = []
    const speaking: boolean[] = []
    const failed: string[] = []
    const player = createAudioPlayer({
      mouth: (open) => mouth.push(open),
      speaking: (active) => speaking.push(active),
      failed: (id) => failed.push(id),
    })
    player.unlock()
    const audio = pieces('a1', await voice())
    // The first piece alone starts playback: the rest arrives while it plays.
    player.push(audio[0]!)
    await waitUntil(() => speaking.includes(true), 'playback starts', { timeout: 4000 })
    for (const piece of audio.slice(1)) player.push(piece)
    await waitUntil(() => speaking.at(-1) === false, 'playback ends', { timeout: 4000 })
    expect(failed).to.deep.equal([])
    expect(Math.max(...mouth)).to.be.greaterThan(0.3)
    expect(mouth.at(-1)).to.equal(0)
  })

  it('says which answer it could not play', async () => {
    const failed: string[] = []
    const player = createAudioPlayer({ mouth() {}, speaking() {}, failed: (id) => failed.push(id) })
    player.unlock()
    const garbage = new Uint8Array(4096).fill(7)
    player.push({ answerId: 'bad', seq: 0, chunk: garbage, final: true })
    await waitUntil(() => failed.length > 0, 'the failure is reported', { timeout: 4000 })
    expect(failed).to.deep.equal(['bad'])
  })

  it('streams microphone audio as it is recorded and sends the transcript', async () => {
    const mic = toneMicrophone()
    const client = fakeClient()
    const { seen, startSpeech } = recordingDouble('When are you open?')
    client.startSpeech = startSpeech
    const heard: string[] = []
    const listening: boolean[] = []
    const recognizer = createServerRecognizer(
      client,
      {
        interim() {},
        final: (text) => heard.push(text),
        listening: (active) => listening.push(active),
        error: (code) => heard.push(`error:${code}`),
      },
      { microphone: async () => mic.stream },
    )
    try {
      expect(recognizer.supported).to.equal(true)
      recognizer.start('en-US')
      await waitUntil(() => seen.chunks.length >= 2, 'chunks stream while recording', {
        timeout: 4000,
      })
      expect(seen.ended).to.equal(false)
      expect(seen.start).to.deep.equal({ mediaType: 'audio/webm;codecs=opus', language: 'en' })
      recognizer.stop()
      await waitUntil(() => heard.length > 0, 'the transcript', { timeout: 4000 })
      expect(heard).to.deep.equal(['When are you open?'])
      expect(listening).to.deep.equal([true, false])
      // A real WebM recording: it starts with the EBML header.
      expect([...seen.chunks[0]!.slice(0, 4)]).to.deep.equal([0x1a, 0x45, 0xdf, 0xa3])
      expect(mic.stream.getTracks().every((t) => t.readyState === 'ended')).to.equal(true)
    } finally {
      mic.stop()
    }
  })

  it('asks for spoken answers, plays them on the face, and falls back to the browser on failure', async () => {
    const mp3 = await voice()
    const { client, panel, root } = await openWidget((c) => {
      c.offers = { stt: 'server', tts: 'server' }
    })
    await until(panel, () => root.querySelector('[part~="mic"]'), 'the mic button')
    // The audio module loads once the server says it speaks.
    await waitUntil(async () => {
      const input = root.querySelector('input')!
      input.value = 'When are you open?'
      input.dispatchEvent(new InputEvent('input'))
      await panel.updateComplete
      root.querySelector<HTMLButtonElement>('[part~="send"]')!.click()
      return client.asked.at(-1)?.options.speech === true
    }, 'a question asking for speech')
    const answer = client.asked.at(-1)!.answer
    ack(answer, 'a-spoken')
    delta(answer, 'We open at nine. ', 0, 'a-spoken')
    const face = root.querySelector('avatar-adam-face')!
    const openings: number[] = []
    const sample = setInterval(() => openings.push(face.mouth), 20)
    try {
      for (const piece of pieces('a-spoken', mp3)) client.emit('speech:audio', piece)
      await until(panel, () => face.state === 'speaking', 'the face speaks')
      // One second of audio.
      await waitUntil(() => face.state !== 'speaking', 'the face stops speaking', { timeout: 4000 })
    } finally {
      clearInterval(sample)
    }
    expect(Math.max(...openings)).to.be.greaterThan(0.3)
    expect(client.asked.at(-1)!.options.speech).to.equal(true)
  })

  it('speaks with the browser when the server could not', async () => {
    const spoken: string[] = []
    const { client, panel, root } = await openWidget((c) => {
      c.offers = { stt: 'browser', tts: 'server' }
    })
    // Stands in for the browser's voice, to see what the panel hands it.
    const synth = window.speechSynthesis
    const original = synth.speak.bind(synth)
    synth.speak = (utterance) => spoken.push(utterance.text)
    try {
      await waitUntil(async () => {
        const input = root.querySelector('input')!
        input.value = 'When are you open?'
        input.dispatchEvent(new InputEvent('input'))
        await panel.updateComplete
        root.querySelector<HTMLButtonElement>('[part~="send"]')!.click()
        return client.asked.at(-1)?.options.speech === true
      }, 'a question asking for speech')
      const answer = client.asked.at(-1)!.answer
      ack(answer, 'a-failed')
      delta(answer, 'We open at nine. ', 0, 'a-failed')
      await until(
        panel,
        () => root.querySelector('.assistant:last-child .bubble')?.textContent?.includes('nine'),
        'the answer',
      )
      delta(answer, 'On Saturday too. ', 1, 'a-failed')
      await until(
        panel,
        () =>
          root.querySelector('.assistant:last-child .bubble')?.textContent?.includes('Saturday'),
        'more of the answer',
      )
      // The server speaks it: the browser stays quiet.
      expect(spoken).to.deep.equal([])
      client.emit('speech:error', {
        code: 'speech_failed',
        message: 'The speech service is unavailable right now.',
        answerId: 'a-failed',
      })
      // What the server had of it, then the rest as it comes, in the browser's voice.
      expect(spoken).to.deep.equal(['We open at nine.', 'On Saturday too.'])
      answer._done({
        conversationId: 'c1',
        messageId: 'a-failed',
        replyTo: 'q1',
        text: 'We open at nine. On Saturday too. Sundays closed.',
        citations: [],
      })
      await until(panel, () => spoken.length === 3, 'the rest in the browser')
      expect(spoken).to.deep.equal(['We open at nine.', 'On Saturday too.', 'Sundays closed.'])
    } finally {
      synth.speak = original
    }
  })

  it('sends what the visitor said into the chat from the mic button', async () => {
    const { seen, startSpeech } = recordingDouble('Do you have any SUVs?')
    const { client, panel, root } = await openWidget((c) => {
      c.offers = { stt: 'server', tts: 'browser' }
      c.startSpeech = startSpeech
    })
    const mic = () => root.querySelector<HTMLButtonElement>('[part~="mic"]')!
    // The recording module loads once the server says it transcribes.
    await waitUntil(
      async () => {
        mic().click()
        await new Promise((r) => setTimeout(r, 100))
        if (seen.start) return true
        if (mic().getAttribute('aria-pressed') === 'true') mic().click()
        return false
      },
      'a recording streamed to the server',
      { timeout: 4000 },
    )
    await until(panel, () => mic().getAttribute('aria-pressed') === 'true', 'listening')
    await waitUntil(() => seen.chunks.length > 0, 'audio streams', { timeout: 4000 })
    mic().click()
    await until(panel, () => client.asked.length === 1, 'the transcript is sent')
    expect(client.asked[0]!.text).to.equal('Do you have any SUVs?')
    expect(mic().getAttribute('aria-pressed')).to.equal('false')
  })

  it('says so when the server could not transcribe', async () => {
    const { panel, root } = await openWidget((c) => {
      c.offers = { stt: 'server', tts: 'browser' }
      c.startSpeech = async () => {
        throw new AvatarAdamError('speech_streams_exceeded', 'Too many recordings.')
      }
    })
    const mic = () => root.querySelector<HTMLButtonElement>('[part~="mic"]')!
    await waitUntil(
      async () => {
        mic().click()
        await panel.updateComplete
        await new Promise((r) => setTimeout(r, 100))
        return (
          root.textContent !== null && panel.shadowRoot!.innerHTML.includes("couldn't catch that")
        )
      },
      'a notice',
      { timeout: 4000 },
    )
  })
})
