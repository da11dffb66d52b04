import { type ChildProcess, fork } from 'node:child_process'

type Handler = (args: never) => unknown
type Request = { id: number; op: string; args: unknown }
type Response = { id: number; result?: unknown; error?: string }
type Ready = { ready: unknown } | { failed: string }

/** A forked bench process (a server under test or a load generator) driven over IPC. */
export interface Child<Info> {
  info: Info
  pid: number
  call<T = unknown>(op: string, args?: unknown): Promise<T>
  /** Asks the child to shut down cleanly (closing its server, deleting its data), then waits. */
  stop(): Promise<void>
}

/**
 * Forks `file` with Node (the same binary, so Node 22 with type stripping) and waits for it to
 * report ready. Separate processes keep the load generator and the server under test off each
 * other's event loop, which a same-process benchmark would silently share.
 */
export function startChild<Info>(
  file: URL,
  options: { args?: unknown; execArgv?: string[] } = {},
): Promise<Child<Info>> {
  const child = fork(file, [JSON.stringify(options.args ?? {})], {
    execArgv: options.execArgv ?? [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>()
  let nextId = 1
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  child.on('exit', (code, signal) => {
    for (const { reject } of pending.values()) {
      reject(new Error(`bench child ${file.pathname} exited (${code ?? signal})`))
    }
    pending.clear()
  })
  child.on('message', (message: Response | Ready) => {
    if (!('id' in message)) return
    const waiter = pending.get(message.id)
    pending.delete(message.id)
    if (message.error !== undefined) waiter?.reject(new Error(message.error))
    else waiter?.resolve(message.result)
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) =>
      reject(new Error(`${file.pathname} exited before ready (${code})`)),
    )
    child.once('message', (message: Ready) => {
      if ('failed' in message) return reject(new Error(message.failed))
      resolve(control(child, message.ready as Info, pending, () => nextId++, exited))
    })
  })
}

function control<Info>(
  child: ChildProcess,
  info: Info,
  pending: Map<number, { resolve(v: unknown): void; reject(e: Error): void }>,
  newId: () => number,
  exited: Promise<void>,
): Child<Info> {
  const call = <T>(op: string, args?: unknown) =>
    new Promise<T>((resolve, reject) => {
      const id = newId()
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
      child.send({ id, op, args } satisfies Request)
    })
  return {
    info,
    pid: child.pid!,
    call,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      const grace = new Promise((resolve) => setTimeout(resolve, 30_000).unref())
      await Promise.race([call('stop').catch(() => {}), grace])
      await Promise.race([exited, grace])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** CPU time this process has used, in milliseconds; every child answers `cpu`. */
const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

/**
 * The child's side: reports `ready` with `info`, then answers each request with its handler's
 * result. `stop` runs the given handler, answers, and exits the process.
 */
export async function serveChild<Args>(
  setup: (args: Args) => Promise<{ info: unknown; handlers: Record<string, Handler> }>,
): Promise<void> {
  const send = (message: Response | Ready) =>
    new Promise<void>((resolve) => process.send!(message, undefined, {}, () => resolve()))
  let started: Awaited<ReturnType<typeof setup>>
  try {
    started = await setup(JSON.parse(process.argv[2] ?? '{}') as Args)
  } catch (err) {
    await send({ failed: err instanceof Error ? (err.stack ?? err.message) : String(err) })
    process.exit(1)
  }
  const { handlers } = started
  process.on('message', async ({ id, op, args }: Request) => {
    try {
      const handler = op === 'cpu' ? cpuMs : handlers[op]
      if (!handler && op !== 'stop') throw new Error(`unknown op ${op}`)
      const result = await handler?.(args as never)
      await send({ id, result })
      if (op === 'stop') process.exit(0)
    } catch (err) {
      await send({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) })
    }
  })
  // Without the parent there is nobody to answer to; leave rather than linger.
  process.on('disconnect', () => process.exit(0))
  await send({ ready: started.info })
}
