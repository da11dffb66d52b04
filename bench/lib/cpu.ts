import { readFile } from 'node:fs/promises'

/** Clock ticks per second of /proc times (USER_HZ), 100 on Linux. */
const TICKS_PER_SECOND = 100

/** CPU milliseconds a process has used, from /proc; 0 if it is gone. */
export async function processCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name (which may hold spaces): utime is the 14th, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000
  } catch {
    return 0
  }
}

/** Busy and total CPU milliseconds of the whole machine (all cores), from /proc/stat. */
export async function machineCpuMs(): Promise<{ busy: number; total: number }> {
  const [line] = (await readFile('/proc/stat', 'utf8')).split('\n')
  const ticks = line!.trim().split(/\s+/).slice(1).map(Number)
  const total = ticks.reduce((a, b) => a + b, 0)
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0)
  const toMs = (t: number) => (t / TICKS_PER_SECOND) * 1000
  return { busy: toMs(total - idle), total: toMs(total) }
}

export type CpuSources = Record<string, () => Promise<number>>

/**
 * Where the CPU went during a window: each source's CPU time as a share of one core, plus how busy
 * the whole machine was (other people's work included). On a 2-core machine shared with others,
 * this says whether a figure is bound by the server, the database, the load generator or the box.
 */
export function cpuWindow(sources: CpuSources) {
  const snapshot = async () => {
    const entries = await Promise.all(
      Object.entries(sources).map(async ([name, read]) => [name, await read()] as const),
    )
    return {
      at: performance.now(),
      values: Object.fromEntries(entries),
      machine: await machineCpuMs(),
    }
  }
  let first: Awaited<ReturnType<typeof snapshot>> | undefined
  return {
    async start() {
      first = await snapshot()
    },
    /** Percent of one core per source, and the machine's busy percent of all cores. */
    async stop(): Promise<Record<string, number>> {
      const last = await snapshot()
      const elapsed = last.at - first!.at
      const shares: Record<string, number> = {}
      for (const name of Object.keys(sources)) {
        shares[name] = (100 * ((last.values[name] ?? 0) - (first!.values[name] ?? 0))) / elapsed
      }
      const busy = last.machine.busy - first!.machine.busy
      shares.machine = (100 * busy) / (last.machine.total - first!.machine.total || 1)
      return shares
    },
  }
}

/** One line for a note: "server 96%, postgres 41%, load 38% of a core; machine 99% busy". */
export function describeCpu(shares: Record<string, number>): string {
  const { machine, ...rest } = shares
  const parts = Object.entries(rest).map(([name, pct]) => `${name} ${pct.toFixed(0)}%`)
  return `CPU: ${parts.join(', ')} of one core; machine ${machine?.toFixed(0)}% busy (all cores)`
}
