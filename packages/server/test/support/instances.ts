import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { connect, createServer, type Server, type Socket } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { RunningServer } from '../../src/server.ts'
import { eventually } from './chat.ts'

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url))

/** A free loopback port (closed again, so a child can take it). */
export async function freePort(): Promise<number> {
  const server = createServer()
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** An `avataradam` CLI process run from source, with what it printed so far. */
export interface CliProcess {
  process: ChildProcess
  output(): string
  /** Whether it is still running (it has not crashed). */
  alive(): boolean
  stop(): Promise<void>
}

export function spawnCli(command: string, env: Record<string, string>): CliProcess {
  const child = spawn(process.execPath, ['--conditions=source', '--no-warnings', CLI, command], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (d) => {
    output += d
  })
  child.stderr?.on('data', (d) => {
    output += d
  })
  return {
    process: child,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}

/** A `serve` process: resolves once its banner names the port it listens on. */
export async function spawnServe(
  env: Record<string, string>,
): Promise<CliProcess & { url: string; server: RunningServer }> {
  const cli = spawnCli('serve', { PORT: '0', HOST: '127.0.0.1', ...env })
  const port = await eventually(async () => {
    if (!cli.alive()) throw new Error(`serve exited:\n${cli.output()}`)
    return cli.output().match(/AvatarAdam is running on http:\/\/[^:]+:(\d+)/)?.[1]
  }, 60_000)
  const url = `http://127.0.0.1:${port}`
  // The test helpers (api, visitorClient…) only need the address.
  return { ...cli, url, server: { url } as RunningServer }
}

/**
 * A private `redis-server` on a port of its own, which a test may stop and start again (the
 * machine's shared Redis is other tests'). Nothing is persisted: a restart starts empty.
 */
export async function startRedis(port?: number) {
  const redisPort = port ?? (await freePort())
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'ignore'] },
    )
    let out = ''
    child.stdout?.on('data', (d) => {
      out += d
    })
    await eventually(async () => out.includes('Ready to accept connections'), 10_000)
  }
  await start()
  return {
    url: `redis://127.0.0.1:${redisPort}`,
    /** Kills it at once, as a crash would. */
    async kill() {
      if (!child || child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGKILL')
      await exited
    },
    start,
  }
}

/**
 * A TCP proxy in front of PostgreSQL. `cut()` plays a database restart: every connection through
 * it is dropped and new ones are refused (closed on arrival) until `restore()`. `connections`
 * counts the connections it ever accepted; `sent()` is what clients sent through it (the SQL of
 * each statement is in there as text), as latin1.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const open = new Set<Socket>()
  let down = false
  let connections = 0
  let sent = ''
  const server: Server = createServer((client) => {
    if (down) {
      client.destroy()
      return
    }
    connections++
    const upstream = connect(target.port, target.host)
    open.add(client).add(upstream)
    for (const s of [client, upstream]) {
      s.on('error', () => {})
      s.on('close', () => {
        open.delete(s)
        client.destroy()
        upstream.destroy()
      })
    }
    client.on('data', (d: Buffer) => {
      sent += d.toString('latin1')
    })
    client.pipe(upstream).pipe(client)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  return {
    port,
    get connections() {
      return connections
    },
    sent: () => sent,
    cut() {
      down = true
      for (const s of open) s.destroy()
    },
    restore() {
      down = false
    },
    async close() {
      for (const s of open) s.destroy()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
