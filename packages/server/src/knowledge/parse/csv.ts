import { parse } from 'csv-parse/sync'
import { decodeText } from './decode-text.ts'
import { toParsedDocument } from './document.ts'
import type { Block, ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

const DELIMITERS = [',', ';', '\t', '|']

/**
 * Reads a vehicle inventory feed: a header row naming the columns, then one vehicle per row.
 * Header names are kept as written (trimmed); empty cells and fully empty rows are left out.
 * The delimiter (comma, semicolon, tab or pipe) is taken from the header line.
 *
 * @example
 * const doc = await parseCsv(new TextEncoder().encode('Year,Make,Model\n2021,Toyota,RAV4'))
 */
export async function parseCsv(bytes: Uint8Array): Promise<ParsedDocument> {
  const text = decodeText(bytes)
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DocumentParseError(`The CSV file could not be read: ${reason}`, { cause: error })
  }
  const rows = records.filter((record) => record.some((cell) => cell.trim() !== ''))
  const [headerRow, ...dataRows] = rows
  if (!headerRow) throw new DocumentParseError('The CSV file is empty.')
  const header = columnNames(headerRow)
  const blocks: Block[] = dataRows.map((row) => ({
    type: 'vehicle',
    fields: fieldsOf(header, row),
  }))
  return toParsedDocument(
    null,
    blocks.filter((block) => block.type === 'vehicle' && Object.keys(block.fields).length > 0),
    'The CSV file has a header row but no vehicles.',
  )
}

function columnNames(headerRow: string[]): string[] {
  const names = headerRow.map(collapseWhitespace)
  const looksLikeData = names.some(
    (name) => /^[$€£]?\s*\d[\d,.\s]*$/.test(name) || /^(?=.*\d)[A-HJ-NPR-Z0-9]{17}$/i.test(name),
  )
  if (looksLikeData || names.every((name) => name === '')) {
    throw new DocumentParseError(
      'The CSV file has no header row: its first line must name the columns (Year, Make, Model…).',
    )
  }
  // Blank or repeated column names would lose values when rows become name → value fields.
  const seen = new Map<string, number>()
  return names.map((name, i) => {
    const base = name || `Column ${i + 1}`
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1
    seen.set(base.toLowerCase(), count)
    return count === 1 ? base : `${base} (${count})`
  })
}

function fieldsOf(header: string[], row: string[]): Record<string, string> {
  const fields: Record<string, string> = {}
  row.forEach((cell, i) => {
    const value = collapseWhitespace(cell)
    const name = header[i] ?? `Column ${i + 1}`
    if (value) fields[name] = value
  })
  return fields
}

// The header line decides: it is short, has no quoted commas in practice, and every feed has one.
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  let best = ','
  let bestCount = 0
  for (const delimiter of DELIMITERS) {
    const count = firstLine.split(delimiter).length - 1
    if (count > bestCount) [best, bestCount] = [delimiter, count]
  }
  return best
}
