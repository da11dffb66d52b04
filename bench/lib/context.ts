import type { ServerPool } from './servers.ts'

export interface BenchOptions {
  /** Shorter windows and smaller sizes, for iterating on the bench itself. */
  quick: boolean
  /** Profile the server child during an extra, unreported cell and summarise the top costs. */
  profile: boolean
  /** Load processes that share the visitors of a high-concurrency cell. */
  clientProcesses: number
}

/** What every section gets from the runner. */
export interface BenchContext {
  options: BenchOptions
  servers: ServerPool
  /** Where profiles and other artefacts go (bench/results). */
  resultsDir: string
  /** Progress on stderr, so stdout holds only the tables. */
  progress(message: string): void
}
