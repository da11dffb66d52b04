import type { Redis } from 'ioredis'
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible'
import { AppError } from '../errors.ts'

/** Counts actions per key in a window and refuses those over the limit. */
export interface RateLimiter {
  /** Records one action for `key`; throws a `rate_limited` AppError (with retryAfter) when over. */
  consume(key: string): Promise<void>
  /** Throws `rate_limited` if `key` has used up its limit already, recording nothing. */
  check(key: string): Promise<void>
  /** Forgets `key`'s count (a successful sign-in clears that account's failures). */
  reset(key: string): Promise<void>
  /** Gives back one action counted by `consume` (counted up front, it turned out not to count). */
  refund(key: string): Promise<void>
}

export interface RateLimitOptions {
  /** Distinguishes this limit's counters from others' in a shared store. */
  name: string
  points: number
  durationSeconds: number
  /** Shared counters across instances; without it, counts are per process. */
  redis?: Redis | undefined
}

/**
 * A fixed-window rate limiter from rate-limiter-flexible: in memory, or in Redis with an in-memory
 * fallback that takes over while Redis is unreachable, so a Redis outage never blocks visitors.
 *
 * @example
 * ```ts
 * const perVisitor = createRateLimiter({ name: 'chat', points: 30, durationSeconds: 60 })
 * await perVisitor.consume(`${tenantId}:${visitorId}`)
 * ```
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const base: IRateLimiterOptions = {
    // A limit with other numbers counts apart: changing a limit starts its counters afresh.
    keyPrefix: `avataradam:rl:${options.name}:${options.points}/${options.durationSeconds}s`,
    points: options.points,
    duration: options.durationSeconds,
  }
  const memory = new RateLimiterMemory(base)
  const limiter = options.redis
    ? new RateLimiterRedis({ ...base, storeClient: options.redis, insuranceLimiter: memory })
    : memory
  const limited = (msBeforeNext: number) => {
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000))
    return new AppError('rate_limited', `Too many requests. Try again in ${retryAfter}s.`, {
      retryAfter,
    })
  }
  return {
    async consume(key) {
      try {
        await limiter.consume(key)
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw limited(rejection.msBeforeNext)
        throw rejection
      }
    },
    async check(key) {
      const state = await limiter.get(key).catch(() => null)
      // At the limit already: the next attempt is refused before it is tried.
      if (state && state.consumedPoints >= options.points) throw limited(state.msBeforeNext)
    },
    async reset(key) {
      await limiter.delete(key).catch(() => undefined)
    },
    async refund(key) {
      await limiter.reward(key, 1).catch(() => undefined)
    },
  }
}
