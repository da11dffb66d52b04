import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { type ChunkDraft, DocumentParseError, type ParseInput } from './parse/types.ts'
import type { ParseTaskResult } from './parse-task.ts'

export interface DocumentParser {
  /** Parses and chunks a document off the main thread; throws DocumentParseError if unreadable. */
  parse(
    input: ParseInput,
    signal?: AbortSignal,
  ): Promise<{ title: string | null; chunks: ChunkDraft[] }>
  close(): Promise<void>
}

// The task file sits beside this one, as .ts when running from source and .js once built.
const TASK_FILE = new URL(
  `./parse-task${path.extname(fileURLToPath(import.meta.url))}`,
  import.meta.url,
).href

/**
 * Parsing a large PDF or HTML file is seconds of synchronous work; on worker threads it cannot
 * stall the chat of everyone else served by this process.
 */
export function createParserPool(options: { threads: number }): DocumentParser {
  const pool = new Piscina({
    filename: TASK_FILE,
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: 30_000,
  })
  return {
    async parse(input, signal) {
      const result = (await pool.run(input, { signal })) as ParseTaskResult
      if (!result.ok) throw new DocumentParseError(result.message)
      return { title: result.title, chunks: result.chunks }
    },
    close: () => pool.close({ force: true }),
  }
}
