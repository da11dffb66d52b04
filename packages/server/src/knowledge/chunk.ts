import { createPacker, splitText } from './chunk-text.ts'
import type { Block, ChunkDraft, ParsedDocument } from './parse/types.ts'
import { collapseWhitespace, normalizeLines } from './parse/whitespace.ts'

export interface ChunkOptions {
  /** Longest chunk content in characters; longer paragraphs are split at sentences. */
  maxChars?: number
}

const defaults = { maxChars: 1000 } satisfies Required<ChunkOptions>
const MIN_MAX_CHARS = 100
const HEADING_SEPARATOR = ' › '

/**
 * Cuts a parsed document into chunks that follow its structure. Each chunk is headed by its
 * section path ("Service › Hours", null above the first heading) and never spans two sections;
 * paragraphs, list items ("- item") and table rows ("Header: value; Header: value") of a section
 * are packed together up to `maxChars`. Inventory feeds are not chunked: their vehicles are rows.
 *
 * @example
 * const chunks = chunkDocument(await parseDocument({ bytes, kind: 'markdown' }), { maxChars: 800 })
 */
export function chunkDocument(doc: ParsedDocument, options: ChunkOptions = {}): ChunkDraft[] {
  const { maxChars } = { ...defaults, ...options } satisfies Required<ChunkOptions>
  if (!Number.isInteger(maxChars) || maxChars < MIN_MAX_CHARS) {
    throw new RangeError(`maxChars must be an integer of at least ${MIN_MAX_CHARS}.`)
  }
  const chunks: ChunkDraft[] = []
  const path: { level: number; text: string }[] = []
  const heading = () => (path.length ? path.map((h) => h.text).join(HEADING_SEPARATOR) : null)
  const packer = createPacker(maxChars, (content) => chunks.push({ heading: heading(), content }))
  // Lines of one list or table sit on consecutive lines; blocks are set apart by a blank line.
  const addLines = (lines: string[], prefix = '') => {
    lines.forEach((line, i) => {
      splitText(line, maxChars - prefix.length).forEach((piece, j) => {
        packer.add(j === 0 ? prefix + piece : piece, i === 0 && j === 0 ? '\n\n' : '\n')
      })
    })
  }

  for (const block of doc.blocks) {
    switch (block.type) {
      case 'heading': {
        const text = collapseWhitespace(block.text)
        if (!text) break
        packer.flush()
        while (path.length > 0 && path.at(-1)!.level >= block.level) path.pop()
        path.push({ level: block.level, text })
        break
      }
      case 'paragraph':
        for (const piece of splitText(normalizeLines(block.text), maxChars)) {
          packer.add(piece, '\n\n')
        }
        break
      case 'list':
        addLines(block.items.map(collapseWhitespace).filter(Boolean), '- ')
        break
      case 'table':
        addLines(tableLines(block))
        break
    }
  }
  packer.flush()
  return chunks
}

function tableLines(table: Extract<Block, { type: 'table' }>): string[] {
  const header = table.header.map(collapseWhitespace)
  return table.rows
    .map((row) => {
      const cells = row.map((cell, i) => ({
        name: header[i] ?? '',
        value: collapseWhitespace(cell),
      }))
      const filled = cells.filter((cell) => cell.value !== '')
      // A headerless two-column table is a list of labels and values ("Monday | 8am–6pm").
      if (header.length === 0 && filled.length === 2) {
        return `${filled[0]!.value}: ${filled[1]!.value}`
      }
      return filled.map(({ name, value }) => (name ? `${name}: ${value}` : value)).join('; ')
    })
    .filter(Boolean)
}
