import { CLIENT_EVENTS } from '@avataradam/sdk/protocol'
import { prometheus } from '@hono/prometheus'
import type { MiddlewareHandler } from 'hono'
import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry as PromRegistry,
  type Registry,
} from 'prom-client'

/** Turn stages timed from the moment a visitor's message is stored and claimed. */
export type TurnStage = 'retrieval' | 'first_token' | 'total'
export type TurnOutcome = 'done' | 'error' | 'abandoned'
export type IngestionOutcome = 'ready' | 'failed' | 'retried'

/** What the server reports to Prometheus. Every label takes a bounded set of values. */
export interface Metrics {
  readonly registry: Registry
  /** Counts and times HTTP requests by method, matched route pattern and status. */
  readonly httpMiddleware: MiddlewareHandler
  socketEvent(event: string): void
  turnStage(stage: TurnStage, seconds: number): void
  turnOutcome(outcome: TurnOutcome): void
  ingestion(outcome: IngestionOutcome): void
  /** A first question looked up in the answer cache. */
  answerCache(result: 'hit' | 'miss'): void
  providerError(capability: string, provider: string): void
  /** Counts the connected visitors at each scrape. */
  connectedVisitors(count: () => number): void
  /** Reads the ingestion queue's depth at each scrape. */
  queueDepth(read: () => Promise<{ queued: number; processing: number }>): void
  /** Reads the background queues' job counts (email, webhooks, ingestion) at each scrape. */
  jobCounts(read: () => Promise<Record<string, Record<string, number>>>): void
}

/** Socket.io events a client may send; anything else is counted as `other`. */
const KNOWN_EVENTS = new Set<string>(CLIENT_EVENTS)

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new PromRegistry()
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry })

  // HTTP metrics from Hono's own middleware: the route label is the matched route's pattern
  // (`/v1/documents/:id`), never the raw path, so it stays bounded.
  const { registerMetrics } = prometheus({ registry, prefix: 'avataradam_' })
  const socketEvents = new Counter({
    name: 'avataradam_socket_events_total',
    help: 'Socket.io events received from clients',
    labelNames: ['event'] as const,
    registers: [registry],
  })
  const turnDuration = new Histogram({
    name: 'avataradam_turn_duration_seconds',
    help: 'Chat turn latency by stage: retrieval, model first token (first words sent), total',
    labelNames: ['stage'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const turns = new Counter({
    name: 'avataradam_turns_total',
    help: 'Chat turns by outcome',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const ingestionJobs = new Counter({
    name: 'avataradam_ingestion_jobs_total',
    help: 'Documents processed by outcome (retried: interrupted or crashed, queued again)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const answerCache = new Counter({
    name: 'avataradam_answer_cache_total',
    help: 'First questions of conversations looked up in the answer cache, by result',
    labelNames: ['result'] as const,
    registers: [registry],
  })
  const providerErrors = new Counter({
    name: 'avataradam_provider_errors_total',
    help: 'Failed calls to external providers by capability and provider',
    labelNames: ['capability', 'provider'] as const,
    registers: [registry],
  })
  let countVisitors: () => number = () => 0
  new Gauge({
    name: 'avataradam_connected_visitors',
    help: 'Socket.io connections open on this instance',
    registers: [registry],
    collect() {
      this.set(countVisitors())
    },
  })
  let readDepth: (() => Promise<{ queued: number; processing: number }>) | undefined
  new Gauge({
    name: 'avataradam_ingestion_queue_depth',
    help: 'Documents waiting or being processed, across all instances',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      if (!readDepth) return
      // A scrape must not fail because the database is briefly away: the gauge keeps its value.
      const depth = await readDepth().catch(() => undefined)
      if (!depth) return
      this.set({ status: 'queued' }, depth.queued)
      this.set({ status: 'processing' }, depth.processing)
    },
  })

  let readJobs: (() => Promise<Record<string, Record<string, number>>>) | undefined
  new Gauge({
    name: 'avataradam_queue_jobs',
    help: 'Background jobs by queue (email, webhooks, ingestion) and state (waiting, active, delayed, failed); BullMQ counts are shared by all instances',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      if (!readJobs) return
      const counts = await readJobs().catch(() => undefined)
      if (!counts) return
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, value] of Object.entries(states)) this.set({ queue, state }, value)
      }
    },
  })

  return {
    registry,
    httpMiddleware: registerMetrics,
    socketEvent(event) {
      socketEvents.inc({ event: KNOWN_EVENTS.has(event) ? event : 'other' })
    },
    turnStage(stage, seconds) {
      turnDuration.observe({ stage }, seconds)
    },
    turnOutcome(outcome) {
      turns.inc({ outcome })
    },
    ingestion(outcome) {
      ingestionJobs.inc({ outcome })
    },
    answerCache(result) {
      answerCache.inc({ result })
    },
    providerError(capability, provider) {
      providerErrors.inc({ capability, provider })
    },
    connectedVisitors(count) {
      countVisitors = count
    },
    queueDepth(read) {
      readDepth = read
    },
    jobCounts(read) {
      readJobs = read
    },
  }
}
