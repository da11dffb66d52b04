import type { StructuredTextItem } from 'unpdf'
import { listItemText } from './list-marker.ts'
import type { Block } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

interface Line {
  text: string
  y: number
  fontSize: number
  /** Where the last text item ended, to tell adjacent items from spaced words. */
  right: number
}

/**
 * Rebuilds blocks from PDF.js text items, one array per page. Lines are joined into paragraphs
 * until a wider vertical gap or a change of font size; lines set clearly larger than the body
 * text become headings, the largest size level 1; bulleted lines become lists.
 */
export function pdfItemsToBlocks(pages: readonly StructuredTextItem[][]): Block[] {
  const linesByPage = withoutPageFurniture(pages.map(pageLines))
  const bodySize = dominantFontSize(linesByPage.flat())
  const headingSizes = [
    ...new Set(
      linesByPage
        .flat()
        .filter((line) => isHeadingLine(line, bodySize))
        .map((line) => roundSize(line.fontSize)),
    ),
  ].sort((a, b) => b - a)
  const blocks: Block[] = []
  for (const lines of linesByPage) {
    for (const group of paragraphGroups(lines)) {
      const first = group[0]!
      if (isHeadingLine(first, bodySize)) {
        const level = Math.min(headingSizes.indexOf(roundSize(first.fontSize)) + 1, 6)
        blocks.push({ type: 'heading', level, text: joinLines(group.map((line) => line.text)) })
      } else {
        blocks.push(...textBlocks(group.map((line) => line.text)))
      }
    }
  }
  return blocks
}

function pageLines(items: readonly StructuredTextItem[]): Line[] {
  const lines: Line[] = []
  let line: Line | null = null
  for (const item of items) {
    // PDF.js marks line ends with empty items whose position belongs to the next line.
    if (item.str === '') {
      if (item.hasEOL) line = null
      continue
    }
    if (line && Math.abs(item.y - line.y) > Math.max(line.fontSize, item.fontSize) / 2) line = null
    if (!line) {
      line = { text: '', y: item.y, fontSize: item.fontSize, right: item.x }
      lines.push(line)
    }
    const gap = item.x - line.right
    const spaced = /\s$/.test(line.text) || /^\s/.test(item.str)
    if (line.text && !spaced && gap > item.fontSize * 0.15) line.text += ' '
    line.text += item.str
    line.fontSize = Math.max(line.fontSize, item.fontSize)
    line.right = item.x + item.width
    if (item.hasEOL) line = null
  }
  return lines.filter((entry) => entry.text.trim() !== '')
}

const EDGE_LINES = 2

/**
 * Drops page numbers and the running header and footer repeated on most pages, which would
 * otherwise interrupt paragraphs and crowd every chunk with the same line.
 */
function withoutPageFurniture(pages: Line[][]): Line[][] {
  const key = (line: Line) => collapseWhitespace(line.text).replace(/\d+/g, '#')
  const edges = (lines: Line[]) =>
    new Set([...lines.slice(0, EDGE_LINES), ...lines.slice(-EDGE_LINES)].map(key))
  const pagesWith = new Map<string, number>()
  for (const lines of pages) {
    for (const k of edges(lines)) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1)
  }
  const repeated = (k: string) => pages.length >= 3 && (pagesWith.get(k) ?? 0) >= pages.length * 0.6
  return pages.map((lines) =>
    lines.filter((line, i) => {
      const atEdge = i < EDGE_LINES || i >= lines.length - EDGE_LINES
      return !atEdge || !(repeated(key(line)) || PAGE_NUMBER.test(collapseWhitespace(line.text)))
    }),
  )
}

const PAGE_NUMBER = /^(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i

function paragraphGroups(lines: Line[]): Line[][] {
  const gaps = lines.slice(1).map((line, i) => lines[i]!.y - line.y)
  const usual = median(gaps.filter((gap) => gap > 0))
  const groups: Line[][] = []
  let group: Line[] = []
  lines.forEach((line, i) => {
    const previous = lines[i - 1]
    const breaks =
      !previous ||
      roundSize(previous.fontSize) !== roundSize(line.fontSize) ||
      // A line above the previous one starts a new column or text box.
      gaps[i - 1]! <= 0 ||
      gaps[i - 1]! > Math.min(usual * 1.3, line.fontSize * 2) + 0.5
    if (breaks && group.length > 0) {
      groups.push(group)
      group = []
    }
    group.push(line)
  })
  if (group.length > 0) groups.push(group)
  return groups
}

function textBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let items: string[] = []
  const flushParagraph = () => {
    const text = joinLines(paragraph)
    if (text) blocks.push({ type: 'paragraph', text })
    paragraph = []
  }
  const flushList = () => {
    if (items.length > 0) blocks.push({ type: 'list', items: items.map(collapseWhitespace) })
    items = []
  }
  for (const line of lines) {
    const item = listItemText(line)
    if (item !== null) {
      flushParagraph()
      items.push(item)
    } else if (items.length > 0) {
      items[items.length - 1] = joinLines([items.at(-1)!, line])
    } else {
      paragraph.push(line)
    }
  }
  flushParagraph()
  flushList()
  return blocks
}

// Rejoins words hyphenated at a line end ("dealer-" + "ship") as well as ordinary wrapped lines.
function joinLines(lines: string[]): string {
  // Built as parts and joined once: testing the end of an ever-growing string on every line
  // would make long paragraphs quadratic.
  const parts: string[] = []
  for (const raw of lines) {
    const line = raw.trim()
    const last = parts.at(-1)
    if (last !== undefined && /\p{L}-$/u.test(last) && /^\p{Ll}/u.test(line)) {
      parts[parts.length - 1] = last.slice(0, -1) + line
    } else {
      parts.push(line)
    }
  }
  return collapseWhitespace(parts.join(' '))
}

function isHeadingLine(line: Line, bodySize: number): boolean {
  const text = collapseWhitespace(line.text)
  return (
    line.fontSize >= bodySize * 1.15 &&
    text.length <= 120 &&
    /\p{L}/u.test(text) &&
    listItemText(text) === null
  )
}

// The body text size is the one most characters are set in (the smaller one on a tie).
function dominantFontSize(lines: Line[]): number {
  const characters = new Map<number, number>()
  for (const line of lines) {
    const size = roundSize(line.fontSize)
    characters.set(size, (characters.get(size) ?? 0) + line.text.length)
  }
  let best = 0
  let bestCount = -1
  for (const [size, count] of characters) {
    if (count > bestCount || (count === bestCount && size < best)) [best, bestCount] = [size, count]
  }
  return best
}

function roundSize(size: number): number {
  return Math.round(size * 2) / 2
}

function median(values: number[]): number {
  if (values.length === 0) return Number.POSITIVE_INFINITY
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}
