import { access, constants } from 'node:fs/promises'
import path from 'node:path'
import { Redis } from 'ioredis'
import type { Config } from './config/index.ts'
import { openDb } from './db/index.ts'
import { createLiveAvatar } from './providers/avatar/heygen-liveavatar.ts'
import { embeddingsFromConfig } from './providers/embeddings/embeddings-from-config.ts'
import { openAIClient } from './providers/llm/answerer-from-config.ts'
import { mailTransportFromConfig } from './providers/mail/mail-from-config.ts'
import { transcriberFromConfig } from './providers/stt/transcriber-from-config.ts'
import { synthesizerFromConfig } from './providers/tts/synthesizer-from-config.ts'
import { checkVectorIndex } from './providers/vectors/index.ts'
import { vectorsFromConfig } from './providers/vectors/vectors-from-config.ts'

/** The outcome of checking one part of the configuration. */
export interface Check {
  name: string
  ok: boolean
  /** What was found, or what failed and what to do about it. */
  detail: string
  ms: number
}

async function timed(name: string, run: () => Promise<string>): Promise<Check> {
  const started = performance.now()
  try {
    return { name, ok: true, detail: await run(), ms: performance.now() - started }
  } catch (err) {
    return { name, ok: false, detail: (err as Error).message, ms: performance.now() - started }
  }
}

async function checkDatabase(config: Config): Promise<string> {
  const { database } = config
  if (database.kind === 'pglite') {
    // Not opened: a running server holds it, and PGlite allows one process at a time.
    const dir = path.dirname(database.dataDir)
    await access(dir, constants.W_OK).catch(() => {
      throw new Error(`the data directory's folder ${dir} is missing or not writable`)
    })
    return `embedded PGlite in ${database.dataDir} (pgvector built in)`
  }
  const db = await openDb(database)
  try {
    const [row] = await db.query<{ version: string }>('show server_version')
    const vector = db.capabilities.vector
      ? 'pgvector installed (HNSW index)'
      : 'no pgvector: retrieval scans every chunk; install pgvector to scale'
    return `PostgreSQL ${row?.version}, ${vector}`
  } finally {
    await db.close()
  }
}

async function checkRedis(url: string): Promise<string> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  redis.on('error', () => {})
  try {
    await redis.connect()
    const [pong, info] = await Promise.all([redis.ping(), redis.info('server')])
    return `${pong}, Redis ${/redis_version:(\S+)/.exec(info)?.[1] ?? '?'}`
  } finally {
    redis.disconnect()
  }
}

async function checkModel(config: Config, model: string): Promise<string> {
  if (config.llm.provider === 'embedded') return 'embedded'
  const client = openAIClient(config.llm, { maxRetries: 0 })
  const reply = await client.chat.completions.create(
    { model, messages: [{ role: 'user', content: 'Reply with OK.' }], max_tokens: 5 },
    { timeout: config.llm.timeoutMs },
  )
  return `${config.llm.provider} answered as ${reply.model ?? model}`
}

/**
 * Checks every part the configuration uses: the database, Redis, the language model and its
 * fallback, the embeddings, the vector store (Pinecone: reachable, key accepted, dimension) and mail. Each check reports what works, or why not.
 */
export async function runChecks(config: Config): Promise<Check[]> {
  const checks: Promise<Check>[] = [timed('database', () => checkDatabase(config))]
  const { redisUrl, llm } = config
  if (redisUrl) checks.push(timed('redis', () => checkRedis(redisUrl)))
  if (llm.provider === 'embedded') {
    checks.push(timed('llm', async () => 'embedded extractive answerer (no model, no network)'))
  } else {
    checks.push(timed(`llm ${llm.model}`, () => checkModel(config, llm.model)))
    const fallback = llm.fallbackModel
    if (fallback) checks.push(timed(`llm fallback ${fallback}`, () => checkModel(config, fallback)))
  }
  checks.push(timed('embeddings', () => embeddingsText(config)))
  checks.push(timed('vectors', () => vectorsText(config)))
  const mail = mailTransportFromConfig(config.mail)
  checks.push(
    timed('mail', async () =>
      mail
        ? `mailgun ${await mail.checkDomain()}`
        : 'outbox only (MAIL_PROVIDER=outbox sends nothing)',
    ),
  )
  checks.push(timed('avatar', () => checkAvatar(config)))
  checks.push(timed('stt', () => sttText(config)))
  checks.push(timed('tts', () => ttsText(config)))
  return Promise.all(checks)
}

/**
 * Mints one HeyGen session token: the same call visitors need, so it proves the key, the avatar
 * id and the persona together. A token starts nothing (HeyGen bills from `/v1/sessions/start`,
 * which only a browser calls), so the check costs nothing; a cheaper GET would not show that the
 * avatar and voice fit this key.
 */
async function checkAvatar(config: Config): Promise<string> {
  const { heygen } = config.avatar
  if (!heygen.apiKey) return 'built-in avatar (no HEYGEN_API_KEY: no network)'
  if (!heygen.avatarId) {
    return 'built-in by default; HEYGEN_API_KEY is set for dealerships that bring their own HEYGEN avatar id (not checked)'
  }
  const minted = await createLiveAvatar({
    ...heygen,
    apiKey: heygen.apiKey,
    avatarId: heygen.avatarId,
  }).mintSession({ tenantId: 'doctor', visitorId: 'doctor' })
  const who = config.avatar.provider === 'heygen' ? 'every dealership' : 'dealerships that opt in'
  return `HeyGen LiveAvatar minted a session token for avatar ${heygen.avatarId} (session ${minted.sessionId}; used by ${who})`
}

async function vectorsText(config: Config): Promise<string> {
  const store = vectorsFromConfig(config.vectors)
  if (store.provider === 'pgvector') return 'in PostgreSQL (see database)'
  const index = await checkVectorIndex(store, config.embeddings.dimensions)
  return `pinecone index ${index.name}: ${index.dimension} dimensions, ${index.metric} metric, matches the embeddings`
}

/** A quarter second of silence as a 16 kHz mono WAV file: enough for a transcription request. */
export function silentWav(seconds = 0.25): Buffer {
  const samples = Math.round(16_000 * seconds)
  const wav = Buffer.alloc(44 + samples * 2)
  wav.write('RIFF', 0)
  wav.writeUInt32LE(36 + samples * 2, 4)
  wav.write('WAVEfmt ', 8)
  wav.writeUInt32LE(16, 16)
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(16_000, 24)
  wav.writeUInt32LE(32_000, 28)
  wav.writeUInt16LE(2, 32)
  wav.writeUInt16LE(16, 34)
  wav.write('data', 36)
  wav.writeUInt32LE(samples * 2, 40)
  return wav
}

async function sttText(config: Config): Promise<string> {
  const transcriber = transcriberFromConfig(config.stt, { maxRetries: 0 })
  if (!transcriber) return 'browser speech recognition in the widget (STT_PROVIDER=browser)'
  await transcriber.doTranscribe({ audio: silentWav(), mediaType: 'audio/wav' })
  return `${transcriber.modelId} transcribed a test recording`
}

async function ttsText(config: Config): Promise<string> {
  const synthesizer = synthesizerFromConfig(config.tts, { maxRetries: 0 })
  if (!synthesizer) return 'browser speech synthesis in the widget (TTS_PROVIDER=browser)'
  let bytes = 0
  for await (const chunk of synthesizer.doStream({ text: 'Hello.' })) bytes += chunk.byteLength
  return `${synthesizer.provider} ${synthesizer.modelId} spoke ${bytes} bytes of audio`
}

async function embeddingsText(config: Config): Promise<string> {
  const e = config.embeddings
  if (e.provider === 'local') {
    return `local deterministic embeddings, ${e.dimensions} dimensions (no network)`
  }
  const { embeddings } = await embeddingsFromConfig(e, {
    maxRetries: 0,
    timeoutMs: 20_000,
  }).doEmbed({ values: ['Saturday hours'] })
  return `${e.model} answered with ${embeddings[0]?.length} dimensions`
}
