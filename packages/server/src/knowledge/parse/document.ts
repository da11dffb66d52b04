import type { Block, ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

/**
 * Builds the parse result, refusing a document with nothing to index: an empty upload should be
 * reported to the dealership, not stored as a document no answer can ever cite.
 *
 * @example
 * toParsedDocument(null, [{ type: 'paragraph', text: 'Open Saturdays.' }])
 */
export function toParsedDocument(
  title: string | null,
  blocks: Block[],
  emptyMessage = 'The document contains no text.',
): ParsedDocument {
  if (blocks.length === 0) throw new DocumentParseError(emptyMessage)
  return { title: (title && collapseWhitespace(title)) || null, blocks }
}

/** The text of the first heading at `level`, a common stand-in for a document's title. */
export function firstHeading(blocks: readonly Block[], level = 1): string | null {
  for (const block of blocks) {
    if (block.type === 'heading' && block.level === level) return block.text
  }
  return null
}
