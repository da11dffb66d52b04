import type { HTMLElement, Node } from 'node-html-parser'
import type { Block } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

type TableBlock = Extract<Block, { type: 'table' }>

/**
 * Reads a data table. The header is the first row when it is made of `<th>` cells (or sits in
 * `<thead>`); failing that, the first row of a table of three or more columns when it reads like
 * column names. Otherwise the header is empty, which chunking renders as plain key–value rows.
 */
export function tableBlock(table: HTMLElement, textOf: (node: Node) => string): TableBlock | null {
  const rows = ownRows(table).map((row) => ({
    headerRow: row.parentNode?.rawTagName?.toLowerCase() === 'thead' || allHeaderCells(row),
    cells: cellsOf(row).map((cell) => collapseWhitespace(textOf(cell))),
  }))
  const filled = rows.filter((row) => row.cells.some(Boolean))
  const [first, ...rest] = filled
  if (!first) return null
  if (first.headerRow) return { type: 'table', header: first.cells, rows: rest.map((r) => r.cells) }
  if (rest.length > 0 && first.cells.length >= 3 && readsLikeColumnNames(first.cells)) {
    return { type: 'table', header: first.cells, rows: rest.map((r) => r.cells) }
  }
  return { type: 'table', header: [], rows: filled.map((r) => r.cells) }
}

// Rows of this table only, not of a table nested in one of its cells.
function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = []
  const visit = (element: HTMLElement) => {
    for (const child of element.children) {
      const tag = child.rawTagName?.toLowerCase()
      if (tag === 'tr') rows.push(child)
      else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') visit(child)
    }
  }
  visit(table)
  return rows
}

function cellsOf(row: HTMLElement): HTMLElement[] {
  return row.children.filter((cell) => /^t[dh]$/i.test(cell.rawTagName ?? ''))
}

function allHeaderCells(row: HTMLElement): boolean {
  const cells = cellsOf(row)
  return cells.length > 0 && cells.every((cell) => cell.rawTagName?.toLowerCase() === 'th')
}

function readsLikeColumnNames(cells: string[]): boolean {
  const distinct = new Set(cells.map((cell) => cell.toLowerCase()))
  return (
    distinct.size === cells.length &&
    cells.every((cell) => cell !== '' && cell.length <= 40 && !/^[$€£]?\s*[\d.,%\s-]+$/.test(cell))
  )
}
