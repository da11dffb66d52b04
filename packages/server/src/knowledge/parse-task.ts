import { emptyFacts } from '../facts/empty.ts'
import { type ExtractedFacts, extractFacts } from '../facts/extract/index.ts'
import { type InventoryFeed, readInventory } from '../inventory/read-inventory.ts'
import { fold } from '../language/fold.ts'
import { chunkDocument } from './chunk.ts'
import { parseDocument } from './parse/index.ts'
import { type ChunkDraft, DocumentParseError, type ParseInput } from './parse/types.ts'

/** What reading a document gives: its passages, its vehicles (a feed), and the facts it states. */
export interface ParsedContent {
  title: string | null
  chunks: ChunkDraft[]
  inventory: InventoryFeed | null
  facts: ExtractedFacts
  /** The distinct words of its passages and vehicles, for correcting visitors' spelling. */
  words: string[]
}

export type ParseTaskResult = ({ ok: true } & ParsedContent) | { ok: false; message: string }

const MAX_WORDS = 20_000

/** The distinct words (three letters or more, folded) of some texts. */
function wordsOf(texts: readonly string[]): string[] {
  const words = new Set<string>()
  for (const text of texts) {
    for (const word of fold(text).match(/\p{L}{3,}/gu) ?? []) {
      words.add(word)
      if (words.size >= MAX_WORDS) return [...words]
    }
  }
  return [...words]
}

/**
 * Parse a document, then read it three ways: passages to retrieve, vehicles if it is an
 * inventory feed, and the dealership facts it states. Runs on a worker thread (see
 * parser-pool.ts); an unreadable file comes back as a value, because an error's class does not
 * survive the trip between threads.
 */
export default async function parseTask(input: ParseInput): Promise<ParseTaskResult> {
  try {
    const parsed = await parseDocument(input)
    const inventory = parsed.sheet ? readInventory(parsed.sheet) : null
    // A spreadsheet that is not an inventory (a price list) is read as a table.
    const document =
      parsed.sheet && !inventory
        ? { ...parsed, blocks: [{ type: 'table' as const, ...parsed.sheet }] }
        : parsed
    if (inventory && inventory.vehicles.length === 0) {
      throw new DocumentParseError('The inventory feed has a header row but no vehicles.')
    }
    const chunks = chunkDocument(document)
    return {
      ok: true,
      title: parsed.title,
      chunks,
      inventory,
      facts: inventory ? emptyFacts() : extractFacts(document),
      words: wordsOf([
        ...chunks.flatMap((chunk) => [chunk.heading ?? '', chunk.content]),
        ...(inventory?.vehicles ?? []).flatMap((v) => [
          v.make ?? '',
          v.model ?? '',
          v.trim ?? '',
          v.exteriorColor ?? '',
          ...v.features,
        ]),
      ]),
    }
  } catch (err) {
    if (err instanceof DocumentParseError) return { ok: false, message: err.message }
    throw err
  }
}
