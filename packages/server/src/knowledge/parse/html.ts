import { HTMLElement, type Node, parse, TextNode } from 'node-html-parser'
import { decodeText } from './decode-text.ts'
import { firstHeading, toParsedDocument } from './document.ts'
import { tableBlock } from './html-table.ts'
import type { Block, ParsedDocument } from './types.ts'
import { collapseWhitespace, normalizeLines } from './whitespace.ts'

// Page furniture and widgets: their text is menus, scripts and form labels, never answers.
// (Footers are kept apart: their hours, phones and address are facts, not passages.)
const SKIPPED = new Set([
  'script',
  'style',
  'nav',
  'noscript',
  'template',
  'svg',
  'head',
  'iframe',
  'object',
  'canvas',
  'form',
  'button',
  'select',
  'textarea',
])

const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'p',
  'pre',
  'section',
  'summary',
  'td',
  'th',
  'tr',
])

/**
 * Reads an HTML page: `<title>`, headings, paragraphs, lists and tables, without navigation,
 * scripts, styles, hidden text, or cookie banners. A footer's blocks are kept apart as
 * `furniture`: read for the dealership's facts (hours, phones, address), never quoted.
 *
 * @example
 * const doc = await parseHtml(new TextEncoder().encode('<h1>Service</h1><p>Open Saturdays.</p>'))
 */
export async function parseHtml(bytes: Uint8Array): Promise<ParsedDocument> {
  return htmlToDocument(decodeText(bytes))
}

/** Turns HTML markup into a document; the DOCX parser feeds it Mammoth's output. */
export function htmlToDocument(html: string): ParsedDocument {
  // The parser keeps declarations such as <!doctype html> as text. The bounded repetition keeps
  // this linear on hostile input ("<!a" repeated without a ">" would otherwise be quadratic).
  const root = parse(html.replace(/<![a-z][^<>]{0,500}>|<\?xml[^<>]{0,500}>/gi, ''), {
    comment: false,
  })
  const title = root.getElementsByTagName('title')[0]?.text ?? ''
  const furniture: Block[] = []
  for (const footer of root.querySelectorAll('footer')) {
    furniture.push(...htmlToBlocks(footer))
    footer.remove()
  }
  const blocks = htmlToBlocks(root)
  const doc = toParsedDocument(collapseWhitespace(title) || firstHeading(blocks), blocks)
  return furniture.length > 0 ? { ...doc, furniture } : doc
}

/** The blocks of a parsed HTML tree, in reading order. */
export function htmlToBlocks(root: HTMLElement): Block[] {
  const blocks: Block[] = []
  let inline = ''
  const flush = () => {
    const text = normalizeLines(inline)
    if (text) blocks.push({ type: 'paragraph', text })
    inline = ''
  }
  const visit = (node: Node): void => {
    if (node instanceof TextNode) {
      inline += node.text.replace(/\s+/g, ' ')
      return
    }
    if (!(node instanceof HTMLElement)) return
    const tag = node.rawTagName?.toLowerCase() ?? ''
    if (isSkipped(node, tag)) return
    const heading = /^h([1-6])$/.exec(tag)
    if (heading) {
      flush()
      const text = collapseWhitespace(inlineText(node))
      if (text) blocks.push({ type: 'heading', level: Number(heading[1]), text })
    } else if (tag === 'ul' || tag === 'ol') {
      flush()
      const items = listItems(node)
      if (items.length > 0) blocks.push({ type: 'list', items })
    } else if (tag === 'table' && !isLayoutTable(node)) {
      flush()
      const table = tableBlock(node, inlineText)
      if (table) blocks.push(table)
    } else if (tag === 'br') {
      inline += '\n'
    } else if (BLOCK_ELEMENTS.has(tag) || tag === 'table' || tag === 'tbody') {
      flush()
      node.childNodes.forEach(visit)
      flush()
    } else {
      node.childNodes.forEach(visit)
    }
  }
  visit(root)
  flush()
  return blocks
}

/** The visible text inside an element, with `<br>` kept as a line break. */
function inlineText(node: Node): string {
  if (node instanceof TextNode) return node.text.replace(/\s+/g, ' ')
  if (!(node instanceof HTMLElement)) return ''
  const tag = node.rawTagName?.toLowerCase() ?? ''
  if (isSkipped(node, tag)) return ''
  if (tag === 'br') return '\n'
  const text = node.childNodes.map(inlineText).join('')
  return BLOCK_ELEMENTS.has(tag) ? ` ${text} ` : text
}

// A nested list's items follow their parent item, flattened: chunks render lists one level deep.
function listItems(list: HTMLElement): string[] {
  const items: string[] = []
  for (const child of list.children) {
    if (child.rawTagName?.toLowerCase() !== 'li' || isSkipped(child, 'li')) continue
    const nested = child.children.filter((el) => /^(ul|ol)$/i.test(el.rawTagName ?? ''))
    const own = child.childNodes.filter((node) => !nested.includes(node as HTMLElement))
    const text = collapseWhitespace(own.map(inlineText).join(''))
    if (text) items.push(text)
    for (const sublist of nested) items.push(...listItems(sublist))
  }
  return items
}

const LAYOUT_CONTENT = /^(?:table|h[1-6]|ul|ol)$/i

// Tables used for page layout hold whole sections; reading them as data would garble them.
function isLayoutTable(table: HTMLElement): boolean {
  const holdsSections = (element: HTMLElement): boolean =>
    element.children.some((child) => LAYOUT_CONTENT.test(child.rawTagName) || holdsSections(child))
  return holdsSections(table)
}

// Text a visitor never sees is not the dealership's word (and is where injected instructions hide).
const HIDDEN_STYLE =
  /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|font-size\s*:\s*[01](?:\.\d+)?px|font-size\s*:\s*0)/i
// Consent banners: the same boilerplate on every page, and no answer to anything.
const CONSENT = /\b(?:cookie|consent|gdpr|onetrust|cookiebot|privacy-banner)/i

function isSkipped(element: HTMLElement, tag: string): boolean {
  return (
    SKIPPED.has(tag) ||
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    HIDDEN_STYLE.test(element.getAttribute('style') ?? '') ||
    CONSENT.test(`${element.id} ${element.getAttribute('class') ?? ''}`)
  )
}
