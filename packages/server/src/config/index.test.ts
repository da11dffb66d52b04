import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { ConfigError, ENV_VARIABLES, loadConfig } from './index.ts'

describe('the README', () => {
  it('documents every environment variable the server reads', async () => {
    const readmes = await Promise.all(
      ['../../../../README.md', '../../README.md'].map((p) =>
        readFile(new URL(p, import.meta.url), 'utf8'),
      ),
    )
    const undocumented = ENV_VARIABLES.filter(
      (name) => !readmes.some((text) => text.includes(`\`${name}\``)),
    )
    expect(undocumented).toEqual([])
  })
})

describe('loadConfig', () => {
  it('defaults to embedded mode with the demo on', () => {
    const config = loadConfig({}, { cwd: '/srv/app' })
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: undefined,
      database: { kind: 'pglite', dataDir: '/srv/app/.avataradam/data' },
      redisUrl: undefined,
      demo: true,
    })
  })

  it('uses PostgreSQL for DATABASE_URL and turns the demo off unless asked', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/app', DATABASE_POOL_MAX: '20' })
    expect(config.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@db:5432/app',
      poolMax: 20,
    })
    expect(config.demo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://db/app', AVATARADAM_DEMO: 'true' }).demo).toBe(
      true,
    )
  })

  it('reads from DATABASE_READ_URL when set, and only beside DATABASE_URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://db/app',
      DATABASE_READ_URL: 'postgres://replica/app',
    })
    expect(config.database).toMatchObject({
      url: 'postgres://db/app',
      readUrl: 'postgres://replica/app',
    })
    expect(() => loadConfig({ DATABASE_READ_URL: 'mysql://replica/app' })).toThrow(
      /DATABASE_READ_URL/,
    )
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/app' })).toThrow(
      /needs DATABASE_URL/,
    )
  })

  it('refuses INGEST_IN_SERVE=false without PostgreSQL, where no worker could take the documents', () => {
    expect(() => loadConfig({ INGEST_IN_SERVE: 'false' })).toThrow(/INGEST_IN_SERVE/)
    expect(
      loadConfig({ INGEST_IN_SERVE: 'false', DATABASE_URL: 'postgres://db/app' }).ingestInServe,
    ).toBe(false)
    expect(loadConfig({}).ingestInServe).toBe(true)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).database.kind).toBe('pglite')
  })

  it('names every variable with a wrong value', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://db/app', LOG_LEVEL: 'loud' })
      expect.unreachable()
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError)
      const { issues, message } = err as ConfigError
      expect(issues.map((i) => i.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT'])
      expect(message).toContain('DATABASE_URL: must be a postgres or postgresql URL')
    }
  })

  it('drops a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://chat.dealer.example/' }).publicUrl).toBe(
      'https://chat.dealer.example',
    )
  })
  it('answers with the embedded model unless an LLM provider is configured', () => {
    expect(loadConfig({}).llm).toEqual({ provider: 'embedded' })
    expect(
      loadConfig({ LLM_PROVIDER: 'openrouter', LLM_API_KEY: 'sk-or-1', LLM_MODEL: 'a/b' }).llm,
    ).toMatchObject({
      provider: 'openrouter',
      baseUrl: 'https://openrouter.ai/api/v1',
      model: 'a/b',
    })
  })

  it('names the LLM variables a provider is missing', () => {
    expect(() => loadConfig({ LLM_PROVIDER: 'openai' })).toThrow(
      /LLM_MODEL: is required with LLM_PROVIDER=openai\n {2}LLM_API_KEY: is required/,
    )
    expect(() => loadConfig({ LLM_PROVIDER: 'openai-compatible', LLM_MODEL: 'llama' })).toThrow(
      /LLM_BASE_URL: is required/,
    )
    expect(() => loadConfig({ LLM_PROVIDER: 'claude' })).toThrow(/LLM_PROVIDER/)
  })
  it('embeds locally unless OpenAI embeddings are configured with a key or a server', () => {
    expect(loadConfig({}).embeddings).toEqual({ provider: 'local', dimensions: 256 })
    expect(
      loadConfig({
        EMBEDDINGS_PROVIDER: 'openai',
        EMBEDDINGS_API_KEY: 'sk-1',
        EMBEDDINGS_DIMENSIONS: '512',
      }).embeddings,
    ).toMatchObject({ provider: 'openai', model: 'text-embedding-3-small', dimensions: 512 })
    expect(() => loadConfig({ EMBEDDINGS_PROVIDER: 'openai' })).toThrow(/EMBEDDINGS_API_KEY/)
    expect(() => loadConfig({ EMBEDDINGS_DIMENSIONS: '4096' })).toThrow(/EMBEDDINGS_DIMENSIONS/)
  })
  it('reads the keys that seal stored provider keys, and names a bad one', () => {
    const key = Buffer.alloc(32, 7).toString('base64')
    expect(loadConfig({ AVATARADAM_SECRET_KEYS: `${key},${key}` }).secretKeys).toHaveLength(2)
    expect(loadConfig({}).secretKeys).toEqual([])
    expect(() => loadConfig({ AVATARADAM_SECRET_KEYS: 'c2hvcnQ=' })).toThrow(
      /AVATARADAM_SECRET_KEYS: key 1 is not 32 bytes/,
    )
  })
  it('limits leads per visitor per hour, five by default', () => {
    expect(loadConfig({}).limits.leadsPerHour).toBe(5)
    expect(loadConfig({ RATE_LIMIT_LEADS_PER_HOUR: '20' }).limits.leadsPerHour).toBe(20)
    expect(() => loadConfig({ RATE_LIMIT_LEADS_PER_HOUR: '0' })).toThrow(
      /RATE_LIMIT_LEADS_PER_HOUR/,
    )
  })
  it('keeps mail in the outbox unless Mailgun is configured, and names what is missing', () => {
    expect(loadConfig({}).mail).toEqual({
      provider: 'outbox',
      from: 'AvatarAdam <assistant@localhost>',
    })
    expect(
      loadConfig({
        MAIL_PROVIDER: 'mailgun',
        MAILGUN_API_KEY: 'key-1',
        MAILGUN_DOMAIN: 'mg.x.example',
      }).mail,
    ).toMatchObject({
      provider: 'mailgun',
      from: 'AvatarAdam <assistant@mg.x.example>',
      url: 'https://api.mailgun.net',
    })
    expect(() => loadConfig({ MAIL_PROVIDER: 'mailgun' })).toThrow(
      /MAILGUN_API_KEY[\s\S]*MAILGUN_DOMAIN/,
    )
  })

  it('keeps the built-in avatar unless HeyGen is configured, and names what is missing', () => {
    expect(loadConfig({}).avatar).toMatchObject({
      provider: 'builtin',
      heygen: { apiKey: undefined, baseUrl: 'https://api.liveavatar.com', language: 'en' },
    })
    expect(loadConfig({}).limits.avatarSessionsPerMinute).toBe(6)
    expect(
      loadConfig({
        AVATAR_PROVIDER: 'heygen',
        HEYGEN_API_KEY: 'la-key',
        HEYGEN_AVATAR_ID: 'avatar-1',
        HEYGEN_VOICE_ID: 'voice-1',
        HEYGEN_BASE_URL: 'http://127.0.0.1:9/',
        HEYGEN_TIMEOUT_MS: '2500',
        HEYGEN_MAX_SESSION_SECONDS: '120',
        HEYGEN_SANDBOX: 'true',
        RATE_LIMIT_AVATAR_SESSIONS_PER_MINUTE: '3',
      }),
    ).toMatchObject({
      avatar: {
        provider: 'heygen',
        heygen: {
          apiKey: 'la-key',
          avatarId: 'avatar-1',
          voiceId: 'voice-1',
          baseUrl: 'http://127.0.0.1:9',
          timeoutMs: 2500,
          maxSessionSeconds: 120,
          sandbox: true,
        },
      },
      limits: { avatarSessionsPerMinute: 3 },
    })
    expect(() => loadConfig({ AVATAR_PROVIDER: 'heygen' })).toThrow(
      /HEYGEN_API_KEY[\s\S]*HEYGEN_AVATAR_ID/,
    )
    expect(() => loadConfig({ AVATAR_PROVIDER: 'did' })).toThrow(/AVATAR_PROVIDER/)
  })

  it('searches vectors in Postgres unless Pinecone is chosen, and names what Pinecone lacks', () => {
    expect(loadConfig({}).vectors).toEqual({ provider: 'pgvector' })
    expect(
      loadConfig({
        VECTOR_STORE: 'pinecone',
        PINECONE_API_KEY: 'pc-key',
        PINECONE_INDEX: 'dealers',
        PINECONE_HOST: 'http://127.0.0.1:9/',
      }).vectors,
    ).toEqual({
      provider: 'pinecone',
      apiKey: 'pc-key',
      index: 'dealers',
      host: 'http://127.0.0.1:9',
      controllerUrl: undefined,
      timeoutMs: 10_000,
      retrySeconds: 30,
    })
    expect(() => loadConfig({ VECTOR_STORE: 'pinecone' })).toThrow(
      /PINECONE_API_KEY[\s\S]*PINECONE_INDEX/,
    )
    expect(() => loadConfig({ VECTOR_STORE: 'qdrant' })).toThrow(/VECTOR_STORE/)
  })

  it('leaves speech to the browser unless a provider is configured', () => {
    expect(loadConfig({}).stt).toEqual({ provider: 'browser' })
    expect(loadConfig({}).tts).toEqual({ provider: 'browser' })
  })
  it('transcribes with the OpenAI key of the language model unless STT has its own', () => {
    const llm = { LLM_PROVIDER: 'openai', LLM_API_KEY: 'sk-llm', LLM_MODEL: 'gpt-4.1-mini' }
    expect(loadConfig({ ...llm, STT_PROVIDER: 'openai' }).stt).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini-transcribe',
      apiKey: 'sk-llm',
      maxBytes: 2 * 1024 * 1024,
      maxSeconds: 60,
      maxStreams: 2,
    })
    expect(
      loadConfig({ ...llm, STT_PROVIDER: 'openai', STT_API_KEY: 'sk-stt', STT_MAX_STREAMS: '1' })
        .stt,
    ).toMatchObject({ apiKey: 'sk-stt', maxStreams: 1 })
    // OpenRouter has no transcription: its key is not borrowed.
    expect(() =>
      loadConfig({
        LLM_PROVIDER: 'openrouter',
        LLM_API_KEY: 'sk-or',
        LLM_MODEL: 'a/b',
        STT_PROVIDER: 'openai',
      }),
    ).toThrow(/STT_API_KEY: is required with STT_PROVIDER=openai/)
    expect(() => loadConfig({ STT_PROVIDER: 'openai', STT_MAX_SECONDS: '0' })).toThrow(
      /STT_MAX_SECONDS/,
    )
  })
  it('speaks with ElevenLabs when configured, and names what is missing', () => {
    expect(
      loadConfig({
        TTS_PROVIDER: 'elevenlabs',
        ELEVENLABS_API_KEY: 'el-1',
        ELEVENLABS_VOICE_ID: 'voice-1',
        ELEVENLABS_BASE_URL: 'https://api.eu.elevenlabs.io/',
      }).tts,
    ).toEqual({
      provider: 'elevenlabs',
      apiKey: 'el-1',
      voiceId: 'voice-1',
      model: 'eleven_flash_v2_5',
      baseUrl: 'https://api.eu.elevenlabs.io',
      timeoutMs: 15_000,
      maxRetries: 1,
    })
    expect(() => loadConfig({ TTS_PROVIDER: 'elevenlabs' })).toThrow(
      /ELEVENLABS_API_KEY[\s\S]*ELEVENLABS_VOICE_ID/,
    )
    expect(() => loadConfig({ TTS_PROVIDER: 'google' })).toThrow(/TTS_PROVIDER/)
  })
})
