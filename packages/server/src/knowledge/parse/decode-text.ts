import { DocumentParseError } from './types.ts'

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes the bytes of a text file. UTF-8 (with or without BOM) and BOM-marked UTF-16 are read as
 * such; anything else falls back to Windows-1252, the encoding of legacy Excel and dealer-system
 * exports, rather than rejecting a whole file over one accented letter.
 * Throws DocumentParseError for binary content.
 *
 * @example
 * decodeText(new TextEncoder().encode('Hours')) // 'Hours'
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes)
  if (bytes.indexOf(0) !== -1) {
    throw new DocumentParseError('The file is not a text file: it contains binary data.')
  }
  try {
    return utf8.decode(bytes)
  } catch {
    return new TextDecoder('windows-1252').decode(bytes)
  }
}
