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
  /** A read replica for read-only queries (history, conversations); unset reads the primary. */
  DATABASE_READ_URL: url(['postgres', 'postgresql']).optional(),
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
  /** avatar:session per visitor per minute: each one mints a HeyGen session token. */
  RATE_LIMIT_AVATAR_SESSIONS_PER_MINUTE: positiveInt.default(6),
  /** Socket.io handshakes per IP per minute. */
  RATE_LIMIT_CONNECTIONS_PER_MINUTE: positiveInt.default(120),
  /** Refused keys per IP per minute (REST and socket), against guessing. */
  RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: positiveInt.default(30),
  /** Leads (lead:submit) per visitor per hour. */
  RATE_LIMIT_LEADS_PER_HOUR: positiveInt.default(5),
  /**
   * Proxies (load balancers) in front of the server whose X-Forwarded-For to believe. 0 uses the
   * connection's address; behind one load balancer, 1.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  INGEST_CONCURRENCY: positiveInt.max(16).default(1),
  /** `false` leaves documents to `avataradam worker` processes (PostgreSQL only). */
  INGEST_IN_SERVE: bool.default(true),
  /**
   * How long a document's claim holds without renewal (renewed every third of it while it is
   * processed): a worker that died has its documents taken up again after this.
   */
  INGEST_LEASE_SECONDS: positiveInt.min(3).max(600).default(30),
  /**
   * The Redis key prefix of the BullMQ queues (email, webhooks, ingestion), used with REDIS_URL;
   * servers and workers sharing queues must use the same one.
   */
  JOBS_PREFIX: z.string().min(1).max(100).default('avataradam'),
  /** Tries of an email or webhook delivery before it goes to the failed jobs. */
  JOBS_ATTEMPTS: positiveInt.max(50).default(6),
  /** First wait before trying a failed email or webhook delivery again; doubles each time. */
  JOBS_BACKOFF_MS: positiveInt.default(10_000),
  /** Longest wait for a dealership's webhook receiver to answer. */
  WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * OpenTelemetry's own variables: traces go over OTLP/HTTP to the traces endpoint (or
   * `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces`); unset, tracing is off.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: url(['http', 'https']).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: url(['http', 'https']).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('avataradam'),
  /**
   * How long a cached answer to a conversation's opening question is kept; 0 turns the cache off.
   * In Redis with REDIS_URL, in the process when embedded; off with PostgreSQL and no Redis.
   */
  ANSWER_CACHE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 3600)
    .default(3600),
  /** When set, `/metrics` answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
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
  /** Where chunk vectors are searched: `pgvector` (the chunks table) or `pinecone`. */
  VECTOR_STORE: z.enum(['pgvector', 'pinecone']).default('pgvector'),
  PINECONE_API_KEY: z.string().min(1).optional(),
  /** The index's name; its dimension must equal EMBEDDINGS_DIMENSIONS, its metric cosine. */
  PINECONE_INDEX: z.string().min(1).optional(),
  /** The index's data-plane host; unset, it is looked up with the index's name (describe index). */
  PINECONE_HOST: url(['http', 'https']).optional(),
  /** The control-plane URL (describe index); Pinecone's own by default. */
  PINECONE_CONTROLLER_URL: url(['http', 'https']).optional(),
  /** Longest wait for one Pinecone request; a chat turn then answers from full text alone. */
  PINECONE_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * First wait before trying again what Pinecone failed for a passing reason (429, 5xx, timeout):
   * a document's ingestion, or the deletion of a deleted document's vectors. Doubles each time.
   */
  PINECONE_RETRY_SECONDS: positiveInt.default(30),
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
  /**
   * The avatar every dealership's visitors see unless it chose otherwise: `builtin` (the
   * animated face, no network) or `heygen` (a HeyGen LiveAvatar video; needs HEYGEN_API_KEY and
   * HEYGEN_AVATAR_ID). With `builtin` and a HEYGEN_API_KEY, dealerships may turn HeyGen on.
   */
  AVATAR_PROVIDER: z.enum(['builtin', 'heygen']).default('builtin'),
  /** A LiveAvatar API key (app.liveavatar.com/developers); older HeyGen keys do not work there. */
  HEYGEN_API_KEY: z.string().min(1).optional(),
  HEYGEN_AVATAR_ID: z.string().min(1).optional(),
  HEYGEN_VOICE_ID: z.string().min(1).optional(),
  HEYGEN_CONTEXT_ID: z.string().min(1).optional(),
  HEYGEN_LANGUAGE: z.string().min(2).max(5).default('en'),
  HEYGEN_BASE_URL: url(['http', 'https']).default('https://api.liveavatar.com'),
  /** Longest wait for HeyGen to mint a session token. */
  HEYGEN_TIMEOUT_MS: positiveInt.default(10_000),
  /** Longest a visitor's HeyGen session may last (HeyGen bills session time). */
  HEYGEN_MAX_SESSION_SECONDS: positiveInt.max(24 * 3600).default(600),
  /** HeyGen's sandbox: free, short sessions with a test avatar, for trying the setup. */
  HEYGEN_SANDBOX: bool.default(false),
  SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
  /**
   * Signs portal access tokens (HS256): at least 32 characters, the same on every instance.
   * Unset, a random one is made once and kept in the database (system_settings).
   */
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Other origins the portal is served from (comma-separated), allowed to call `/v1/auth`
   * beside the server's own origin and PUBLIC_URL.
   */
  PORTAL_ORIGINS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((v) => v.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    )
    .optional(),
  /** Failed portal sign-ins per account in 15 minutes before that account is throttled. */
  RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  /** Failed portal sign-ins per client address in 15 minutes. */
  RATE_LIMIT_LOGIN_FAILURES_PER_IP: positiveInt.default(30),
  /**
   * Sign-ups, password reset requests and confirmations, and invitation acceptances per client
   * address in 15 minutes, each counted apart: each one hashes a password (or sends mail).
   */
  RATE_LIMIT_ACCOUNT_REQUESTS_PER_IP: positiveInt.default(20),
  /** Password reset emails per address (account) per hour; more are answered alike, not sent. */
  RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL: positiveInt.default(3),
  /** The demo owner's password (owner@demo.avataradam.dev); unset, one is generated and printed once. */
  DEMO_OWNER_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
})

export type Env = z.input<typeof EnvSchema>

/** Everything the server needs to start, parsed and checked once. */
export interface Config {
  port: number
  host: string | undefined
  /** PUBLIC_URL when set; otherwise the server uses http://localhost:<the port it listens on>. */
  publicUrl: string | undefined
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  database:
    | { kind: 'pglite'; dataDir: string }
    | {
        kind: 'postgres'
        url: string
        poolMax: number
        /** DATABASE_READ_URL: where read-only queries go (a replica); the primary when unset. */
        readUrl?: string
      }
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
    avatarSessionsPerMinute: number
    requestsPerMinute: number
    connectionsPerMinute: number
    authFailuresPerMinute: number
    leadsPerHour: number
  }
  trustProxyHops: number
  tracing: TracingConfig
  /** Seconds a cached answer is kept; 0: no cache. */
  answerCacheTtlSeconds: number
  /** Required of Prometheus at `/metrics` when set. */
  metricsToken: string | undefined
  ingestConcurrency: number
  ingestLeaseSeconds: number
  /** Whether `serve` processes documents itself, or leaves them to `avataradam worker`. */
  ingestInServe: boolean
  /** Background jobs: BullMQ in Redis with REDIS_URL, else in this process. */
  jobs: { prefix: string; attempts: number; backoffMs: number; webhookTimeoutMs: number }
  shutdownTimeoutMs: number
  /** Portal accounts: token signing, allowed portal origins, sign-in throttling, demo owner. */
  auth: {
    jwtSecret: string | undefined
    portalOrigins: string[]
    loginFailuresPerAccount: number
    loginFailuresPerIp: number
    accountRequestsPerIp: number
    passwordResetsPerEmail: number
    demoOwnerPassword: string | undefined
  }
  llm: LlmConfig
  embeddings: EmbeddingsConfig
  /** AVATARADAM_SECRET_KEYS, newest first; empty when unset. */
  secretKeys: Buffer[]
  mail: MailConfig
  avatar: AvatarConfig
  vectors: VectorsConfig
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

/** Traces over OTLP/HTTP to `endpoint`; off when it is undefined. */
export interface TracingConfig {
  endpoint: string | undefined
  serviceName: string
}

/** HeyGen LiveAvatar settings; key and avatar may be missing when dealerships bring their own. */
export interface HeygenConfig {
  apiKey: string | undefined
  avatarId: string | undefined
  voiceId: string | undefined
  contextId: string | undefined
  language: string
  baseUrl: string
  timeoutMs: number
  maxSessionSeconds: number
  sandbox: boolean
}

/** The server's default avatar, and the HeyGen settings dealerships may build on. */
export interface AvatarConfig {
  provider: 'builtin' | 'heygen'
  heygen: HeygenConfig
}

function avatarConfig(e: z.infer<typeof EnvSchema>): AvatarConfig {
  if (e.AVATAR_PROVIDER === 'heygen') {
    const issues: { variable: string; message: string }[] = []
    for (const variable of ['HEYGEN_API_KEY', 'HEYGEN_AVATAR_ID'] as const) {
      if (!e[variable])
        issues.push({ variable, message: 'is required with AVATAR_PROVIDER=heygen' })
    }
    if (issues.length > 0) throw new ConfigError(issues)
  }
  return {
    provider: e.AVATAR_PROVIDER,
    heygen: {
      apiKey: e.HEYGEN_API_KEY,
      avatarId: e.HEYGEN_AVATAR_ID,
      voiceId: e.HEYGEN_VOICE_ID,
      contextId: e.HEYGEN_CONTEXT_ID,
      language: e.HEYGEN_LANGUAGE,
      baseUrl: e.HEYGEN_BASE_URL.replace(/\/+$/, ''),
      timeoutMs: e.HEYGEN_TIMEOUT_MS,
      maxSessionSeconds: e.HEYGEN_MAX_SESSION_SECONDS,
      sandbox: e.HEYGEN_SANDBOX,
    },
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

/** Where chunk vectors are searched: Postgres's chunks table, or a Pinecone index. */
export type VectorsConfig =
  | { provider: 'pgvector' }
  | {
      provider: 'pinecone'
      apiKey: string
      index: string
      host: string | undefined
      controllerUrl: string | undefined
      timeoutMs: number
      retrySeconds: number
    }

function vectorsConfig(e: z.infer<typeof EnvSchema>): VectorsConfig {
  if (e.VECTOR_STORE === 'pgvector') return { provider: 'pgvector' }
  const issues: { variable: string; message: string }[] = []
  if (!e.PINECONE_API_KEY)
    issues.push({ variable: 'PINECONE_API_KEY', message: 'is required with VECTOR_STORE=pinecone' })
  if (!e.PINECONE_INDEX)
    issues.push({ variable: 'PINECONE_INDEX', message: 'is required with VECTOR_STORE=pinecone' })
  if (issues.length > 0) throw new ConfigError(issues)
  return {
    provider: 'pinecone',
    apiKey: e.PINECONE_API_KEY!,
    index: e.PINECONE_INDEX!,
    host: e.PINECONE_HOST?.replace(/\/+$/, ''),
    controllerUrl: e.PINECONE_CONTROLLER_URL?.replace(/\/+$/, ''),
    timeoutMs: e.PINECONE_TIMEOUT_MS,
    retrySeconds: e.PINECONE_RETRY_SECONDS,
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
/** Every environment variable the server reads (the README documents each). */
export const ENV_VARIABLES: readonly string[] = Object.keys(EnvSchema.shape)

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
    ? {
        kind: 'postgres' as const,
        url: e.DATABASE_URL,
        poolMax: e.DATABASE_POOL_MAX,
        ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}),
      }
    : { kind: 'pglite' as const, dataDir: path.resolve(cwd, e.AVATARADAM_DATA_DIR) }
  if (e.DATABASE_READ_URL && database.kind === 'pglite') {
    throw new ConfigError([
      {
        variable: 'DATABASE_READ_URL',
        message: 'needs DATABASE_URL: a read replica is of a PostgreSQL primary',
      },
    ])
  }
  if (!e.INGEST_IN_SERVE && database.kind === 'pglite') {
    throw new ConfigError([
      {
        variable: 'INGEST_IN_SERVE',
        message:
          'can be false only with DATABASE_URL: no worker can share the embedded database, so nothing would process documents',
      },
    ])
  }
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
      avatarSessionsPerMinute: e.RATE_LIMIT_AVATAR_SESSIONS_PER_MINUTE,
      requestsPerMinute: e.RATE_LIMIT_REQUESTS_PER_MINUTE,
      connectionsPerMinute: e.RATE_LIMIT_CONNECTIONS_PER_MINUTE,
      authFailuresPerMinute: e.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE,
      leadsPerHour: e.RATE_LIMIT_LEADS_PER_HOUR,
    },
    trustProxyHops: e.TRUST_PROXY_HOPS,
    metricsToken: e.METRICS_TOKEN,
    answerCacheTtlSeconds: e.ANSWER_CACHE_TTL_SECONDS,
    tracing: {
      endpoint:
        e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
        (e.OTEL_EXPORTER_OTLP_ENDPOINT
          ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`
          : undefined),
      serviceName: e.OTEL_SERVICE_NAME,
    },
    ingestConcurrency: e.INGEST_CONCURRENCY,
    ingestLeaseSeconds: e.INGEST_LEASE_SECONDS,
    ingestInServe: e.INGEST_IN_SERVE,
    jobs: {
      prefix: e.JOBS_PREFIX,
      attempts: e.JOBS_ATTEMPTS,
      backoffMs: e.JOBS_BACKOFF_MS,
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    auth: {
      jwtSecret: e.AUTH_JWT_SECRET,
      portalOrigins: e.PORTAL_ORIGINS ?? [],
      loginFailuresPerAccount: e.RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT,
      loginFailuresPerIp: e.RATE_LIMIT_LOGIN_FAILURES_PER_IP,
      accountRequestsPerIp: e.RATE_LIMIT_ACCOUNT_REQUESTS_PER_IP,
      passwordResetsPerEmail: e.RATE_LIMIT_PASSWORD_RESETS_PER_EMAIL,
      demoOwnerPassword: e.DEMO_OWNER_PASSWORD,
    },
    llm: llmConfig(e),
    embeddings: embeddingsConfig(e),
    secretKeys: e.AVATARADAM_SECRET_KEYS ?? [],
    mail: mailConfig(e),
    avatar: avatarConfig(e),
    vectors: vectorsConfig(e),
    providerUrlsAllowPrivate: e.PROVIDER_URLS_ALLOW_PRIVATE,
    stt: sttConfig(e),
    tts: ttsConfig(e),
  }
}
