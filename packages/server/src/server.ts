import type { Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { createAdaptorServer } from '@hono/node-server'
import { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import { createBuiltinAnswerer } from './answers/builtin-answerer.ts'
import { createKnowledgeService } from './answers/knowledge.ts'
import { createAnswerPipeline } from './answers/pipeline.ts'
import { accessTokenSecret, createAccessTokens } from './auth/access-tokens.ts'
import { createAuthService } from './auth/auth-service.ts'
import { createMembersService } from './auth/members-service.ts'
import { answerCacheFromConfig, invalidatingAnswers } from './chat/answer-cache.ts'
import { eventHandler, registerChatHandlers } from './chat/socket-handlers.ts'
import { refuseStaffEvents, registerStaffHandlers } from './chat/staff-handlers.ts'
import { createTurnRunner } from './chat/turns.ts'
import type { Config } from './config/index.ts'
import { lockDataDir } from './db/data-dir-lock.ts'
import { type Db, migrate, openDb } from './db/index.ts'
import { type DemoDealership, ensureDemoDealership, ensureDemoOwner } from './demo/seed.ts'
import { createFactsService } from './facts/facts-service.ts'
import { createApp } from './http/app.ts'
import { findPortalDist } from './http/portal-assets.ts'
import { findWidgetDist } from './http/widget-assets.ts'
import { inventoryTool } from './inventory/inventory-tool.ts'
import { jobQueuesFromConfig, processDeliveries, processIngestion } from './jobs/job-queues.ts'
import type { JobQueues } from './jobs/queues.ts'
import { createDocumentService } from './knowledge/documents.ts'
import { ensureEmbeddingIndex } from './knowledge/embedding-index.ts'
import { createIngestionWorker, type IngestionWorker } from './knowledge/ingestion-worker.ts'
import { createSearchService } from './knowledge/search.ts'
import { createSearchStatistics } from './knowledge/search-statistics.ts'
import { sourceStoreFromConfig } from './knowledge/source-store.ts'
import { warmUpLanguages } from './language/warm-up.ts'
import { leadCaptureTool } from './leads/lead-capture-tool.ts'
import { createLeadService } from './leads/lead-service.ts'
import { registerLeadHandlers } from './leads/socket-handlers.ts'
import { createRateLimiter } from './limits/rate-limiter.ts'
import { createLogger, type Logger } from './logger.ts'
import { createMetrics } from './metrics/metrics.ts'
import { createTenantAvatars } from './providers/avatar/tenant-avatars.ts'
import { embeddingsFromConfig } from './providers/embeddings/embeddings-from-config.ts'
import type { EmbeddingModel } from './providers/embeddings/index.ts'
import { answererFromConfig } from './providers/llm/answerer-from-config.ts'
import type { AnswerModel } from './providers/llm/index.ts'
import { createTenantAnswerers } from './providers/llm/tenant-answerers.ts'
import { mailTransportFromConfig } from './providers/mail/mail-from-config.ts'
import { createMailer } from './providers/mail/mailer.ts'
import type { Transcriber } from './providers/stt/index.ts'
import { transcriberFromConfig } from './providers/stt/transcriber-from-config.ts'
import type { SpeechSynthesizer } from './providers/tts/index.ts'
import { synthesizerFromConfig } from './providers/tts/synthesizer-from-config.ts'
import type { VectorStore } from './providers/vectors/index.ts'
import { vectorsFromConfig } from './providers/vectors/vectors-from-config.ts'
import { handshake } from './realtime/handshake.ts'
import { createRealtimeServer, trackBroadcasts } from './realtime/server.ts'
import type { RealtimeServer } from './realtime/types.ts'
import { createSecretBox } from './secrets/secret-box.ts'
import { registerSpeechHandlers } from './speech/speech-handlers.ts'
import { parseKey } from './tenants/key-format.ts'
import { createKeyService, type KeyService } from './tenants/keys.ts'
import { createProviderOverrides } from './tenants/provider-overrides.ts'
import { findTenant } from './tenants/tenants-repo.ts'
import { tracedDb } from './tracing/traced-db.ts'
import { createTracing } from './tracing/tracing.ts'
import { broadcastWidgetSettings, welcomeVisitor } from './widget-settings/socket.ts'
import {
  createWidgetSettingsService,
  type WidgetSettingsService,
} from './widget-settings/widget-settings.ts'

const DEFAULT_SITE_DIR = fileURLToPath(
  new URL('../../../examples/dealership-site/', import.meta.url),
)

/** Parts a caller may supply instead of the ones the configuration would pick (tests, embedders). */
export interface ServerParts {
  answerer?: AnswerModel | undefined
  embeddings?: EmbeddingModel | undefined
  /** The fetch HeyGen's token minting goes through. */
  fetch?: typeof fetch | undefined
  vectors?: VectorStore | undefined
  transcriber?: Transcriber | undefined
  synthesizer?: SpeechSynthesizer | undefined
  /** The built portal served at /portal; the workspace's build by default, null for none. */
  portalDist?: string | null | undefined
}

export interface RunningServer {
  /** Where this server listens, such as `http://127.0.0.1:3000`. */
  url: string
  /** The URL visitors use: PUBLIC_URL, or http://localhost:<port>. */
  publicUrl: string
  port: number
  config: Config
  log: Logger
  db: Db
  io: RealtimeServer
  keys: KeyService
  widgetSettings: WidgetSettingsService
  ingestion: IngestionWorker
  /** The email, webhook and ingestion queues (BullMQ with REDIS_URL, else in this process). */
  queues: JobQueues
  /** Set when demo mode is on. */
  demo: DemoDealership | undefined
  /** Graceful shutdown: finishes turns in progress, tells sockets to reconnect, releases everything. */
  close(): Promise<void>
}

/**
 * Two Redis connections with different failure behaviour. Rate limits must never wait on Redis:
 * their commands fail at once while it is unreachable, and the in-memory fallback takes over.
 * The Socket.io adapter keeps its commands queued until Redis is back (its stream reader retries
 * immediately on failure, which without a queue would spin).
 */
function connectRedis(url: string, log: Logger) {
  const limits = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
  const fanOut = new Redis(url)
  for (const client of [limits, fanOut]) {
    client.on('error', (err) => log.warn({ err: err.message }, 'redis error'))
  }
  // The Streams adapter saves a disconnecting socket's session (connection state recovery) with
  // a SET it neither awaits nor catches: should Redis be away, or this server be closing, its
  // rejection would go unhandled. Recovery is best effort, so a failed save is only logged.
  const set = fanOut.set.bind(fanOut) as (...args: unknown[]) => Promise<unknown>
  fanOut.set = ((...args: unknown[]) => {
    const saved = set(...args)
    saved.catch((err: Error) => log.debug({ err: err.message }, 'socket session not saved'))
    return saved
  }) as typeof fanOut.set
  return {
    limits,
    fanOut,
    async close() {
      await Promise.all([limits.quit().catch(() => {}), fanOut.quit().catch(() => {})])
    },
  }
}

function closeTransportsGently(io: RealtimeServer): Promise<void> {
  const connections = new Set([...io.sockets.sockets.values()].map((socket) => socket.conn))
  return Promise.all(
    [...connections].map(
      (conn) =>
        new Promise<void>((resolve) => {
          conn.once('close', () => resolve())
          conn.close()
        }),
    ),
  ).then(() => {})
}

/** Opens the database the configuration names, migrated, with a warning when pgvector is missing. */
export async function openMigratedDb(config: Config, log: Logger) {
  const unlock =
    config.database.kind === 'pglite' ? await lockDataDir(config.database.dataDir) : async () => {}
  try {
    const db = await openDb(config.database)
    const { applied } = await migrate(db)
    if (applied.length > 0) log.info({ applied }, 'database migrated')
    if (!db.capabilities.vector) {
      log.warn(
        'PostgreSQL has no pgvector extension: retrieval compares every chunk (an exact scan), which is fine for small knowledge bases. Install pgvector (https://github.com/pgvector/pgvector) for an HNSW index that scales.',
      )
    }
    return {
      db,
      /** Migrations this opening applied, oldest first. */
      applied,
      async close() {
        await db.close()
        await unlock()
      },
    }
  } catch (err) {
    await unlock()
    throw err
  }
}

/**
 * The composition root: builds every part from the configuration, once, and starts listening.
 *
 * @example
 * ```ts
 * const server = await startServer(loadConfig(process.env))
 * process.once('SIGTERM', () => server.close())
 * ```
 */
export async function startServer(
  config: Config,
  options: {
    log?: Logger | undefined
    parts?: ServerParts | undefined
    /** How often a portal member's staff socket checks its access token again (default 15 s). */
    staffTokenCheckMs?: number | undefined
  } = {},
): Promise<RunningServer> {
  const log = options.log ?? createLogger(config.logLevel)
  const database = await openMigratedDb(config, log)
  const tracing = createTracing(config.tracing)
  const db = tracing.enabled ? tracedDb(database.db, tracing.tracer) : database.db
  // Read-only queries (history, the conversation list) go to a replica when there is one. Its
  // pool connects on first use, so opening it cannot fail the start.
  const primary = config.database
  const replica =
    primary.kind === 'postgres' && primary.readUrl
      ? await openDb({ kind: 'postgres', url: primary.readUrl, poolMax: primary.poolMax })
      : undefined
  const readDb = replica ? (tracing.enabled ? tracedDb(replica, tracing.tracer) : replica) : db
  // Before anything else is opened: a start that fails here has only the database to close.
  const embeddings = options.parts?.embeddings ?? embeddingsFromConfig(config.embeddings)
  const vectors = options.parts?.vectors ?? vectorsFromConfig(config.vectors)
  try {
    await ensureEmbeddingIndex(db, embeddings, log, vectors)
  } catch (err) {
    await tracing.shutdown()
    await replica?.close()
    await database.close()
    throw err
  }
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : undefined
  const metrics = createMetrics()
  const queues = jobQueuesFromConfig(config, log)
  metrics.jobCounts(() => queues.counts())
  metrics.queueDepth(async () => {
    const rows = await db.query<{ queued: number; processing: number }>(
      `select count(*) filter (where status = 'queued')::int as queued,
              count(*) filter (where status = 'processing')::int as processing
         from documents where status in ('queued', 'processing')`,
    )
    return rows[0] ?? { queued: 0, processing: 0 }
  })

  const keys = createKeyService(db, {
    onError: (err) => log.warn({ err }, 'key bookkeeping failed'),
  })
  const sources = sourceStoreFromConfig(config.uploads)
  const answerCache = answerCacheFromConfig(config, redis?.limits)
  const facts = createFactsService(db)
  const knowledge = createKnowledgeService(db, facts)
  const answersInvalidated = invalidatingAnswers(
    createSearchStatistics({ db, log: log.child({ component: 'search' }) }),
    answerCache,
    log,
  )
  // A document processed or deleted changes passages, facts and vehicles alike.
  const statistics = {
    ...answersInvalidated,
    changed(tenantId: string) {
      answersInvalidated.changed(tenantId)
      knowledge.forget(tenantId)
    },
    invalidate(tenantId: string) {
      answersInvalidated.invalidate(tenantId)
      knowledge.forget(tenantId)
    },
  }
  const ingestion = createIngestionWorker({
    db,
    embeddings,
    vectors,
    vectorRetrySeconds: config.vectors.provider === 'pinecone' ? config.vectors.retrySeconds : 30,
    sources,
    statistics,
    log: log.child({ component: 'ingestion' }),
    concurrency: config.ingestConcurrency,
    leaseSeconds: config.ingestLeaseSeconds,
    onOutcome: (outcome) => metrics.ingestion(outcome),
    tracer: tracing.tracer,
  })
  const documents = createDocumentService(
    db,
    sources,
    {
      queued: (document) => {
        if (config.ingestInServe) ingestion.notify()
        // With BullMQ, every worker and server hears of the upload at once (not at its next poll).
        if (queues.kind === 'bullmq') {
          void queues
            .add('ingestion', { tenantId: document.tenantId, documentId: document.id })
            .catch((err) => log.warn({ err }, 'could not queue the ingestion job; the poll will'))
        }
      },
      deleted: (tenantId) => statistics.changed(tenantId),
    },
    vectors.provider === 'pgvector'
      ? undefined
      : {
          store: vectors,
          log: log.child({ component: 'vectors' }),
          retrySeconds: config.vectors.provider === 'pinecone' ? config.vectors.retrySeconds : 30,
        },
  )
  const search = createSearchService(
    db,
    embeddings,
    vectors,
    log.child({ component: 'search' }),
    (provider) => metrics.providerError('vectors', provider),
  )
  const overrides = createProviderOverrides(
    db,
    config.secretKeys.length > 0 ? createSecretBox(config.secretKeys) : undefined,
    {
      allowPrivateUrls: config.providerUrlsAllowPrivate,
      heygenDefaults: {
        apiKey: Boolean(config.avatar.heygen.apiKey),
        avatarId: Boolean(config.avatar.heygen.avatarId),
      },
    },
  )
  const avatars = createTenantAvatars({
    config: config.avatar,
    overrides,
    log: log.child({ component: 'avatar' }),
    fetch: options.parts?.fetch,
    onError: (provider) => metrics.providerError('avatar', provider),
  })
  const embeddedAnswerer = createBuiltinAnswerer()
  const answerers = createTenantAnswerers({
    embedded: embeddedAnswerer,
    fallback:
      options.parts?.answerer ??
      answererFromConfig(config.llm, log, embeddedAnswerer, (provider) =>
        metrics.providerError('llm', provider),
      ),
    overrides,
    defaults: config.llm,
    log,
    onError: (provider) => metrics.providerError('llm', provider),
  })
  const mailer = createMailer({
    db,
    transport: mailTransportFromConfig(config.mail),
    log: log.child({ component: 'mail' }),
    // In embedded mode mail is sent at once, as before; queued only where a worker may send it.
    queues: queues.kind === 'bullmq' ? queues : undefined,
  })
  const names = new LRUCache<string, string>({ max: 10_000, ttl: 60_000 })
  const turns = createTurnRunner({
    db,
    pipeline: createAnswerPipeline({ db, search, knowledge }),
    answerer: (tenantId) => answerers.forTenant(tenantId),
    log: log.child({ component: 'chat' }),
    metrics,
    cache: answerCache,
    tracer: tracing.tracer,
    // The model looks things up and offers forms only for the turn's own dealership.
    tools: (turn) => [
      inventoryTool(
        db,
        turn.visitor.tenantId,
        async () => (await facts.forTurn(turn.visitor.tenantId)).titles,
      ),
      leadCaptureTool((offer) => turn.offerLead(offer)),
    ],
    async dealershipName(tenantId) {
      let name = names.get(tenantId)
      if (!name) {
        name =
          (await db.tenant(tenantId, (tx) => findTenant(tx, tenantId)))?.name ?? 'the dealership'
        names.set(tenantId, name)
      }
      return name
    },
  })

  let closing = false
  const { limits } = config
  const limiter = (name: string, points: number, durationSeconds: number) =>
    createRateLimiter({ name, points, durationSeconds, redis: redis?.limits })
  // Refused keys per address: enough for a misconfigured page to show its error, not to guess.
  const authFailureLimiter = limiter('auth-failures', limits.authFailuresPerMinute, 60)
  const accessTokens = createAccessTokens({
    db,
    secret: await accessTokenSecret(db, config.auth.jwtSecret),
  })
  const authService = createAuthService({
    db,
    accessTokens,
    mail: mailer,
    box: config.secretKeys.length > 0 ? createSecretBox(config.secretKeys) : undefined,
    // Failed sign-ins in 15 minutes: a few per account (guessing one password), more per address
    // (an office shares one), so neither a guesser nor a lock-out of everyone is cheap.
    limits: {
      account: limiter('login-account', config.auth.loginFailuresPerAccount, 900),
      ip: limiter('login-ip', config.auth.loginFailuresPerIp, 900),
      // Each of these hashes a password or sends mail, unauthenticated: counted per address.
      requests: limiter('account-requests-ip', config.auth.accountRequestsPerIp, 900),
      resetMail: limiter('password-reset-email', config.auth.passwordResetsPerEmail, 3600),
    },
    log: log.child({ component: 'auth' }),
  })
  const portalOrigins = {
    publicUrl: config.publicUrl,
    portalOrigins: config.auth.portalOrigins,
    trustProxyHops: config.trustProxyHops,
  }
  const leads = createLeadService({
    db,
    limiter: limiter('leads', limits.leadsPerHour, 3600),
    mailer,
    queues,
    log: log.child({ component: 'leads' }),
  })

  // Seeded once the port is known (PORT=0 picks one), before the server reports ready.
  let demo: DemoDealership | undefined
  let started = false
  const siteDir = config.siteDir ?? (config.demo ? DEFAULT_SITE_DIR : undefined)

  const widgetSettings = createWidgetSettingsService(
    db,
    // Called only after start, by which time the realtime server exists.
    { changed: (tenantId, settings) => broadcastWidgetSettings(io, tenantId, settings) },
    readDb,
  )
  const app = createApp({
    log,
    db,
    readDb,
    keys,
    widgetSettings,
    accessTokens,
    auth: {
      service: authService,
      members: createMembersService({ db, accessTokens, mail: mailer }),
      origins: portalOrigins,
    },
    documents,
    search,
    facts: { facts, changed: (tenantId) => statistics.invalidate(tenantId) },
    requestLimiter: limiter('rest', limits.requestsPerMinute, 60),
    authFailureLimiter,
    trustProxyHops: config.trustProxyHops,
    limits,
    readiness: {
      isReady: () => started && !closing,
      async checkDatabase() {
        await db.query('select 1')
      },
    },
    widgetDist: findWidgetDist(),
    portalDist:
      options.parts?.portalDist === undefined
        ? findPortalDist()
        : (options.parts.portalDist ?? undefined),
    providers: {
      overrides,
      changed: (tenantId) => {
        answerers.forget(tenantId)
        avatars.forget(tenantId)
        // Another model answers from now on.
        statistics.invalidate(tenantId)
      },
    },
    metrics: { metrics, token: config.metricsToken },
    jobs: {
      queues,
      allowPrivateUrls: config.providerUrlsAllowPrivate,
      box: config.secretKeys.length > 0 ? createSecretBox(config.secretKeys) : undefined,
    },
    tracer: tracing.enabled ? tracing.tracer : undefined,
    site: siteDir
      ? {
          dir: siteDir,
          // The demo site shows the widget working under the strictest policy a dealership
          // might have: no inline scripts or styles, no eval, nothing from other origins
          // (spoken answers stream into a MediaSource, played from a blob: URL).
          contentSecurityPolicy:
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; media-src 'self' blob:; base-uri 'none'; frame-ancestors 'none'",
          variables: (url) => ({
            AVATARADAM_PUBLISHABLE_KEY: demoSiteKey(url, demo?.publishableKey),
            AVATARADAM_SERVER_URL: publicUrl,
          }),
        }
      : undefined,
  })

  const http = createAdaptorServer({ fetch: app.fetch }) as HttpServer
  const io = createRealtimeServer(http, {
    maxPacketBytes: limits.socketPacketBytes,
    redis: redis?.fanOut,
  })
  const broadcastsFlushed = trackBroadcasts(io)
  metrics.connectedVisitors(() => io.engine.clientsCount)
  io.use(
    handshake({
      keys,
      accessTokens,
      limiter: limiter('connect', limits.connectionsPerMinute, 60),
      authFailureLimiter,
      trustProxyHops: config.trustProxyHops,
      log,
    }),
  )
  const messageLimiter = limiter('chat', limits.messagesPerMinute, 60)
  // Ten visitors' worth per address: an office or a family behind one NAT still chats freely.
  const addressLimiter = limiter('chat-address', limits.messagesPerMinute * 10, 60)
  // Generous: a visitor's client sends a handful of events per message; a flood sends thousands.
  const eventLimiter = limiter('events', Math.max(120, limits.messagesPerMinute * 4), 60)
  const transcriber = options.parts?.transcriber ?? transcriberFromConfig(config.stt)
  const synthesizer = options.parts?.synthesizer ?? synthesizerFromConfig(config.tts)
  const capabilities = {
    stt: transcriber ? 'server' : 'browser',
    tts: synthesizer ? 'server' : 'browser',
  } as const
  const speechLimiter = limiter('speech', limits.messagesPerMinute, 60)
  const { stt } = config
  const speechLimits = {
    ...(stt.provider === 'openai'
      ? { maxBytes: stt.maxBytes, maxSeconds: stt.maxSeconds, maxStreams: stt.maxStreams }
      : { maxBytes: 0, maxSeconds: 0, maxStreams: 0 }),
    // Room for Socket.io's envelope around the binary attachment.
    maxChunkBytes: Math.max(1024, limits.socketPacketBytes - 1024),
  }
  const avatarLimiter = limiter('avatar', limits.avatarSessionsPerMinute, 60)
  const avatarAddressLimiter = limiter('avatar-address', limits.avatarSessionsPerMinute * 10, 60)
  io.on('connection', (socket) => {
    socket.onAny((event: string) => metrics.socketEvent(event))
    const handle = eventHandler(socket, {
      eventLimiter,
      log: log.child({ tenantId: socket.data.tenantId, socketId: socket.id }),
    })
    if (socket.data.staff) {
      registerStaffHandlers(socket, {
        db: readDb,
        keys,
        accessTokens,
        handle,
        log,
        tokenCheckMs: options.staffTokenCheckMs,
      })
      return
    }
    refuseStaffEvents(handle)
    void welcomeVisitor(socket, widgetSettings, log)
    registerSpeechHandlers(socket, {
      transcriber,
      capabilities,
      limits: speechLimits,
      speechLimiter,
      eventLimiter,
      log,
      keys,
      isClosing: () => closing,
      onProviderError: (provider) => metrics.providerError('stt', provider),
    })
    registerChatHandlers(
      socket,
      {
        db,
        readDb,
        turns,
        log,
        io,
        keys,
        messageLimiter,
        addressLimiter,
        eventLimiter,
        avatars,
        avatarLimiter,
        avatarAddressLimiter,
        maxMessageChars: limits.messageChars,
        synthesizer,
        onProviderError: (capability, provider) => metrics.providerError(capability, provider),
        isClosing: () => closing,
      },
      handle,
    )
    registerLeadHandlers(socket, { leads, handle })
  })

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(config.port, config.host, () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port
  // Readers of visitors' questions load their models now, not on the first visitor's turn.
  warmUpLanguages()
  const publicUrl = config.publicUrl ?? `http://localhost:${port}`
  if (config.demo) {
    demo = await ensureDemoDealership({
      db,
      keys,
      documents,
      widgetSettings,
      log,
      origins: [publicUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
    })
    demo.owner = await ensureDemoOwner({
      auth: authService,
      tenantId: demo.tenantId,
      password: config.auth.demoOwnerPassword,
    })
  }
  // Otherwise `avataradam worker` processes take the documents from the shared queue.
  if (config.ingestInServe) await ingestion.start()
  // The in-process queue has no other taker; BullMQ's jobs may be left to `avataradam worker`.
  if (queues.kind === 'memory' || config.ingestInServe) {
    processDeliveries(queues, { config, db, mailer, log })
  }
  if (queues.kind === 'bullmq' && config.ingestInServe) {
    processIngestion(queues, ingestion, config.ingestConcurrency)
  }
  started = true

  let closed: Promise<void> | undefined
  return {
    url: `http://${config.host && config.host !== '0.0.0.0' && config.host !== '::' ? config.host : '127.0.0.1'}:${port}`,
    publicUrl,
    port,
    config,
    log,
    db,
    io,
    keys,
    widgetSettings,
    ingestion,
    queues,
    demo,
    close() {
      closed ??= (async () => {
        closing = true
        log.info({ turns: turns.inFlight }, 'shutting down')
        // No new documents from here on; those in progress go back to the queue below.
        ingestion.pause()
        const deadline = new Promise((resolve) =>
          setTimeout(resolve, config.shutdownTimeoutMs).unref(),
        )
        await Promise.race([turns.settled(), deadline])
        // Answers still running past the deadline are abandoned: their claims are released so
        // the visitors' clients, sending again after reconnecting, are answered elsewhere.
        await Promise.race([
          turns.abortAll().then(broadcastsFlushed),
          delay(2000, undefined, { ref: false }),
        ])
        // Close each transport once it has flushed what it still holds (the end of the answers
        // just finished), without a "disconnect" packet, so clients reconnect on their own: to
        // another instance, or to this one when it is back.
        await Promise.race([closeTransportsGently(io), deadline])
        // Then stop the HTTP server; requests in progress get until the deadline to finish.
        const stopped = new Promise<void>((resolve) => io.close(() => resolve()))
        http.closeIdleConnections()
        await Promise.race([stopped, deadline])
        http.closeAllConnections()
        await stopped
        await ingestion.stop()
        await queues.close()
        statistics.stop()
        await redis?.close()
        await replica?.close()
        await database.close()
        await tracing.shutdown()
        log.info('stopped')
      })()
      return closed
    },
  }
}

/**
 * The key the demo site's widget uses: the demo dealership's, or another dealership's publishable
 * key given as `?key=pk_…`, so a dealership can try its own assistant on the example site. Only a
 * well-formed publishable key is taken (it is written into the page).
 */
function demoSiteKey(url: URL, demoKey: string | undefined): string {
  const asked = url.searchParams.get('key')
  if (asked && parseKey(asked)?.type === 'publishable') return asked
  return demoKey ?? ''
}
