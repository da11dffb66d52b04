import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { Redis } from 'ioredis'
import { Server } from 'socket.io'
import type { RealtimeServer } from './types.ts'

export interface RealtimeOptions {
  maxPacketBytes: number
  /** Fan-out across instances through Redis Streams, which keeps connection state recovery working. */
  redis?: Redis | undefined
}

/**
 * Socket.io on the HTTP server Hono already listens on. Origins are checked per key in the
 * handshake, so CORS here reflects any origin and the handshake decides.
 */
export function createRealtimeServer(http: HttpServer, options: RealtimeOptions): RealtimeServer {
  const io: RealtimeServer = new Server(http, {
    serveClient: false,
    cors: { origin: true, credentials: false },
    maxHttpBufferSize: options.maxPacketBytes,
    // A visitor whose connection drops briefly gets the events it missed, in order, on reconnect.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
    ...(options.redis ? { adapter: createAdapter(options.redis) } : {}),
  })
  if (options.redis) localWhileUnreachable(io, options.redis)
  return io
}

/**
 * While Redis is unreachable, broadcasts go to this instance's sockets only, at once. The adapter
 * would otherwise hold each one until Redis answers (its client queues commands while
 * reconnecting), and a visitor's answer would stall for as long as the outage lasts. Other
 * instances' sockets miss what is said meanwhile; their clients catch up from the history.
 */
function localWhileUnreachable(io: RealtimeServer, redis: Redis): void {
  const adapter = io.of('/').adapter
  const broadcast = adapter.broadcast.bind(adapter)
  adapter.broadcast = (packet, opts) =>
    broadcast(
      packet,
      redis.status === 'ready' ? opts : { ...opts, flags: { ...opts.flags, local: true } },
    )
}

/**
 * Resolves once every broadcast made so far has been handed to the local connections. With the
 * Redis Streams adapter a broadcast first waits for Redis (to get its recovery offset); shutdown
 * waits on this so the last events of a finished answer are not dropped with the connection.
 */
export function trackBroadcasts(io: RealtimeServer): () => Promise<void> {
  const adapter = io.of('/').adapter
  const broadcast = adapter.broadcast.bind(adapter)
  const pending = new Set<Promise<unknown>>()
  adapter.broadcast = (packet, opts) => {
    const done = Promise.resolve(broadcast(packet, opts))
    pending.add(done)
    void done.finally(() => pending.delete(done))
  }
  return async () => {
    while (pending.size > 0) await Promise.allSettled([...pending])
  }
}
