import { AvatarAdamError, createClient } from '@avataradam/sdk'
import type { ErrorBody, SpeechError } from '@avataradam/sdk/protocol'
import OpenAI from 'openai'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/index.ts'
import { runChecks } from '../src/doctor.ts'
import { AppError } from '../src/errors.ts'
import { createOpenAITranscriber } from '../src/providers/stt/openai-transcriber.ts'
import { ask, eventually, sleep } from './support/chat.ts'
import {
  errorReply,
  garbledReply,
  silentReply,
  startModelServer,
  transcriptionReply,
  truncatedJsonReply,
} from './support/openai-server.ts'
import {
  connectVisitor,
  createTenant,
  startTestServer,
  TEST_ORIGIN,
  type TestServer,
  type VisitorClient,
  visitorClient,
} from './support/server.ts'

let models: Awaited<ReturnType<typeof startModelServer>>
beforeAll(async () => {
  models = await startModelServer(transcriptionReply('When are you open on Saturday?'))
})
afterAll(() => models.close())

/** Bytes standing in for a recording (the test double does not decode audio). */
const audio = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * seed) % 251)

function transcriber(options: { timeoutMs?: number; maxRetries?: number } = {}) {
  const client = new OpenAI({
    apiKey: 'sk-test-stt',
    baseURL: models.baseUrl,
    maxRetries: options.maxRetries ?? 0,
  })
  return createOpenAITranscriber({
    client,
    model: 'gpt-4o-mini-transcribe',
    timeoutMs: options.timeoutMs ?? 5000,
  })
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!AppError.isInstance(err)) throw new Error(`expected an AppError, got ${String(err)}`)
  return err
}

describe('OpenAI transcription', () => {
  it('uploads the recording as multipart with the model and answers with its text', async () => {
    const seen = models.requests.length
    const recording = audio(3000)
    const { text } = await transcriber().doTranscribe({
      audio: recording,
      mediaType: 'audio/webm;codecs=opus',
      language: 'en',
    })
    expect(text).toBe('When are you open on Saturday?')
    const [request] = models.requests.slice(seen)
    expect(request?.path).toBe('/v1/audio/transcriptions')
    expect(request?.headers.authorization).toBe('Bearer sk-test-stt')
    expect(request?.body).toMatchObject({
      model: 'gpt-4o-mini-transcribe',
      language: 'en',
      response_format: 'json',
    })
    expect(request?.body.file).toMatchObject({ name: 'speech.webm', type: 'audio/webm' })
    expect(Buffer.compare(request!.body.file!.bytes, Buffer.from(recording))).toBe(0)
  })

  it('names the reason when OpenAI refuses the key', async () => {
    models.next(errorReply(401, 'Incorrect API key provided'))
    const err = await failure(
      transcriber().doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(err.toBody()).toMatchObject({
      code: 'speech_failed',
      details: { provider: 'openai', reason: 'unauthorized' },
    })
    // The provider's own words stay in the logs, not in what the visitor's client is told.
    expect(err.message).not.toContain('Incorrect API key')
  })

  it('passes on how long to wait when rate limited, and waits that long when it retries', async () => {
    models.next(errorReply(429, 'Rate limit reached', { 'retry-after': '7' }))
    const err = await failure(
      transcriber().doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(err.toBody()).toMatchObject({
      code: 'speech_failed',
      retryAfter: 7,
      details: { reason: 'rate_limited' },
    })

    models.next(errorReply(429, 'Rate limit reached', { 'retry-after': '1' }))
    const started = performance.now()
    const { text } = await transcriber({ maxRetries: 1 }).doTranscribe({
      audio: audio(10),
      mediaType: 'audio/ogg',
    })
    expect(text).toBe('When are you open on Saturday?')
    expect(performance.now() - started).toBeGreaterThanOrEqual(950)
  })

  it('reports a failing service, a silent one and an unreadable answer each by name', async () => {
    models.next(errorReply(503, 'overloaded'), errorReply(500, 'boom'))
    const down = await failure(
      transcriber({ maxRetries: 1 }).doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(down.toBody().details).toMatchObject({ reason: 'unavailable' })

    models.next(silentReply())
    const started = performance.now()
    const slow = await failure(
      transcriber({ timeoutMs: 300 }).doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(slow.toBody().details).toMatchObject({ reason: 'timeout' })
    expect(performance.now() - started).toBeLessThan(3000)

    models.next(truncatedJsonReply())
    const cut = await failure(
      transcriber().doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(cut.toBody().details).toMatchObject({ reason: 'bad_response' })

    models.next(garbledReply())
    const garbled = await failure(
      transcriber().doTranscribe({ audio: audio(10), mediaType: 'audio/ogg' }),
    )
    expect(garbled.toBody()).toMatchObject({ code: 'speech_failed' })
  })
})

describe('speech to text over the socket', () => {
  let server: TestServer
  let key: string
  beforeAll(async () => {
    server = await startTestServer({
      env: {
        STT_PROVIDER: 'openai',
        STT_API_KEY: 'sk-test-stt',
        STT_BASE_URL: models.baseUrl,
        STT_MAX_RETRIES: '0',
        STT_TIMEOUT_MS: '1500',
        STT_MAX_BYTES: '20000',
        STT_MAX_SECONDS: '1',
        STT_MAX_STREAMS: '2',
        // Small packets, so that a large write must be split to get through.
        MAX_SOCKET_PACKET_BYTES: '9216',
      },
    })
    key = (await createTenant(server)).publishable.key
  })
  afterAll(() => server?.stop())

  const visitor = () => connectVisitor(visitorClient(server, { key }))
  const errors = (socket: VisitorClient) => {
    const seen: SpeechError[] = []
    socket.on('speech:error', (e) => seen.push(e))
    return seen
  }
  async function start(socket: VisitorClient) {
    const res = await socket.emitWithAck('speech:start', { mediaType: 'audio/webm;codecs=opus' })
    if ('error' in res) throw Object.assign(new Error(res.error.message), res.error)
    return res
  }

  it('says it transcribes on the server', async () => {
    const socket = await visitor()
    try {
      expect(await socket.emitWithAck('server:capabilities', {})).toEqual({
        stt: 'server',
        tts: 'browser',
      })
    } finally {
      socket.close()
    }
  })

  it('transcribes streamed microphone chunks, received whole and in order', async () => {
    const socket = await visitor()
    try {
      const seen = models.requests.length
      const { streamId, maxBytes, maxSeconds, maxChunkBytes } = await start(socket)
      expect({ maxBytes, maxSeconds, maxChunkBytes }).toEqual({
        maxBytes: 20_000,
        maxSeconds: 1,
        maxChunkBytes: 8192,
      })
      const chunks = [audio(1000, 3), audio(1500, 5), audio(700, 7)]
      for (const chunk of chunks) socket.emit('speech:chunk', { streamId, chunk })
      const res = await socket.emitWithAck('speech:end', { streamId })
      expect(res).toEqual({ streamId, text: 'When are you open on Saturday?' })
      const file = models.requests.slice(seen)[0]?.body.file
      expect(file?.type).toBe('audio/webm')
      expect(Buffer.compare(file!.bytes, Buffer.concat(chunks))).toBe(0)
    } finally {
      socket.close()
    }
  })

  it('drops a recording past its byte limit and says so, once', async () => {
    const socket = await visitor()
    const seen = errors(socket)
    try {
      const requests = models.requests.length
      const { streamId } = await start(socket)
      for (let i = 0; i < 4; i++) socket.emit('speech:chunk', { streamId, chunk: audio(8000) })
      const res = await socket.emitWithAck('speech:end', { streamId })
      expect(res).toMatchObject({
        error: { code: 'speech_too_large', details: { maxBytes: 20_000 } },
      })
      expect(seen).toEqual([expect.objectContaining({ code: 'speech_too_large', streamId })])
      expect(models.requests.length).toBe(requests)
    } finally {
      socket.close()
    }
  })

  it('drops a recording that lasts too long', async () => {
    const socket = await visitor()
    const seen = errors(socket)
    try {
      const { streamId } = await start(socket)
      socket.emit('speech:chunk', { streamId, chunk: audio(100) })
      await sleep(1200)
      expect(seen).toEqual([expect.objectContaining({ code: 'speech_too_long', streamId })])
      const res = await socket.emitWithAck('speech:end', { streamId })
      expect(res).toMatchObject({ error: { code: 'speech_too_long' } })
    } finally {
      socket.close()
    }
  })

  it('limits recordings open at once on one connection', async () => {
    const socket = await visitor()
    try {
      await start(socket)
      const { streamId } = await start(socket)
      const third = await socket.emitWithAck('speech:start', { mediaType: 'audio/webm' })
      expect(third).toMatchObject({
        error: { code: 'speech_streams_exceeded', details: { maxStreams: 2 } },
      })
      // A cancelled recording frees its place, and is gone.
      socket.emit('speech:cancel', { streamId })
      expect(await socket.emitWithAck('speech:start', { mediaType: 'audio/webm' })).toHaveProperty(
        'streamId',
      )
      expect(await socket.emitWithAck('speech:end', { streamId })).toMatchObject({
        error: { code: 'speech_stream_not_found' },
      })
    } finally {
      socket.close()
    }
  })

  it('holds to the limit when recordings are started all at once', async () => {
    const socket = await visitor()
    try {
      const results = await Promise.all(
        [1, 2, 3].map(() => socket.emitWithAck('speech:start', { mediaType: 'audio/webm' })),
      )
      expect(results.filter((r) => 'streamId' in r)).toHaveLength(2)
      expect(results.filter((r) => 'error' in r)).toEqual([
        { error: expect.objectContaining({ code: 'speech_streams_exceeded' }) },
      ])
    } finally {
      socket.close()
    }
  })

  it('refuses audio it cannot send on, and recordings of another connection', async () => {
    const a = await visitor()
    const b = await visitor()
    const seenByB = errors(b)
    try {
      const bad = await a.emitWithAck('speech:start', { mediaType: 'video/x-flv' })
      expect(bad).toMatchObject({ error: { code: 'invalid_request' } })
      const { streamId } = await start(a)
      b.emit('speech:chunk', { streamId, chunk: audio(10) })
      const res = await b.emitWithAck('speech:end', { streamId })
      expect(res).toMatchObject({ error: { code: 'speech_stream_not_found' } })
      // Refusals of chunks wait on the event limit (Redis, when shared), so they may come after.
      await eventually(async () => seenByB.length > 0)
      expect(seenByB).toEqual([expect.objectContaining({ code: 'speech_stream_not_found' })])
      b.emit('speech:chunk', { streamId, chunk: 'not audio' as unknown as Uint8Array })
      await eventually(async () => seenByB.length > 1)
      expect(seenByB.at(-1)).toMatchObject({ code: 'invalid_request' })
      // A's recording is untouched by all that.
      a.emit('speech:chunk', { streamId, chunk: audio(50) })
      expect(await a.emitWithAck('speech:end', { streamId })).toMatchObject({ streamId })
    } finally {
      a.close()
      b.close()
    }
  })

  it('answers a failed transcription with its reason, and chat goes on', async () => {
    const socket = await visitor()
    const sttErrors = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text()
      const counted =
        /avataradam_provider_errors_total\{capability="stt",provider="openai"\} (\d+)/.exec(text)
      return Number(counted?.[1] ?? 0)
    }
    const errorsBefore = await sttErrors()
    try {
      models.next(errorReply(429, 'Rate limit reached', { 'retry-after': '3' }))
      const { streamId } = await start(socket)
      socket.emit('speech:chunk', { streamId, chunk: audio(100) })
      const res = await socket.emitWithAck('speech:end', { streamId })
      expect(res).toMatchObject({
        error: { code: 'speech_failed', retryAfter: 3, details: { reason: 'rate_limited' } },
      })
      expect(await sttErrors()).toBe(errorsBefore + 1)
      const { ack, done } = await ask(socket, 'Hello there')
      expect(done.messageId).toBe(ack.replyMessageId)
      expect(done.text.length).toBeGreaterThan(0)
    } finally {
      socket.close()
    }
  })

  it('transcribes through the SDK, and rejects a recording the server dropped', async () => {
    const client = createClient({ key, baseUrl: server.url, origin: TEST_ORIGIN, storage: false })
    try {
      expect(await client.capabilities()).toEqual({ stt: 'server', tts: 'browser' })
      async function* microphone() {
        yield audio(400, 3)
        yield audio(400, 5).buffer
      }
      const seen = models.requests.length
      const text = await client.transcribe(microphone(), { mediaType: 'audio/ogg;codecs=opus' })
      expect(text).toBe('When are you open on Saturday?')
      expect(models.requests[seen]?.body.file?.bytes.length).toBe(800)

      // A write bigger than a packet may be (a file read 64 KB at a time, say) is split to fit.
      const big = audio(19_000, 11)
      const whole = await client.transcribe([big], { mediaType: 'audio/ogg' })
      expect(whole).toBe('When are you open on Saturday?')
      expect(Buffer.compare(models.requests.at(-1)!.body.file!.bytes, Buffer.from(big))).toBe(0)
      expect(client.status).toBe('connected')

      const recording = await client.startSpeech({ mediaType: 'audio/webm' })
      expect(recording.maxBytes).toBe(20_000)
      for (let i = 0; i < 3; i++) recording.write(audio(8000))
      const err = await recording.end().catch((e: unknown) => e)
      expect(AvatarAdamError.isInstance(err) && err.code).toBe('speech_too_large')
      expect(recording.failed?.code).toBe('speech_too_large')
    } finally {
      client.close()
    }
  })

  it('refuses recordings once the key is revoked', async () => {
    const { tenantId, publishable } = await createTenant(server, 'Revoked Motors')
    const socket = await connectVisitor(visitorClient(server, { key: publishable.key }))
    try {
      await server.keys.revoke(tenantId, publishable.id)
      const res = await socket.emitWithAck('speech:start', { mediaType: 'audio/webm' })
      expect(res).toMatchObject({ error: { code: 'key_revoked' } })
    } finally {
      socket.close()
    }
  })

  it('abandons the transcription of a visitor who leaves', async () => {
    const socket = await visitor()
    let closed: () => void = () => {}
    const requestClosed = new Promise<void>((resolve) => {
      closed = resolve
    })
    models.next((_req, res) => {
      res.on('close', closed)
    })
    const { streamId } = await start(socket)
    socket.emit('speech:chunk', { streamId, chunk: audio(100) })
    socket.emit('speech:end', { streamId }, () => {})
    await sleep(200)
    socket.close()
    await expect(
      Promise.race([requestClosed.then(() => 'aborted'), sleep(1000).then(() => 'still open')]),
    ).resolves.toBe('aborted')
  })
})

describe('recordings per visitor', () => {
  it('rate-limits recordings per visitor, across connections, with a wait', async () => {
    const server = await startTestServer({
      env: {
        STT_PROVIDER: 'openai',
        STT_API_KEY: 'sk-test-stt',
        STT_BASE_URL: models.baseUrl,
        RATE_LIMIT_MESSAGES_PER_MINUTE: '2',
      },
    })
    const sockets: VisitorClient[] = []
    try {
      const { publishable } = await createTenant(server)
      const visitorId = `visitor_${crypto.randomUUID()}`
      for (let i = 0; i < 3; i++) {
        sockets.push(
          await connectVisitor(visitorClient(server, { key: publishable.key, visitorId })),
        )
      }
      const start = (s: VisitorClient) => s.emitWithAck('speech:start', { mediaType: 'audio/webm' })
      expect(await start(sockets[0]!)).toHaveProperty('streamId')
      expect(await start(sockets[1]!)).toHaveProperty('streamId')
      const refused = await start(sockets[2]!)
      expect(refused).toMatchObject({ error: { code: 'rate_limited' } })
      expect((refused as { error: ErrorBody }).error.retryAfter).toBeGreaterThan(0)
      // Another visitor is not affected.
      const other = await connectVisitor(visitorClient(server, { key: publishable.key }))
      sockets.push(other)
      expect(await start(other)).toHaveProperty('streamId')
    } finally {
      for (const s of sockets) s.close()
      await server.stop()
    }
  })
})

describe('speech to text in the embedded mode', () => {
  it('leaves recognition to the browser and refuses recordings', async () => {
    const server = await startTestServer()
    try {
      const { publishable } = await createTenant(server)
      const socket = await connectVisitor(visitorClient(server, { key: publishable.key }))
      expect(await socket.emitWithAck('server:capabilities', {})).toEqual({
        stt: 'browser',
        tts: 'browser',
      })
      const res = await socket.emitWithAck('speech:start', { mediaType: 'audio/webm' })
      expect((res as { error: ErrorBody }).error.code).toBe('not_configured')
      socket.close()
    } finally {
      await server.stop()
    }
  })
})

describe('doctor', () => {
  it('checks transcription with a short recording, and reports a refused key', async () => {
    const env = {
      AVATARADAM_DATA_DIR: '/tmp/avataradam-doctor-stt/data',
      STT_PROVIDER: 'openai',
      STT_API_KEY: 'sk-test-stt',
      STT_BASE_URL: models.baseUrl,
    }
    const seen = models.requests.length
    const ok = (await runChecks(loadConfig(env))).find((c) => c.name === 'stt')
    expect(ok).toMatchObject({
      ok: true,
      detail: 'gpt-4o-mini-transcribe transcribed a test recording',
    })
    const file = models.requests[seen]?.body.file
    expect(file?.type).toBe('audio/wav')
    expect(file?.bytes.subarray(0, 4).toString()).toBe('RIFF')

    models.next(errorReply(401, 'Incorrect API key provided'))
    const refused = (await runChecks(loadConfig(env))).find((c) => c.name === 'stt')
    expect(refused).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/refused our credentials/),
    })
    const browser = (await runChecks(loadConfig({}))).find((c) => c.name === 'stt')
    expect(browser).toMatchObject({ ok: true, detail: expect.stringContaining('browser') })
  })
})
