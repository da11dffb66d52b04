import type { DocumentKind } from '@avataradam/sdk/protocol'
import { parseCsv } from './csv.ts'
import { parseDocx } from './docx.ts'
import { parseHtml } from './html.ts'
import { parseMarkdown } from './markdown.ts'
import { removeNoise } from './noise.ts'
import { parsePdf } from './pdf.ts'
import { parseText } from './text.ts'
import type { ParsedDocument, ParseInput } from './types.ts'
import { DocumentParseError } from './types.ts'
import { parseXlsx } from './xlsx.ts'

export { type DetectKindInput, detectKind } from './detect-kind.ts'
export type { Block, ChunkDraft, ParsedDocument, ParseInput } from './types.ts'
export { DocumentParseError } from './types.ts'

const PARSERS: Record<DocumentKind, (bytes: Uint8Array) => Promise<ParsedDocument>> = {
  text: parseText,
  markdown: parseMarkdown,
  html: parseHtml,
  pdf: parsePdf,
  docx: parseDocx,
  csv: parseCsv,
  xlsx: parseXlsx,
}

const LABELS: Record<DocumentKind, string> = {
  text: 'text file',
  markdown: 'Markdown file',
  html: 'HTML page',
  pdf: 'PDF',
  docx: 'Word document',
  csv: 'CSV file',
  xlsx: 'Excel workbook',
}

/**
 * Parses a document of a known kind into headings, paragraphs, lists, tables and vehicles.
 * Every failure, whatever library raised it, surfaces as a DocumentParseError whose message can
 * be shown to the dealership as is.
 *
 * @example
 * const doc = await parseDocument({ bytes, kind: 'markdown', filename: 'service.md' })
 */
export async function parseDocument(input: ParseInput): Promise<ParsedDocument> {
  const parser = PARSERS[input.kind]
  if (!parser) throw new DocumentParseError(`Documents of kind "${input.kind}" are not supported.`)
  try {
    return removeNoise(await parser(input.bytes))
  } catch (error) {
    if (error instanceof DocumentParseError) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw new DocumentParseError(`The ${LABELS[input.kind]} could not be read: ${reason}`, {
      cause: error,
    })
  }
}
