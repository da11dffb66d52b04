import { parse } from 'csv-parse/sync'
import { decodeText } from './decode-text.ts'
import type { ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

const DELIMITERS = [',', ';', '\t', '|']

/**
 * Reads a CSV file (an inventory feed, usually): a header row naming the columns, then the rows.
 * Header names are kept as written (trimmed); fully empty rows are left out. The delimiter
 * (comma, semicolon, tab or pipe) is taken from the header line.
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
  return sheetDocument(records, 'CSV file')
}

/**
 * A spreadsheet's records as a document: the first non-empty row names the columns, the rest are
 * kept as they are (cells trimmed). Read later as an inventory feed or as a table.
 */
export function sheetDocument(records: string[][], label: string): ParsedDocument {
  const rows = records
    .map((record) => record.map(collapseWhitespace))
    .filter((record) => record.some((cell) => cell !== ''))
  const [headerRow, ...dataRows] = rows
  if (!headerRow) throw new DocumentParseError(`The ${label} is empty.`)
  const header = columnNames(headerRow, label)
  if (dataRows.length === 0) {
    throw new DocumentParseError(`The ${label} has a header row but no rows below it.`)
  }
  return { title: null, blocks: [], sheet: { header, rows: dataRows } }
}

function columnNames(headerRow: string[], label: string): string[] {
  const names = headerRow
  const looksLikeData = names.some(
    (name) => /^[$€£]?\s*\d[\d,.\s]*$/.test(name) || /^(?=.*\d)[A-HJ-NPR-Z0-9]{17}$/i.test(name),
  )
  if (looksLikeData || names.every((name) => name === '')) {
    throw new DocumentParseError(
      `The ${label} has no header row: its first line must name the columns (Year, Make, Model…).`,
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
