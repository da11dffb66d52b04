import type { DocumentKind } from '@avataradam/sdk/protocol'

/**
 * A document reduced to the structure chunking needs, whatever format it came in.
 * Headings carry their level so chunks can name the section they belong to.
 */
export type Block =
  | { type: 'heading'; level: number; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; header: string[]; rows: string[][] }

export interface ParsedDocument {
  /** A title found in the document itself (first heading, `<title>`, PDF metadata), if any. */
  title: string | null
  blocks: Block[]
  /**
   * A spreadsheet's rows (CSV, XLSX) under its header row: read as an inventory feed when its
   * columns name vehicles, else as a table.
   */
  sheet?: { header: string[]; rows: string[][] }
  /** Page furniture (an HTML footer): read for facts (hours, phones, address), never quoted. */
  furniture?: Block[]
}

export interface ParseInput {
  bytes: Uint8Array
  kind: DocumentKind
  filename?: string | undefined
}

/** A piece of a document, small enough to embed and to quote in an answer. */
export interface ChunkDraft {
  /** The section path it sits under, such as "Financing › Credit applications", or the vehicle's name. */
  heading: string | null
  content: string
}

/** Raised for a file that cannot be read as its kind (corrupt PDF, not a DOCX, empty file…). */
export class DocumentParseError extends Error {
  override name = 'DocumentParseError'
}
