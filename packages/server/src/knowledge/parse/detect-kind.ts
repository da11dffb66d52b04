import type { DocumentKind } from '@avataradam/sdk/protocol'
import { zipEntryNames } from './zip-entries.ts'

export interface DetectKindInput {
  filename?: string | null | undefined
  contentType?: string | null | undefined
  bytes: Uint8Array
}

const EXTENSIONS: Record<string, DocumentKind> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  csv: 'csv',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
}

const CONTENT_TYPES: Record<string, DocumentKind> = {
  'text/plain': 'text',
  'text/markdown': 'markdown',
  'text/x-markdown': 'markdown',
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/comma-separated-values': 'csv',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
}

// Readers accept junk before the header as long as it sits within the first 1024 bytes.
const PDF_HEADER_WINDOW = 1024
const TEXT_SNIFF_BYTES = 8192
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d] // %PDF-
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04] // PK\x03\x04

/**
 * Decides which kind of document an upload is, or null when it is none we can read. The bytes
 * win over the name: a PDF or DOCX is recognised by its signature whatever it is called, and a
 * file claimed (by extension, else content type) to be PDF or DOCX without that signature is
 * refused (an XLSX likewise), as is a claimed text file whose first 8 KB are not UTF-8 text. Only that much is
 * inspected (plus a DOCX's central directory), so it is cheap on a 25 MB upload.
 *
 * @example
 * detectKind({ filename: 'inventory.csv', bytes }) // 'csv'
 */
export function detectKind(input: DetectKindInput): DocumentKind | null {
  const { bytes } = input
  if (startsWith(bytes, PDF_MAGIC)) return 'pdf'
  if (startsWith(bytes, ZIP_MAGIC)) {
    const entries = zipEntryNames(bytes)
    if (entries?.includes('word/document.xml')) return 'docx'
    return entries?.includes('xl/workbook.xml') ? 'xlsx' : null
  }
  const claimed = kindFromFilename(input.filename) ?? kindFromContentType(input.contentType)
  if (claimed === 'pdf') {
    // Only for a claimed PDF: a text file merely mentioning "%PDF-" must stay text.
    const window = bytes.subarray(0, PDF_HEADER_WINDOW)
    return indexOfSequence(window, PDF_MAGIC) === -1 ? null : 'pdf'
  }
  if (claimed === null || claimed === 'docx' || claimed === 'xlsx') return null
  return looksLikeText(bytes) ? claimed : null
}

function kindFromFilename(filename: string | null | undefined): DocumentKind | null {
  const dot = filename?.lastIndexOf('.') ?? -1
  if (!filename || dot === -1) return null
  return EXTENSIONS[filename.slice(dot + 1).toLowerCase()] ?? null
}

function kindFromContentType(contentType: string | null | undefined): DocumentKind | null {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase()
  return (essence && CONTENT_TYPES[essence]) || null
}

function looksLikeText(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return true
  }
  const sample = bytes.subarray(0, TEXT_SNIFF_BYTES)
  if (sample.indexOf(0) !== -1) return false
  try {
    // Streaming mode tolerates a character cut in half at the end of the sample.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true })
    return true
  } catch {
    return false
  }
}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte)
}

function indexOfSequence(bytes: Uint8Array, sequence: readonly number[]): number {
  for (let i = bytes.indexOf(sequence[0]!); i !== -1; i = bytes.indexOf(sequence[0]!, i + 1)) {
    if (sequence.every((byte, j) => bytes[i + j] === byte)) return i
  }
  return -1
}
