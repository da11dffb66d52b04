import { httpInstrumentationMiddleware } from '@hono/otel'
import { OpenAPIHono } from '@hono/zod-openapi'
import { type Tracer, trace } from '@opentelemetry/api'
import { ATTR_URL_FULL } from '@opentelemetry/semantic-conventions'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { analyticsRoutes } from '../analytics/routes.ts'
import type { AuthService } from '../auth/auth-service.ts'
import type { PortalOrigins } from '../auth/csrf.ts'
import type { MembersService } from '../auth/members-service.ts'
import { accountRoutes, authRoutes } from '../auth/routes.ts'
import { conversationRoutes } from '../chat/routes.ts'
import type { Db } from '../db/index.ts'
import { AppError } from '../errors.ts'
import type { FactsService } from '../facts/facts-service.ts'
import { factsRoutes } from '../facts/routes.ts'
import { inventoryRoutes } from '../inventory/routes.ts'
import type { JobQueues } from '../jobs/queues.ts'
import type { DocumentService } from '../knowledge/documents.ts'
import { knowledgeRoutes } from '../knowledge/routes.ts'
import type { SearchService } from '../knowledge/search.ts'
import { leadRoutes } from '../leads/routes.ts'
import { webhookRoutes } from '../leads/webhook-routes.ts'
import type { RateLimiter } from '../limits/rate-limiter.ts'
import type { Logger } from '../logger.ts'
import type { Metrics } from '../metrics/metrics.ts'
import { metricsRoutes } from '../metrics/routes.ts'
import type { SecretBox } from '../secrets/secret-box.ts'
import type { KeyService } from '../tenants/keys.ts'
import type { ProviderOverrides } from '../tenants/provider-overrides.ts'
import { providerRoutes } from '../tenants/provider-routes.ts'
import { keyRoutes } from '../tenants/routes.ts'
import { widgetSettingsRoutes } from '../widget-settings/routes.ts'
import type { WidgetSettingsService } from '../widget-settings/widget-settings.ts'
import { apiReferenceRoutes } from './api-reference.ts'
import { clientAddress } from './client-address.ts'
import type { AppEnv } from './env.ts'
import { handleError, validationHook } from './errors.ts'
import { healthRoutes, type Readiness } from './health.ts'
import { portalRoutes } from './portal-assets.ts'
import { redactUrl } from './redact-url.ts'
import { requestLog } from './request-log.ts'
import { type SiteOptions, siteRoutes } from './site.ts'
import { type AccessTokenVerifier, v1Auth } from './v1-auth.ts'
import { widgetRoutes } from './widget-assets.ts'

export interface AppDeps {
  log: Logger
  db: Db
  /** Where read-only queries go (a replica, with DATABASE_READ_URL); `db` when unset. */
  readDb?: Db | undefined
  keys: KeyService
  /** How each dealership's widget looks and greets. */
  widgetSettings: WidgetSettingsService
  /** Dealership facts (hours, phones, staff…), and what to tell when staff correct them. */
  facts: { facts: FactsService; changed(tenantId: string): void }
  /** Portal members' access tokens, accepted on `/v1` beside secret keys. */
  accessTokens?: AccessTokenVerifier | undefined
  /** Portal accounts: `/v1/auth` (public) and the member routes (`/v1/me`, `/v1/members`…). */
  auth?: { service: AuthService; members: MembersService; origins: PortalOrigins } | undefined
  documents: DocumentService
  search: SearchService
  readiness: Readiness
  requestLimiter: RateLimiter
  authFailureLimiter: RateLimiter
  trustProxyHops: number
  limits: { uploadBytes: number; jsonBytes: number }
  /** A static site served at `/` (the demo dealership site). */
  site?: SiteOptions | undefined
  /** The built portal, served at `/portal/` (a "not built" page without it). */
  portalDist?: string | undefined
  /** The built widget, served at `/widget/`. */
  widgetDist?: string | undefined
  /** Prometheus metrics, served at `/metrics` (behind `token` when one is set). */
  metrics: { metrics: Metrics; token: string | undefined }
  /** When tracing is on: a span per request, named by its route. */
  tracer?: Tracer | undefined
  /** Dealerships' own provider settings, and what to tell when one changes. */
  providers: { overrides: ProviderOverrides; changed(tenantId: string): void }
  /** Background jobs: the lead webhook settings and the failed deliveries view. */
  jobs: { queues: JobQueues; allowPrivateUrls: boolean; box?: SecretBox | undefined }
}

/**
 * The HTTP application: request ids and logs, health, the `/v1` API behind secret-key auth, and
 * the static site. Every error, from any layer, leaves through {@link handleError}.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  app.use(requestId())
  if (deps.tracer) {
    app.use(httpInstrumentationMiddleware({ tracer: deps.tracer }))
    // @hono/otel records url.full as is and has no option against it: overwritten on its span
    // (the active one here) before the span ends and is exported.
    app.use(async (c, next) => {
      trace.getActiveSpan()?.setAttribute(ATTR_URL_FULL, redactUrl(c.req.url))
      await next()
    })
  }
  app.use(requestLog(deps.log))
  app.use(deps.metrics.metrics.httpMiddleware)
  app.onError(handleError)
  app.notFound(() => {
    throw new AppError('not_found', 'Not found.')
  })

  app.route('/', healthRoutes(deps.readiness))
  app.route('/', metricsRoutes(deps.metrics.metrics, deps.metrics.token))
  // Generated from the same schemas that validate the routes.
  app.doc31('/v1/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'AvatarAdam API',
      version: '1',
      description:
        "A dealership's back office: documents, keys, conversations and leads. Authenticate with `Authorization: Bearer sk_…` (a secret key), or with a portal member's access token from `/v1/auth/login`.",
    },
    security: [{ secretKey: [] }],
  })
  app.route('/', apiReferenceRoutes())
  app.openAPIRegistry.registerComponent('securitySchemes', 'secretKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A secret key (sk_live_… or sk_test_…)',
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'accessToken', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description:
      "A portal member's access token (POST /v1/auth/login), good for 10 minutes; renewed with POST /v1/auth/refresh",
  })
  app.use('/v1/*', clientAddress(deps.trustProxyHops))
  // Before the `/v1` middleware: signing in needs no Bearer.
  if (deps.auth) {
    app.route(
      '/v1',
      authRoutes({
        auth: deps.auth.service,
        origins: deps.auth.origins,
        jsonBytes: deps.limits.jsonBytes,
      }),
    )
  }

  const v1 = new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
  v1.use(secureHeaders())
  v1.use(
    v1Auth({
      keys: deps.keys,
      accessTokens: deps.accessTokens,
      requestLimiter: deps.requestLimiter,
      authFailureLimiter: deps.authFailureLimiter,
    }),
  )
  v1.use(async (c, next) => {
    // Uploads carry their own, larger limit.
    if (c.req.method === 'POST' && c.req.path === '/v1/documents') return next()
    return bodyLimit({
      maxSize: deps.limits.jsonBytes,
      onError: () => {
        throw new AppError(
          'payload_too_large',
          `Request bodies can be at most ${deps.limits.jsonBytes} bytes.`,
        )
      },
    })(c, next)
  })
  v1.route('/', knowledgeRoutes(deps.documents, deps.search, deps.limits))
  v1.route('/', keyRoutes(deps.keys))
  v1.route('/', conversationRoutes(deps.readDb ?? deps.db))
  v1.route('/', analyticsRoutes(deps.readDb ?? deps.db))
  v1.route('/', leadRoutes(deps.db))
  v1.route(
    '/',
    webhookRoutes(deps.db, deps.jobs.queues, {
      allowPrivateUrls: deps.jobs.allowPrivateUrls,
      box: deps.jobs.box,
    }),
  )
  v1.route('/', widgetSettingsRoutes(deps.widgetSettings))
  v1.route('/', factsRoutes(deps.facts))
  v1.route('/', inventoryRoutes(deps.readDb ?? deps.db))
  v1.route('/', providerRoutes(deps.providers.overrides, deps.providers.changed))
  if (deps.auth) {
    v1.route(
      '/',
      accountRoutes({
        db: deps.db,
        auth: deps.auth.service,
        members: deps.auth.members,
        origins: deps.auth.origins,
      }),
    )
  }
  app.route('/v1', v1)

  if (deps.widgetDist) app.route('/', widgetRoutes(deps.widgetDist))
  app.route('/', portalRoutes(deps.portalDist))
  if (deps.site) app.route('/', siteRoutes(deps.site))
  return app
}
