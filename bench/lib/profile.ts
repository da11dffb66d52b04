import { writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

/** One line of a profile summary: where CPU time was spent, by self time. */
export interface CostLine {
  what: string
  selfPercent: number
}

/**
 * Starts the V8 sampling profiler inside this process (the server child), so a profile covers
 * exactly one measured cell rather than the whole run the way `--cpu-prof` would.
 */
export async function startProfiler(): Promise<{ stop(file: string): Promise<ProfileSummary> }> {
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop')
      session.disconnect()
      await writeFile(file, JSON.stringify(profile))
      return summarizeProfile(profile as CpuProfile)
    },
  }
}

export interface ProfileSummary {
  /** Top functions by self time. */
  functions: CostLine[]
  /** Self time grouped by package or source folder, which says which layer to look at. */
  areas: CostLine[]
}

function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native/builtin)'
  if (url.startsWith('wasm://')) return 'wasm (PGlite)'
  const modules = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)
  if (modules) return modules[1]!
  const source = url.match(/packages\/server\/src\/([^/]+(?:\/[^/]+)?)\//)
  if (source) return `server/${source[1]}`
  if (url.startsWith('node:')) return url.split('/')[0]!
  return path.basename(url)
}

/** Self time per function and per area, as percentages of all samples. */
export function summarizeProfile(profile: CpuProfile, top = 12): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const selfTime = new Map<number, number>()
  profile.samples.forEach((id, i) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0))
  })
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0) || 1
  const functions = new Map<string, number>()
  const areas = new Map<string, number>()
  for (const [id, time] of selfTime) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const file = url.replace(/^.*\/(node_modules|packages)\//, '$1/')
    const name = `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`
    functions.set(name.trim(), (functions.get(name.trim()) ?? 0) + time)
    const area = areaOf(url, functionName)
    areas.set(area, (areas.get(area) ?? 0) + time)
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([what, time]) => ({ what, selfPercent: (100 * time) / total }))
  return { functions: rank(functions), areas: rank(areas) }
}

/** The slice of a bench child that can profile itself. */
interface Profilable {
  call<T>(op: string, args?: unknown): Promise<T>
}

/**
 * Runs `work` with the server child's CPU profiler on, writes `<resultsDir>/<name>.cpuprofile`
 * (open it in Chrome DevTools or speedscope) and returns the summary plus a one-line digest.
 * Profiling slows the server, so callers profile an extra, unreported run.
 */
export async function profiled(
  server: Profilable,
  resultsDir: string,
  name: string,
  work: () => Promise<unknown>,
): Promise<{ summary: ProfileSummary; digest: string }> {
  const file = path.join(resultsDir, `${name}.cpuprofile`)
  await server.call('profileStart')
  const failure = await work().then(
    () => undefined,
    (err: unknown) => err ?? new Error('profiled work failed'),
  )
  // Stopped even when the work failed, so the child is not left profiling.
  const summary = await server.call<ProfileSummary>('profileStop', { file })
  if (failure) throw failure
  const areas = summary.areas
    .slice(0, 8)
    .map((a) => `${a.what} ${a.selfPercent.toFixed(0)}%`)
    .join(', ')
  const functions = summary.functions
    .slice(0, 5)
    .map((f) => `${f.what} ${f.selfPercent.toFixed(0)}%`)
    .join('; ')
  return {
    summary,
    digest:
      `${name}: server CPU by area: ${areas}. Top functions: ${functions} ` +
      `(bench/results/${name}.cpuprofile)`,
  }
}
