import { extractTextItems, getDocumentProxy, getMeta } from 'unpdf'
import { firstHeading, toParsedDocument } from './document.ts'
import { pdfItemsToBlocks } from './pdf-layout.ts'
import type { ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>

/**
 * Reads the text of a PDF page by page, rebuilding lines, paragraphs, bullet lists and headings
 * (by font size) from where the text sits. The title is the PDF's metadata Title when it has one.
 *
 * @example
 * const doc = await parsePdf(new Uint8Array(await readFile('service-menu.pdf')))
 */
export async function parsePdf(bytes: Uint8Array): Promise<ParsedDocument> {
  let pdf: PdfDocument
  try {
    // PDF.js may take ownership of the buffer it is given, so it gets a copy.
    pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 })
  } catch (error) {
    throw pdfError(error)
  }
  try {
    const [meta, { items }] = await Promise.all([getMeta(pdf), extractTextItems(pdf)])
    const blocks = pdfItemsToBlocks(items)
    return toParsedDocument(
      metadataTitle(meta.info) ?? firstHeading(blocks),
      blocks,
      'The PDF contains no selectable text; it may be a scanned image.',
    )
  } catch (error) {
    throw error instanceof DocumentParseError ? error : pdfError(error)
  } finally {
    await pdf.destroy().catch(() => {})
  }
}

function pdfError(error: unknown): DocumentParseError {
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') {
    return new DocumentParseError('The PDF is password-protected.', { cause: error })
  }
  const reason = error instanceof Error ? error.message : String(error)
  return new DocumentParseError(`The PDF could not be read: ${reason}`, { cause: error })
}

// Word and other tools stamp file names or placeholders into Title; those are no title at all.
function metadataTitle(info: Record<string, unknown>): string | null {
  const raw = typeof info.Title === 'string' ? collapseWhitespace(info.Title) : ''
  const title = raw.replace(/^Microsoft (?:Word|PowerPoint) - /i, '')
  if (!title || /^untitled\b/i.test(title) || /\.(docx?|pdf|pptx?|xlsx?)$/i.test(title)) return null
  return title
}
