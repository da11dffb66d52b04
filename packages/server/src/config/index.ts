import path from 'node:path'
import { z } from 'zod'
import { parseSecretKeys } from '../secrets/secret-box.ts'

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const positiveInt = z.coerce.number().int().positive()
const url = (protocols: string[]) =>
  z.url().refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
    message: `must be a ${protocols.join(' or ')} URL`,
  })

/** Every environment variable the server reads, with its default. Nothing else reads `process.env`. */
const EnvSchema = z.object({
  /** 0 lets the operating system pick a free port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; unset listens on every interface. */
  HOST: z.string().min(1).optional(),
  /** The URL visitors reach this server at; used for the demo key's origin and printed links. */
  PUBLIC_URL: url(['http', 'https']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Postgres connection string; unset runs embedded PGlite in AVATARADAM_DATA_DIR. */
  DATABASE_URL: url(['postgres', 'postgresql']).optional(),
  DATABASE_POOL_MAX: positiveInt.max(1000).default(10),
  /** Redis connection string; unset keeps rate limits and socket fan-out in process. */
  REDIS_URL: url(['redis', 'rediss']).optional(),
  AVATARADAM_DATA_DIR: z.string().min(1).default('.avataradam/data'),
  /**
   * Folder for uploaded files. Defaults to `uploads` beside the embedded database; with
   * DATABASE_URL and no folder set, files are kept in PostgreSQL (shared by every instance).
   */
  AVATARADAM_UPLOAD_DIR: z.string().min(1).optional(),
  /** Seed and serve the demo dealership; defaults to on in embedded mode. */
  AVATARADAM_DEMO: bool.optional(),
  /** Folder served at `/` (the example dealership site in demo mode). */
  AVATARADAM_SITE_DIR: z.string().min(1).optional(),
  MAX_UPLOAD_BYTES: positiveInt.default(25 * 1024 * 1024),
  MAX_JSON_BYTES: positiveInt.default(256 * 1024),
  MAX_MESSAGE_CHARS: positiveInt.max(100_000).default(2000),
  /** Largest single Socket.io packet; bigger ones close that visitor's connection. */
  MAX_SOCKET_PACKET_BYTES: positiveInt.default(64 * 1024),
  /** chat:send per visitor per minute, and REST requests per key per minute. */
  RATE_LIMIT_MESSAGES_PER_MINUTE: positiveInt.default(30),
  RATE_LIMIT_REQUESTS_PER_MINUTE: positiveInt.default(600),
  /** Socket.io handshakes per IP per minute. */
  RATE_LIMIT_CONNECTIONS_PER_MINUTE: positiveInt.default(120),
  /** Refused keys per IP per minute (REST and socket), against guessing. */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: positiveInt.default(30),
  /**
   * Proxies (load balancers) in front of the server whose X-Forwarded-For to believe. 0 uses the
   * connection's address; behind one load balancer, 1.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  INGEST_CONCURRENCY: positiveInt.max(16).default(1),
  /**
   * Who writes answers: `embedded` (extractive, no network), `openai`, `openrouter`, or
   * `openai-compatible` (Ollama, vLLM… at LLM_BASE_URL).
   */
  LLM_PROVIDER: z
    .enum(['embedded', 'openai', 'openrouter', 'openai-compatible'])
    .default('embedded'),
  LLM_API_KEY: z.string().min(1).optional(),
  LLM_BASE_URL: url(['http', 'https']).optional(),
  LLM_MODEL: z.string().min(1).optional(),
  /** Tried when LLM_MODEL fails; the embedded answerer comes after both. */
  LLM_FALLBACK_MODEL: z.string().min(1).optional(),
  /** Longest wait for the model's first token, and between tokens. */
  LLM_TIMEOUT_MS: positiveInt.default(20_000),
  /** Retries of one request on 429, 5xx and dropped connections, with backoff. */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** `local` (deterministic, no network) or `openai` (or a compatible server at EMBEDDINGS_BASE_URL). */
  EMBEDDINGS_PROVIDER: z.enum(['local', 'openai']).default('local'),
  EMBEDDINGS_MODEL: z.string().min(1).default('text-embedding-3-small'),
  /** Changing it (or the model) re-indexes every document. pgvector's HNSW takes up to 2,000. */
  EMBEDDINGS_DIMENSIONS: positiveInt.max(2000).default(256),
  EMBEDDINGS_API_KEY: z.string().min(1).optional(),
  EMBEDDINGS_BASE_URL: url(['http', 'https']).optional(),
  /**
   * Speech to text: `browser` (the widget uses the browser's speech recognition) or `openai`
   * (microphone audio streams to the server, which transcribes it with OpenAI).
   */
  STT_PROVIDER: z.enum(['browser', 'openai']).default('browser'),
  STT_MODEL: z.string().min(1).default('gpt-4o-mini-transcribe'),
  /** Defaults to LLM_API_KEY when LLM_PROVIDER is openai or openai-compatible. */
  STT_API_KEY: z.string().min(1).optional(),
  /** Defaults to LLM_BASE_URL when LLM_PROVIDER is openai or openai-compatible. */
  STT_BASE_URL: url(['http', 'https']).optional(),
  STT_TIMEOUT_MS: positiveInt.default(30_000),
  STT_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  /** The most audio one recording may carry. */
  STT_MAX_BYTES: positiveInt.max(25 * 1024 * 1024).default(2 * 1024 * 1024),
  /** The longest one recording may last, from speech:start. */
  STT_MAX_SECONDS: positiveInt.max(600).default(60),
  /** Recordings one connection may have open at once. */
  STT_MAX_STREAMS: positiveInt.max(10).default(2),
  /** Text to speech: `browser` (the widget's speech synthesis) or `elevenlabs` (streamed audio). */
  TTS_PROVIDER: z.enum(['browser', 'elevenlabs']).default('browser'),
  ELEVENLABS_API_KEY: z.string().min(1).optional(),
  ELEVENLABS_VOICE_ID: z.string().min(1).max(100).optional(),
  ELEVENLABS_MODEL: z.string().min(1).default('eleven_flash_v2_5'),
  /** `https://api.elevenlabs.io` unless set. */
  ELEVENLABS_BASE_URL: url(['http', 'https']).optional(),
  /** Longest wait for the first audio of a sentence, and between two pieces of it. */
  TTS_TIMEOUT_MS: positiveInt.default(15_000),
  TTS_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(1),
  /**
   * Lets dealerships point their own model at localhost or a private network (a self-hosted
   * setup where every dealership is trusted). Off: such URLs are refused.
   */
  PROVIDER_URLS_ALLOW_PRIVATE: bool.default(false),
  /** `outbox` (embedded: mail is recorded, not sent) or `mailgun`. */
  MAIL_PROVIDER: z.enum(['outbox', 'mailgun']).default('outbox'),
  /** The From header; defaults to assistant@ the Mailgun domain. */
  MAIL_FROM: z.string().min(3).optional(),
  MAILGUN_API_KEY: z.string().min(1).optional(),
  MAILGUN_DOMAIN: z.string().min(1).optional(),
  /** `https://api.eu.mailgun.net` for Mailgun's EU region. */
  MAILGUN_URL: url(['http', 'https']).default('https://api.mailgun.net'),
  /**
   * Keys that seal dealerships' own provider keys at rest: comma-separated base64 of 32 bytes,
   * newest first (the first seals, all open). Unset, dealerships cannot store provider keys.
   */
  AVATARADAM_SECRET_KEYS: z
    .string()
    .min(1)
    .transform((value, ctx) => {
      try {
        return parseSecretKeys(value)
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message })
        return z.NEVER
      }
    })
    .optional(),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
})

export type Env = z.input<typeof EnvSchema>

/** Everything the server needs to start, parsed and checked once. */
export interface Config {
  port: number
  host: string | undefined
  /** PUBLIC_URL when set; otherwise the server uses http://localhost:<the port it listens on>. */
  publicUrl: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolMax: number }
  redisUrl: string | undefined
  /** Where uploaded files are kept: a folder, or the database. */
  uploads: { kind: 'files'; dir: string } | { kind: 'database' }
  demo: boolean
  siteDir: string | undefined
  limits: {
    uploadBytes: number
    jsonBytes: number
    messageChars: number
    socketPacketBytes: number
    messagesPerMinute: number
    requestsPerMinute: number
    connectionsPerMinute: number
    authFailuresPerMinute: number
  }
  trustProxyHops: number
  ingestConcurrency: number
  shutdownTimeoutMs: number
  llm: LlmConfig
  embeddings: EmbeddingsConfig
  /** AVATARADAM_SECRET_KEYS, newest first; empty when unset. */
  secretKeys: Buffer[]
  mail: MailConfig
  providerUrlsAllowPrivate: boolean
  stt: SttConfig
  tts: TtsConfig
}

/** Speech to text: in the browser, or OpenAI's transcriptions on the server. */
export type SttConfig =
  | { provider: 'browser' }
  | {
      provider: 'openai'
      model: string
      apiKey: string | undefined
      baseUrl: string | undefined
      timeoutMs: number
      maxRetries: number
      maxBytes: number
      maxSeconds: number
      maxStreams: number
    }

function sttConfig(e: z.infer<typeof EnvSchema>): SttConfig {
  if (e.STT_PROVIDER === 'browser') return { provider: 'browser' }
  const sharesLlm = e.LLM_PROVIDER === 'openai' || e.LLM_PROVIDER === 'openai-compatible'
  const apiKey = e.STT_API_KEY ?? (sharesLlm ? e.LLM_API_KEY : undefined)
  const baseUrl = e.STT_BASE_URL ?? (sharesLlm ? e.LLM_BASE_URL : undefined)
  if (!apiKey && !baseUrl) {
    throw new ConfigError([
      {
        variable: 'STT_API_KEY',
        message:
          'is required with STT_PROVIDER=openai (or LLM_API_KEY with LLM_PROVIDER=openai, or STT_BASE_URL to a server that needs none)',
      },
    ])
  }
  return {
    provider: 'openai',
    model: e.STT_MODEL,
    apiKey,
    baseUrl,
    timeoutMs: e.STT_TIMEOUT_MS,
    maxRetries: e.STT_MAX_RETRIES,
    maxBytes: e.STT_MAX_BYTES,
    maxSeconds: e.STT_MAX_SECONDS,
    maxStreams: e.STT_MAX_STREAMS,
  }
}

/** Text to speech: in the browser, or ElevenLabs streamed from the server. */
export type TtsConfig =
  | { provider: 'browser' }
  | {
      provider: 'elevenlabs'
      apiKey: string
      voiceId: string
      model: string
      baseUrl: string | undefined
      timeoutMs: number
      maxRetries: number
    }

function ttsConfig(e: z.infer<typeof EnvSchema>): TtsConfig {
  if (e.TTS_PROVIDER === 'browser') return { provider: 'browser' }
  const issues: { variable: string; message: string }[] = []
  if (!e.ELEVENLABS_API_KEY)
    issues.push({
      variable: 'ELEVENLABS_API_KEY',
      message: 'is required with TTS_PROVIDER=elevenlabs',
    })
  if (!e.ELEVENLABS_VOICE_ID)
    issues.push({
      variable: 'ELEVENLABS_VOICE_ID',
      message: 'is required with TTS_PROVIDER=elevenlabs',
    })
  if (issues.length > 0) throw new ConfigError(issues)
  return {
    provider: 'elevenlabs',
    apiKey: e.ELEVENLABS_API_KEY!,
    voiceId: e.ELEVENLABS_VOICE_ID!,
    model: e.ELEVENLABS_MODEL,
    baseUrl: e.ELEVENLABS_BASE_URL?.replace(/\/+$/, ''),
    timeoutMs: e.TTS_TIMEOUT_MS,
    maxRetries: e.TTS_MAX_RETRIES,
  }
}

/** Where email goes: the outbox only, or out through Mailgun (and recorded in the outbox). */
export type MailConfig =
  | { provider: 'outbox'; from: string }
  | { provider: 'mailgun'; from: string; apiKey: string; domain: string; url: string }

function mailConfig(e: z.infer<typeof EnvSchema>): MailConfig {
  if (e.MAIL_PROVIDER === 'outbox') {
    return { provider: 'outbox', from: e.MAIL_FROM ?? 'AvatarAdam <assistant@localhost>' }
  }
  const issues: { variable: string; message: string }[] = []
  if (!e.MAILGUN_API_KEY)
    issues.push({ variable: 'MAILGUN_API_KEY', message: 'is required with MAIL_PROVIDER=mailgun' })
  if (!e.MAILGUN_DOMAIN)
    issues.push({ variable: 'MAILGUN_DOMAIN', message: 'is required with MAIL_PROVIDER=mailgun' })
  if (issues.length > 0) throw new ConfigError(issues)
  return {
    provider: 'mailgun',
    from: e.MAIL_FROM ?? `AvatarAdam <assistant@${e.MAILGUN_DOMAIN}>`,
    apiKey: e.MAILGUN_API_KEY!,
    domain: e.MAILGUN_DOMAIN!,
    url: e.MAILGUN_URL.replace(/\/+$/, ''),
  }
}

/** The embedding model: local feature hashing, or an OpenAI-compatible API. */
export type EmbeddingsConfig =
  | { provider: 'local'; dimensions: number }
  | {
      provider: 'openai'
      model: string
      dimensions: number
      apiKey: string | undefined
      baseUrl: string | undefined
    }

function embeddingsConfig(e: z.infer<typeof EnvSchema>): EmbeddingsConfig {
  if (e.EMBEDDINGS_PROVIDER === 'local')
    return { provider: 'local', dimensions: e.EMBEDDINGS_DIMENSIONS }
  if (!e.EMBEDDINGS_API_KEY && !e.EMBEDDINGS_BASE_URL) {
    throw new ConfigError([
      {
        variable: 'EMBEDDINGS_API_KEY',
        message:
          'is required with EMBEDDINGS_PROVIDER=openai (or set EMBEDDINGS_BASE_URL to a server that needs none)',
      },
    ])
  }
  return {
    provider: 'openai',
    model: e.EMBEDDINGS_MODEL,
    dimensions: e.EMBEDDINGS_DIMENSIONS,
    apiKey: e.EMBEDDINGS_API_KEY,
    baseUrl: e.EMBEDDINGS_BASE_URL,
  }
}

/** The language model settings: the embedded answerer, or an OpenAI-compatible API. */
export type LlmConfig =
  | { provider: 'embedded' }
  | {
      provider: 'openai' | 'openrouter' | 'openai-compatible'
      apiKey: string | undefined
      baseUrl: string | undefined
      model: string
      fallbackModel: string | undefined
      timeoutMs: number
      maxRetries: number
    }

const OPENROUTER_URL = 'https://openrouter.ai/api/v1'

function llmConfig(e: z.infer<typeof EnvSchema>): LlmConfig {
  if (e.LLM_PROVIDER === 'embedded') return { provider: 'embedded' }
  const issues: { variable: string; message: string }[] = []
  if (!e.LLM_MODEL)
    issues.push({
      variable: 'LLM_MODEL',
      message: `is required with LLM_PROVIDER=${e.LLM_PROVIDER}`,
    })
  if (e.LLM_PROVIDER !== 'openai-compatible' && !e.LLM_API_KEY) {
    issues.push({
      variable: 'LLM_API_KEY',
      message: `is required with LLM_PROVIDER=${e.LLM_PROVIDER}`,
    })
  }
  if (e.LLM_PROVIDER === 'openai-compatible' && !e.LLM_BASE_URL) {
    issues.push({
      variable: 'LLM_BASE_URL',
      message: 'is required with LLM_PROVIDER=openai-compatible',
    })
  }
  if (issues.length > 0) throw new ConfigError(issues)
  return {
    provider: e.LLM_PROVIDER,
    apiKey: e.LLM_API_KEY,
    baseUrl: e.LLM_BASE_URL ?? (e.LLM_PROVIDER === 'openrouter' ? OPENROUTER_URL : undefined),
    model: e.LLM_MODEL!,
    fallbackModel: e.LLM_FALLBACK_MODEL,
    timeoutMs: e.LLM_TIMEOUT_MS,
    maxRetries: e.LLM_MAX_RETRIES,
  }
}

/** A configuration error that names every variable at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError'
  readonly issues: { variable: string; message: string }[]
  constructor(issues: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n')}`,
    )
    this.issues = issues
  }
}

/**
 * Parses the environment into a {@link Config}. Empty strings count as unset, so `FOO=` in a shell
 * or compose file falls back to the default rather than failing.
 *
 * @example
 * ```ts
 * const config = loadConfig(process.env)
 * ```
 */
export function loadConfig(
  env: Record<string, string | undefined>,
  options: { cwd?: string } = {},
): Config {
  const cwd = options.cwd ?? process.cwd()
  const present = Object.fromEntries(
    Object.entries(env).filter(
      ([name, v]) => v !== undefined && v !== '' && name in EnvSchema.shape,
    ),
  )
  const parsed = EnvSchema.safeParse(present)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '(environment)'),
        message: issue.message,
      })),
    )
  }
  const e = parsed.data
  const database = e.DATABASE_URL
    ? { kind: 'postgres' as const, url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX }
    : { kind: 'pglite' as const, dataDir: path.resolve(cwd, e.AVATARADAM_DATA_DIR) }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    database,
    redisUrl: e.REDIS_URL,
    uploads: e.AVATARADAM_UPLOAD_DIR
      ? { kind: 'files', dir: path.resolve(cwd, e.AVATARADAM_UPLOAD_DIR) }
      : database.kind === 'pglite'
        ? { kind: 'files', dir: path.join(path.dirname(database.dataDir), 'uploads') }
        : { kind: 'database' },
    demo: e.AVATARADAM_DEMO ?? database.kind === 'pglite',
    siteDir: e.AVATARADAM_SITE_DIR ? path.resolve(cwd, e.AVATARADAM_SITE_DIR) : undefined,
    limits: {
      uploadBytes: e.MAX_UPLOAD_BYTES,
      jsonBytes: e.MAX_JSON_BYTES,
      messageChars: e.MAX_MESSAGE_CHARS,
      socketPacketBytes: e.MAX_SOCKET_PACKET_BYTES,
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      requestsPerMinute: e.RATE_LIMIT_REQUESTS_PER_MINUTE,
      connectionsPerMinute: e.RATE_LIMIT_CONNECTIONS_PER_MINUTE,
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    ingestConcurrency: e.INGEST_CONCURRENCY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    llm: llmConfig(e),
    embeddings: embeddingsConfig(e),
    secretKeys: e.AVATARADAM_SECRET_KEYS ?? [],
    mail: mailConfig(e),
    providerUrlsAllowPrivate: e.PROVIDER_URLS_ALLOW_PRIVATE,
    stt: sttConfig(e),
    tts: ttsConfig(e),
  }
}
