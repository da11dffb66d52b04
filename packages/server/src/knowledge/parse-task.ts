import { chunkDocument } from './chunk.ts'
import { parseDocument } from './parse/index.ts'
import { type ChunkDraft, DocumentParseError, type ParseInput } from './parse/types.ts'

export type ParseTaskResult =
  | { ok: true; title: string | null; chunks: ChunkDraft[] }
  | { ok: false; message: string }

/**
 * Parse and chunk one document. Runs on a worker thread (see parser-pool.ts); an unreadable file
 * comes back as a value, because an error's class does not survive the trip between threads.
 */
export default async function parseTask(input: ParseInput): Promise<ParseTaskResult> {
  try {
    const parsed = await parseDocument(input)
    return { ok: true, title: parsed.title, chunks: chunkDocument(parsed) }
  } catch (err) {
    if (err instanceof DocumentParseError) return { ok: false, message: err.message }
    throw err
  }
}
