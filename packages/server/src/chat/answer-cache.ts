import { createHash } from 'node:crypto'
import type { Citation, PageContext } from '@avataradam/sdk/protocol'
import type { Redis } from 'ioredis'
import { LRUCache } from 'lru-cache'
import type { SearchStatistics } from '../knowledge/search-statistics.ts'
import type { Logger } from '../logger.ts'
import type { StoredContext } from './messages-repo.ts'

/** An answer as it was stored, to serve again. */
export interface CachedAnswer {
  text: string
  citations: Citation[]
  /** Its buttons, language and what it was about, stored with it again. */
  context?: StoredContext | null | undefined
}

/** What a lookup saw, to be handed back when storing the answer it had to compute. */
export interface CacheLookup {
  key: string
  hit: CachedAnswer | undefined
  /** The tenant's knowledge generation at lookup; a store made after a change is dropped. */
  generation: string
}

/**
 * Answers to questions already asked, per dealership and per version of its knowledge. Any change
 * to a dealership's documents (or its model) invalidates all of its entries at once.
 */
export interface AnswerCache {
  readonly kind: 'redis' | 'memory'
  lookup(tenantId: string, question: string, page: PageContext | null): Promise<CacheLookup>
  store(tenantId: string, lookup: CacheLookup, answer: CachedAnswer): Promise<void>
  invalidate(tenantId: string): Promise<void>
}

/**
 * The question as the cache sees it: case, accents, punctuation and spacing do not make a new
 * question ("When are you open?" and "when are you open" are one).
 */
export function normalizeQuestion(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/** The page matters when it names a vehicle ("how many miles does it have?"). */
function vehicleOf(page: PageContext | null): string {
  const v = page?.vehicle
  if (!v) return ''
  return JSON.stringify([v.vin, v.stockNumber, v.year, v.make, v.model, v.trim, v.price, v.url])
}

function keyFor(question: string, page: PageContext | null): string {
  return createHash('sha256')
    .update(normalizeQuestion(question))
    .update('\u0000')
    .update(vehicleOf(page))
    .digest('base64url')
}

const genKey = (tenantId: string) => `avataradam:answers:gen:${tenantId}`
const entryKey = (tenantId: string, generation: string, key: string) =>
  `avataradam:answers:${tenantId}:${generation}:${key}`

// Scripts: one command each, atomic, and nothing left pending should the connection drop.
// The generation and the entry under it, read together: no invalidation can fall in between.
const LOOKUP = `
local gen = redis.call('GET', KEYS[1]) or '0'
local prefix = string.sub(ARGV[1], 1, -2)
return { gen, redis.call('GET', prefix .. gen .. ':' .. ARGV[2]) or '' }
`

// Stores only if the tenant's generation is still the one seen at lookup: an answer computed
// from documents that changed meanwhile is not kept.
const STORE_IF_CURRENT = `
local gen = redis.call('GET', KEYS[1]) or '0'
if gen ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`

/**
 * The cache in Redis, shared by every instance: one key per answer, under the tenant's current
 * generation, each expiring `ttlSeconds` after it was stored. Invalidating bumps the generation:
 * older entries can no longer be reached and expire on their own.
 */
export function createRedisAnswerCache(redis: Redis, options: { ttlSeconds: number }): AnswerCache {
  return {
    kind: 'redis',
    async lookup(tenantId, question, page) {
      const key = keyFor(question, page)
      const [generation, raw] = (await redis.eval(
        LOOKUP,
        1,
        genKey(tenantId),
        entryKey(tenantId, '', ''),
        key,
      )) as [string, string]
      return { key, generation, hit: raw ? (JSON.parse(raw) as CachedAnswer) : undefined }
    },
    async store(tenantId, lookup, answer) {
      await redis.eval(
        STORE_IF_CURRENT,
        2,
        genKey(tenantId),
        entryKey(tenantId, lookup.generation, lookup.key),
        lookup.generation,
        JSON.stringify(answer),
        options.ttlSeconds,
      )
    },
    async invalidate(tenantId) {
      await redis.incr(genKey(tenantId))
    },
  }
}

/** The cache in this process (embedded mode: one process owns the database). */
export function createMemoryAnswerCache(options: {
  ttlSeconds: number
  maxEntries?: number
}): AnswerCache {
  const entries = new LRUCache<string, CachedAnswer>({
    max: options.maxEntries ?? 10_000,
    ttl: options.ttlSeconds * 1000,
  })
  const generations = new Map<string, number>()
  const gen = (tenantId: string) => String(generations.get(tenantId) ?? 0)
  const slot = (tenantId: string, generation: string, key: string) =>
    `${tenantId}:${generation}:${key}`
  return {
    kind: 'memory',
    async lookup(tenantId, question, page) {
      const key = keyFor(question, page)
      const generation = gen(tenantId)
      return { key, generation, hit: entries.get(slot(tenantId, generation, key)) }
    },
    async store(tenantId, lookup, answer) {
      if (lookup.generation !== gen(tenantId)) return
      entries.set(slot(tenantId, lookup.generation, lookup.key), answer)
    },
    async invalidate(tenantId) {
      // Entries of older generations can no longer be reached; the LRU lets them go.
      generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1)
    },
  }
}

/**
 * Tells the cache a dealership's knowledge changed, and keeps telling it until it has heard:
 * an invalidation lost while Redis is away would let stale answers out once it is back.
 */
export function createCacheInvalidator(
  cache: AnswerCache,
  options: { retryMs?: number; onError?: (err: unknown) => void } = {},
) {
  const pending = new Set<string>()
  let timer: NodeJS.Timeout | undefined
  const retry = () => {
    timer = undefined
    for (const tenantId of [...pending]) invalidate(tenantId)
  }
  function invalidate(tenantId: string) {
    pending.add(tenantId)
    cache.invalidate(tenantId).then(
      () => pending.delete(tenantId),
      (err: unknown) => {
        options.onError?.(err)
        timer ??= setTimeout(retry, options.retryMs ?? 1000)
        timer.unref()
      },
    )
  }
  return {
    invalidate,
    stop() {
      clearTimeout(timer)
    },
  }
}

/**
 * The cache the configuration gives: in Redis when there is one (shared by every instance), in
 * the process for the embedded database (one process owns it), and none for PostgreSQL without
 * Redis, where another instance could change the documents unseen.
 */
export function answerCacheFromConfig(
  config: { answerCacheTtlSeconds: number; database: { kind: 'pglite' | 'postgres' } },
  redis: Redis | undefined,
): AnswerCache | undefined {
  const ttlSeconds = config.answerCacheTtlSeconds
  if (ttlSeconds === 0) return undefined
  if (redis) return createRedisAnswerCache(redis, { ttlSeconds })
  return config.database.kind === 'pglite' ? createMemoryAnswerCache({ ttlSeconds }) : undefined
}

/**
 * The statistics the ingestion worker tells of changes, also dropping the dealership's cached
 * answers: whatever changes its knowledge makes them stale.
 */
export function invalidatingAnswers(
  statistics: SearchStatistics,
  cache: AnswerCache | undefined,
  log: Logger,
): SearchStatistics & { invalidate(tenantId: string): void } {
  const invalidator = cache
    ? createCacheInvalidator(cache, {
        onError: (err) => log.warn({ err }, 'could not invalidate cached answers; retrying'),
      })
    : undefined
  return {
    changed(tenantId) {
      statistics.changed(tenantId)
      invalidator?.invalidate(tenantId)
    },
    invalidate(tenantId) {
      invalidator?.invalidate(tenantId)
    },
    stop() {
      statistics.stop()
      invalidator?.stop()
    },
  }
}
