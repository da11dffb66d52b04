import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Piscina } from 'piscina'
import { DocumentParseError, type ParseInput } from './parse/types.ts'
import type { ParsedContent, ParseTaskResult } from './parse-task.ts'

export interface DocumentParser {
  /**
   * Parses a document off the main thread into passages, vehicles and facts. Throws DocumentParseError for a file that
   * cannot be read, takes longer than the time limit, or needs more memory than allowed.
   */
  parse(input: ParseInput, signal?: AbortSignal): Promise<ParsedContent>
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
export function createParserPool(options: {
  threads: number
  /** Longest a single document may take to parse. */
  timeoutMs?: number
  /** Heap a parsing thread may use (a zip bomb disguised as DOCX stops here). */
  maxMemoryMb?: number
}): DocumentParser {
  const timeoutMs = options.timeoutMs ?? 60_000
  const pool = new Piscina({
    filename: TASK_FILE,
    minThreads: 0,
    maxThreads: options.threads,
    idleTimeout: 30_000,
    resourceLimits: { maxOldGenerationSizeMb: options.maxMemoryMb ?? 512 },
  })
  return {
    async parse(input, signal) {
      const timeout = AbortSignal.timeout(timeoutMs)
      let result: ParseTaskResult
      try {
        result = (await pool.run(input, {
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        })) as ParseTaskResult
      } catch (err) {
        // A stop requested by the caller is theirs to handle; the rest is about this file.
        if (signal?.aborted) throw err
        if (timeout.aborted) {
          throw new DocumentParseError(
            `The document took longer than ${Math.round(timeoutMs / 1000)} s to read; split it into smaller files.`,
          )
        }
        if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') {
          throw new DocumentParseError('The document is too large or complex to read.')
        }
        throw err
      }
      if (!result.ok) throw new DocumentParseError(result.message)
      const { ok: _ok, ...content } = result
      return content
    },
    close: () => pool.close({ force: true }),
  }
}
