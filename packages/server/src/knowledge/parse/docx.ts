import mammoth from 'mammoth'
import { htmlToDocument } from './html.ts'
import type { ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'

// Word's own Title style is not in Mammoth's default map but is how most documents start.
const STYLE_MAP = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"]

// Images are dropped rather than inlined as base64, which would only bloat the HTML we parse.
const dropImages = mammoth.images.imgElement(async () => ({ src: '' }))

/**
 * Reads a Word (.docx) document by converting it to HTML with Mammoth, which keeps headings,
 * lists and tables, then reading that HTML.
 *
 * @example
 * const doc = await parseDocx(new Uint8Array(await readFile('warranty.docx')))
 */
export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    html = (
      await mammoth.convertToHtml({ buffer }, { styleMap: STYLE_MAP, convertImage: dropImages })
    ).value
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DocumentParseError(
      `The Word document could not be read; it may not be a .docx file: ${reason}`,
      { cause: error },
    )
  }
  return htmlToDocument(html)
}
