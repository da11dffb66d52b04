import readXlsxFile from 'read-excel-file/node'
import { sheetDocument } from './csv.ts'
import type { ParsedDocument } from './types.ts'
import { DocumentParseError } from './types.ts'

/**
 * Reads the first sheet of an Excel workbook (.xlsx), as inventory exports often come: a header
 * row, then one vehicle per row. Numbers keep the digits Excel stored (27900, not "$27,900");
 * dates become `YYYY-MM-DD`.
 *
 * @example
 * const doc = await parseXlsx(new Uint8Array(await readFile('inventory.xlsx')))
 */
export async function parseXlsx(bytes: Uint8Array): Promise<ParsedDocument> {
  let data: unknown[][]
  try {
    // Numbers as the text Excel stored, so a price or a VIN never turns into 2.79e4.
    const sheets = await readXlsxFile<string>(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { parseNumber: (text) => text },
    )
    data = sheets[0]?.data ?? []
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new DocumentParseError(
      `The Excel workbook could not be read; it may not be an .xlsx file: ${reason}`,
      { cause: error },
    )
  }
  const records = data.map((row) => row.map(cellText))
  return sheetDocument(records, 'Excel workbook')
}

function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return ''
  if (cell instanceof Date) return cell.toISOString().slice(0, 10)
  return String(cell)
}
