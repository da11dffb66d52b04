import { createClient } from '@avataradam/sdk'
import type { SpeechAudio, SpeechError } from '@avataradam/sdk/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.ts'
import { runChecks } from '../src/doctor.ts'
import { AppError } from '../src/errors.ts'
import { createElevenLabsSynthesizer } from '../src/providers/tts/elevenlabs-synthesizer.ts'
import { speakable } from '../src/speech/speakable.ts'
import { ask, slowAnswerer } from './support/chat.ts'
import {
  audioReply,
  cutReply,
  emptyReply,
  errorReply,
  stallReply,
  startElevenLabsServer,
  VOICE_MP3,
} from './support/elevenlabs-server.ts'
import {
  connectVisitor,
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

let voices: Awaited<ReturnType<typeof startElevenLabsServer>>
beforeAll(async () => {
  voices = await startElevenLabsServer(audioReply({ chunks: 4, gapMs: 40 }))
})
afterAll(() => voices.close())

function synthesizer(options: { timeoutMs?: number; maxRetries?: number; apiKey?: string } = {}) {
  return createElevenLabsSynthesizer({
    apiKey: options.apiKey ?? 'el-test-key',
    voiceId: 'voice-rachel',
    model: 'eleven_flash_v2_5',
    baseUrl: voices.baseUrl,
    timeoutMs: options.timeoutMs ?? 5000,
    maxRetries: options.maxRetries ?? 0,
  })
}

async function collect(stream: AsyncIterable<Uint8Array>) {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return chunks
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!AppError.isInstance(err)) throw new Error(`expected an AppError, got ${String(err)}`)
  return err
}

describe('ElevenLabs streaming speech', () => {
  it('posts the text to the voice stream and yields the audio as it arrives', async () => {
    const seen = voices.requests.length
    const arrivals: number[] = []
    const chunks: Uint8Array[] = []
    for await (const chunk of synthesizer().doStream({ text: 'We open at nine.' })) {
      arrivals.push(performance.now())
      chunks.push(chunk)
    }
    expect(Buffer.compare(Buffer.concat(chunks), VOICE_MP3)).toBe(0)
    // Streamed, not gathered: the pieces came over time as the server produced them.
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(80)
    const [request] = voices.requests.slice(seen)
    expect(request).toMatchObject({
      path: '/v1/text-to-speech/voice-rachel/stream',
      body: { text: 'We open at nine.', model_id: 'eleven_flash_v2_5' },
    })
    expect(request?.headers['xi-api-key']).toBe('el-test-key')
    expect(request?.query.get('output_format')).toBe('mp3_44100_128')
  })

  it('names a refused key, a rate limit with its wait, and a failing service', async () => {
    const refused = await failure(
      collect(synthesizer({ apiKey: 'wrong' }).doStream({ text: 'Hi.' })),
    )
    expect(refused.toBody()).toMatchObject({
      code: 'speech_failed',
      details: { provider: 'elevenlabs', reason: 'unauthorized' },
    })

    voices.next(errorReply(429, 'too_many_concurrent_requests', 'Busy', { 'retry-after': '9' }))
    const limited = await failure(collect(synthesizer().doStream({ text: 'Hi.' })))
    expect(limited.toBody()).toMatchObject({ retryAfter: 9, details: { reason: 'rate_limited' } })

    voices.next(errorReply(429, 'too_many_concurrent_requests', 'Busy', { 'retry-after': '1' }))
    const started = performance.now()
    const retried = await collect(synthesizer({ maxRetries: 1 }).doStream({ text: 'Hi.' }))
    expect(Buffer.concat(retried).length).toBe(VOICE_MP3.length)
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)

    voices.next(errorReply(500, 'internal', 'Oops'))
    const down = await failure(collect(synthesizer().doStream({ text: 'Hi.' })))
    expect(down.toBody().details).toMatchObject({ reason: 'unavailable' })
  })

  it('cuts a stream that goes quiet, one that drops, and one with no audio', async () => {
    voices.next(stallReply())
    const started = performance.now()
    const stalled = await failure(
      collect(synthesizer({ timeoutMs: 300 }).doStream({ text: 'Hi.' })),
    )
    expect(stalled.toBody().details).toMatchObject({ reason: 'timeout' })
    expect(performance.now() - started).toBeLessThan(3000)

    voices.next(cutReply())
    const cut = await failure(collect(synthesizer().doStream({ text: 'Hi.' })))
    expect(cut.toBody().details).toMatchObject({ reason: 'unavailable' })

    voices.next(emptyReply())
    const empty = await failure(collect(synthesizer().doStream({ text: 'Hi.' })))
    expect(empty.toBody().details).toMatchObject({ reason: 'bad_response' })
  })

  it('speaks words, not markdown or citation marks', () => {
    expect(speakable('**Saturday**: 9 AM – 6 PM [1].')).toBe('Saturday: 9 AM – 6 PM.')
    expect(speakable('- See [our hours](https://dealer.example/hours) [1, 2]')).toBe(
      'See our hours',
    )
  })
})

describe('spoken answers over the socket', () => {
  let server: TestServer
  let key: string
  // Three sentences, written slowly: speech must start before the answer is finished.
  const words = 'We open at nine. On Saturday we close at six. Sundays we are closed.'.split(' ')
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        TTS_PROVIDER: 'elevenlabs',
        ELEVENLABS_API_KEY: 'el-test-key',
        ELEVENLABS_VOICE_ID: 'voice-rachel',
        ELEVENLABS_BASE_URL: voices.baseUrl,
        TTS_MAX_RETRIES: '0',
        TTS_TIMEOUT_MS: '800',
      },
      parts: { answerer: slowAnswerer(words, 60) },
    })
    key = (await createTenant(server)).publishable.key
  })
  afterAll(() => server?.stop())

  function listen(socket: VisitorClient) {
    const audio: (SpeechAudio & { at: number })[] = []
    const errors: SpeechError[] = []
    let doneAt = 0
    socket.on('speech:audio', (a) => audio.push({ ...a, at: performance.now() }))
    socket.on('speech:error', (e) => errors.push(e))
    socket.on('chat:done', () => {
      doneAt = performance.now()
    })
    const finished = new Promise<void>((resolve) => {
      const check = () =>
        audio.at(-1)?.final || errors.length > 0 ? resolve() : setTimeout(check, 20)
      check()
    })
    return { audio, errors, finished, doneAt: () => doneAt }
  }

  it('says it speaks on the server', async () => {
    const socket = await connectVisitor(visitorClient(server, { key }))
    expect(await socket.emitWithAck('server:capabilities', null)).toEqual({
      stt: 'browser',
      tts: 'server',
    })
    socket.close()
  })

  it('streams the audio in order, sentence by sentence, starting before the answer is done', async () => {
    const socket = await connectVisitor(visitorClient(server, { key }))
    try {
      const seen = voices.requests.length
      const heard = listen(socket)
      const { done } = await ask(socket, 'When are you open?', { speech: true })
      await heard.finished
      expect(heard.errors).toEqual([])
      const requests = voices.requests.slice(seen)
      expect(requests.map((r) => r.body.text)).toEqual([
        'We open at nine.',
        'On Saturday we close at six.',
        'Sundays we are closed.',
      ])
      expect(heard.audio.map((a) => a.seq)).toEqual(heard.audio.map((_, i) => i))
      expect(heard.audio.every((a) => a.answerId === done.messageId)).toBe(true)
      expect(heard.audio.filter((a) => a.final)).toEqual([heard.audio.at(-1)])
      // Four pieces per sentence, then the final marker.
      expect(heard.audio).toHaveLength(13)
      const bytes = Buffer.concat(heard.audio.map((a) => Buffer.from(a.chunk as Uint8Array)))
      expect(bytes.equals(Buffer.concat([VOICE_MP3, VOICE_MP3, VOICE_MP3]))).toBe(true)
      // The first sentence was being spoken while the rest of the answer was still written.
      expect(heard.audio[0]!.at).toBeLessThan(heard.doneAt())
      expect(requests[0]!.at).toBeLessThan(requests[2]!.at - 100)
    } finally {
      socket.close()
    }
  })

  it('speaks through the SDK when asked', async () => {
    const client = createClient({ key, baseUrl: server.url, origin: TEST_ORIGIN, storage: false })
    try {
      expect(await client.capabilities()).toEqual({ stt: 'browser', tts: 'server' })
      const audio: SpeechAudio[] = []
      const ended = new Promise<void>((resolve) =>
        client.on('speech:audio', (a) => {
          audio.push(a)
          if (a.final) resolve()
        }),
      )
      const answer = await client.ask('When are you open?', { speech: true })
      await ended
      expect(audio.every((a) => a.answerId === answer.messageId)).toBe(true)
      expect(audio.map((a) => a.seq)).toEqual(audio.map((_, i) => i))
      expect(audio).toHaveLength(13)
    } finally {
      client.close()
    }
  })

  it('speaks to the tab that asked, while other tabs of the conversation get the text only', async () => {
    const visitorId = `visitor_${crypto.randomUUID()}`
    const asking = await connectVisitor(visitorClient(server, { key, visitorId }))
    const other = await connectVisitor(visitorClient(server, { key, visitorId }))
    try {
      const heard = listen(asking)
      const overheard = listen(other)
      const first = await ask(asking, 'Hi')
      const { conversationId } = first.ack
      await other.emitWithAck('conversation:history', { conversationId })
      const otherDone = new Promise<string>((resolve) =>
        other.once('chat:done', (d) => resolve(d.text)),
      )
      await ask(asking, 'When are you open?', { conversationId, speech: true })
      expect(await otherDone).toBe(words.join(' '))
      await heard.finished
      expect(heard.audio.at(-1)?.final).toBe(true)
      expect(overheard.audio).toEqual([])
      expect(overheard.errors).toEqual([])
    } finally {
      asking.close()
      other.close()
    }
  })

  it('speaks only when asked', async () => {
    const socket = await connectVisitor(visitorClient(server, { key }))
    try {
      const seen = voices.requests.length
      const heard = listen(socket)
      await ask(socket, 'When are you open?')
      await new Promise((r) => setTimeout(r, 200))
      expect(heard.audio).toEqual([])
      expect(voices.requests.length).toBe(seen)
    } finally {
      socket.close()
    }
  })

  for (const [name, reply, reason] of [
    ['refuses the key', errorReply(401, 'invalid_api_key', 'Invalid API key'), 'unauthorized'],
    [
      'is rate limited',
      errorReply(429, 'too_many_concurrent_requests', 'Busy', { 'retry-after': '5' }),
      'rate_limited',
    ],
    ['fails', errorReply(503, 'unavailable', 'Down'), 'unavailable'],
    ['goes quiet', stallReply(), 'timeout'],
    ['drops the stream', cutReply(), 'unavailable'],
  ] as const) {
    it(`says why, and the text answer is whole, when ElevenLabs ${name}`, async () => {
      const socket = await connectVisitor(visitorClient(server, { key }))
      const ttsErrors = async () => {
        const text = await (await fetch(`${server.url}/metrics`)).text()
        const counted =
          /avataradam_provider_errors_total\{capability="tts",provider="elevenlabs"\} (\d+)/.exec(
            text,
          )
        return Number(counted?.[1] ?? 0)
      }
      const errorsBefore = await ttsErrors()
      try {
        voices.next(reply)
        const heard = listen(socket)
        const { done } = await ask(socket, 'When are you open?', { speech: true })
        await heard.finished
        expect(done.text).toBe(words.join(' '))
        expect(heard.errors).toEqual([
          expect.objectContaining({
            code: 'speech_failed',
            answerId: done.messageId,
            details: expect.objectContaining({ reason }),
            ...(reason === 'rate_limited' ? { retryAfter: 5 } : {}),
          }),
        ])
        expect(heard.audio.some((a) => a.final)).toBe(false)
        expect(await ttsErrors()).toBe(errorsBefore + 1)
      } finally {
        socket.close()
      }
    })
  }

  it('stops speaking to a visitor who leaves, and the answer is still stored', async () => {
    const socket = await connectVisitor(visitorClient(server, { key }))
    const seen = voices.requests.length
    const firstAudio = new Promise<void>((resolve) => socket.once('speech:audio', () => resolve()))
    const ackd = socket.emitWithAck('chat:send', {
      text: 'When are you open?',
      clientMessageId: `msg_${crypto.randomUUID()}`,
      speech: true,
    })
    const ack = await ackd
    await firstAudio
    socket.close()
    await new Promise((r) => setTimeout(r, 1500))
    // Only the sentences written before the visitor left were asked for.
    expect(voices.requests.length - seen).toBeLessThan(3)
    if ('error' in ack) throw new Error(ack.error.message)
    const again = await connectVisitor(visitorClient(server, { key }))
    try {
      const history = await again.emitWithAck('conversation:history', {
        conversationId: ack.conversationId,
      })
      // Another visitor's conversation is not shown; the answer exists under the first visitor.
      expect(history).toMatchObject({ error: { code: 'conversation_not_found' } })
    } finally {
      again.close()
    }
    const stored = await server.db.query<{ text: string }>(
      'select text from messages where id = $1',
      [ack.replyMessageId],
    )
    expect(stored[0]?.text).toBe(words.join(' '))
  })
})

describe('doctor', () => {
  it('checks the voice by speaking a word, and reports a refused key', async () => {
    const env = {
      AVATARADAM_DATA_DIR: '/tmp/avataradam-doctor-tts/data',
      TTS_PROVIDER: 'elevenlabs',
      ELEVENLABS_API_KEY: 'el-test-key',
      ELEVENLABS_VOICE_ID: 'voice-rachel',
      ELEVENLABS_BASE_URL: voices.baseUrl,
    }
    const ok = (await runChecks(loadConfig(env))).find((c) => c.name === 'tts')
    expect(ok).toMatchObject({
      ok: true,
      detail: `elevenlabs eleven_flash_v2_5 spoke ${VOICE_MP3.length} bytes of audio`,
    })
    const refused = (await runChecks(loadConfig({ ...env, ELEVENLABS_API_KEY: 'el-wrong' }))).find(
      (c) => c.name === 'tts',
    )
    expect(refused).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/refused our credentials/),
    })
  })
})
