/**
 * The Markdown answers may use: paragraphs, line breaks, **bold**, *italic*, `- ` bullet lists and
 * http(s) links. Everything else stays text. The result is data, rendered by Lit as text nodes,
 * so nothing in an answer or a document can become markup.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'br' }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] }

export type Block = { kind: 'p'; children: Inline[] } | { kind: 'ul'; items: Inline[][] }

const BULLET = /^\s*[-*•]\s+/

/** Splits an answer into paragraphs and bullet lists. */
export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = []
  let lines: string[] = []
  let items: string[] = []
  const endParagraph = () => {
    if (lines.length > 0) blocks.push({ kind: 'p', children: inlineLines(lines) })
    lines = []
  }
  const endList = () => {
    if (items.length > 0) blocks.push({ kind: 'ul', items: items.map(parseInline) })
    items = []
  }
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    if (line.trim() === '') {
      endParagraph()
      endList()
    } else if (BULLET.test(line)) {
      endParagraph()
      items.push(line.replace(BULLET, ''))
    } else if (items.length > 0 && /^\s{2,}\S/.test(line)) {
      // An indented line continues the bullet above it.
      items[items.length - 1] += ` ${line.trim()}`
    } else {
      endList()
      lines.push(line.trim())
    }
  }
  endParagraph()
  endList()
  return blocks
}

function inlineLines(lines: string[]): Inline[] {
  return lines.flatMap((line, i) =>
    i === 0 ? parseInline(line) : [{ kind: 'br' as const }, ...parseInline(line)],
  )
}

// `[text](url)`: the URL may hold one level of parentheses (`…/Civic_(2021)`).
const LINK = /\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/
const STRONG = /\*\*(?=\S)(.+?)\*\*/
const EM = /\*(?=[^\s*])(.+?)\*/
const BARE_URL = /(https?:\/\/[^\s<>"'`]+)/
// Links first, so a `*` inside a URL is not emphasis.
const INLINE = new RegExp([LINK, STRONG, EM, BARE_URL].map((r) => r.source).join('|'), 'g')

/** Bold, italic and links within one line. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = []
  let last = 0
  for (const match of text.matchAll(INLINE)) {
    const [whole, linkText, linkHref, strong, em] = match
    let bare = match[5]
    let end = match.index + whole.length
    if (bare) {
      // "See https://x.com/a." — the full stop ends the sentence, not the URL.
      const trimmed = bare.replace(/[.,;:!?)\]]+$/, '')
      end -= bare.length - trimmed.length
      bare = trimmed
    }
    pushText(out, text.slice(last, match.index))
    last = end
    if (linkText !== undefined && linkHref !== undefined) {
      const href = safeHref(linkHref)
      const children = parseInline(linkText)
      if (href) out.push({ kind: 'link', href, children })
      else out.push(...children)
    } else if (strong !== undefined) {
      out.push({ kind: 'strong', children: parseInline(strong) })
    } else if (em !== undefined) {
      out.push({ kind: 'em', children: parseInline(em) })
    } else if (bare) {
      const href = safeHref(bare)
      if (href) out.push({ kind: 'link', href, children: [{ kind: 'text', text: bare }] })
      else pushText(out, bare)
    }
  }
  pushText(out, text.slice(last))
  return out
}

function pushText(out: Inline[], text: string): void {
  if (!text) return
  const previous = out.at(-1)
  if (previous?.kind === 'text') previous.text += text
  else out.push({ kind: 'text', text })
}

/** An absolute http(s) URL, normalised; anything else (`javascript:`, `data:`…) is refused. */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined
  } catch {
    return undefined
  }
}

/** The words of an answer without its markup: for speech and the screen-reader announcement. */
export function plainText(source: string): string {
  return parseMarkdown(source)
    .map((block) =>
      block.kind === 'p'
        ? inlineText(block.children)
        : block.items.map((item) => inlineText(item)).join('\n'),
    )
    .join('\n')
}

function inlineText(nodes: Inline[]): string {
  return nodes
    .map((node) => {
      if (node.kind === 'text') return node.text
      if (node.kind === 'br') return '\n'
      return inlineText(node.children)
    })
    .join('')
}
