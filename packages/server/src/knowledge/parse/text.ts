import { decodeText } from './decode-text.ts'
import { toParsedDocument } from './document.ts'
import { listItemText } from './list-marker.ts'
import type { Block, ParsedDocument } from './types.ts'
import { collapseWhitespace } from './whitespace.ts'

/**
 * Reads a plain-text file: paragraphs are separated by blank lines, "- item" lines become lists,
 * and a short heading-like line followed by text becomes a heading.
 *
 * @example
 * const doc = await parseText(new TextEncoder().encode('SERVICE\n\nOpen Saturdays.'))
 */
export async function parseText(bytes: Uint8Array): Promise<ParsedDocument> {
  const blocks = textToBlocks(decodeText(bytes))
  const first = blocks[0]
  return toParsedDocument(first?.type === 'heading' ? first.text : null, blocks)
}

/** Splits plain text into headings, paragraphs and lists. */
export function textToBlocks(text: string): Block[] {
  const sections = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\f\v]*\n|\f/)
    .map((section) => section.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0)
  const blocks: Block[] = []
  sections.forEach((lines, i) => {
    const heading = headingOf(lines)
    // A heading must head something: a last line of the file stays a paragraph.
    if (heading && (heading.lines < lines.length || i < sections.length - 1)) {
      blocks.push({ type: 'heading', level: heading.level, text: heading.text })
      blocks.push(...linesToBlocks(lines.slice(heading.lines)))
    } else {
      blocks.push(...linesToBlocks(lines))
    }
  })
  return blocks
}

// Rules such as "-----" or "*****" separate sections visually and carry no text.
const SEPARATOR = /^\s*([-=*_~#])\1{2,}\s*$/

function linesToBlocks(lines: string[]): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  // Each item as its lines, joined once when the list ends (joining per line is quadratic).
  let items: string[][] = []
  const flushParagraph = () => {
    const text = collapseWhitespace(paragraph.join(' '))
    if (text) blocks.push({ type: 'paragraph', text })
    paragraph = []
  }
  const flushList = () => {
    if (items.length > 0) {
      blocks.push({
        type: 'list',
        items: items.map((lines) => collapseWhitespace(lines.join(' '))),
      })
    }
    items = []
  }
  for (const line of lines) {
    if (SEPARATOR.test(line)) continue
    const item = listItemText(line)
    if (item !== null) {
      flushParagraph()
      items.push([item])
    } else if (items.length > 0 && /^\s/.test(line)) {
      // An indented line continues the list item above it.
      items.at(-1)!.push(line)
    } else {
      flushList()
      paragraph.push(line)
    }
  }
  flushParagraph()
  flushList()
  return blocks.filter((block) => block.type !== 'list' || block.items.some(Boolean))
}

interface FoundHeading {
  level: number
  text: string
  /** How many lines of the section the heading used. */
  lines: number
}

function headingOf(lines: string[]): FoundHeading | null {
  const [first = '', second = ''] = lines
  const atx = /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(first.trim())
  if (atx) return { level: atx[1]!.length, text: collapseWhitespace(atx[2]!), lines: 1 }
  const underline = /^\s*(=+|-+)\s*$/.exec(second)
  if (underline && underline[1]!.length >= 3 && isShortLine(first)) {
    const level = underline[1]!.startsWith('=') ? 1 : 2
    return { level, text: collapseWhitespace(first), lines: 2 }
  }
  const level = headingLevel(first)
  return level === null
    ? null
    : { level, text: collapseWhitespace(first).replace(/:$/, ''), lines: 1 }
}

const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  '&',
])

/**
 * 1 for an ALL-CAPS line, 2 for a Title Case line or a short one ending with a colon, null for
 * anything that reads like a sentence. Kept strict on purpose: a wrong heading mislabels every
 * chunk below it, a missed one only leaves a paragraph as it was.
 */
function headingLevel(line: string): number | null {
  const text = collapseWhitespace(line)
  if (!isShortLine(text) || listItemText(text) !== null || /[.!?,;]$/.test(text)) return null
  const body = text.replace(/:$/, '')
  // "Phone: 555-0100" is a labelled value, not a heading.
  if (body.includes(':')) return null
  const letters = body.replace(/[^\p{L}]/gu, '')
  if (letters.length < 2) return null
  if (letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return 1
  const words = body.split(' ')
  if (text.endsWith(':') && words.length <= 4) return 2
  return isTitleCase(words) ? 2 : null
}

function isTitleCase(words: string[]): boolean {
  let capitalised = 0
  let numeric = 0
  for (const word of words) {
    const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    if (bare === '') continue
    if (/\p{N}/u.test(bare)) numeric++
    else if (/^\p{Lu}/u.test(bare)) capitalised++
    else if (!SMALL_WORDS.has(bare.toLowerCase())) return false
  }
  // "Monday – Friday 8am – 6pm" is opening hours, not a section title.
  return capitalised > 0 && numeric <= 1
}

function isShortLine(line: string): boolean {
  const text = collapseWhitespace(line)
  return text.length > 0 && text.length <= 70 && text.split(' ').length <= 8
}
