import { Lexer, type Token, type Tokens } from 'marked'
import { parse as parseHtmlTree } from 'node-html-parser'
import { decodeText } from './decode-text.ts'
import { firstHeading, toParsedDocument } from './document.ts'
import { htmlToBlocks } from './html.ts'
import { inlineSourceText } from './markdown-inline.ts'
import type { Block, ParsedDocument } from './types.ts'
import { collapseWhitespace, normalizeLines } from './whitespace.ts'

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/

/**
 * Reads a Markdown file with marked's lexer: headings, paragraphs, lists, tables, block quotes
 * and code; inline formatting is reduced to its text. A YAML front matter `title:` wins as title.
 *
 * @example
 * const doc = await parseMarkdown(new TextEncoder().encode('# Service\n\nOpen Saturdays.'))
 */
export async function parseMarkdown(bytes: Uint8Array): Promise<ParsedDocument> {
  const source = decodeText(bytes)
  // Front matter would otherwise lex as a rule followed by a setext heading.
  const frontMatter = FRONT_MATTER.exec(source)
  const body = frontMatter ? source.slice(frontMatter[0].length) : source
  // What Lexer.lex does, minus lexing the inline text of every block up front: inlineSourceText
  // does that only where there is markup. Link definitions still land in lexer.tokens.links.
  const lexer = new Lexer()
  const tokens = lexer.blockTokens(body.replace(/\r\n?/g, '\n'), lexer.tokens)
  lexer.inlineQueue = []
  const blocks = tokensToBlocks(tokens, (text) => inlineSourceText(lexer, text))
  return toParsedDocument(frontMatterTitle(frontMatter?.[1]) ?? firstHeading(blocks), blocks)
}

type Inline = (source: string) => string

function tokensToBlocks(tokens: readonly Token[], inline: Inline): Block[] {
  const blocks: Block[] = []
  for (const token of tokens) {
    switch (token.type) {
      case 'heading': {
        const text = collapseWhitespace(inline(token.text))
        if (text) blocks.push({ type: 'heading', level: (token as Tokens.Heading).depth, text })
        break
      }
      case 'paragraph':
      case 'text':
      case 'code': {
        const text = normalizeLines(token.type === 'code' ? token.text : inline(token.text))
        if (text) blocks.push({ type: 'paragraph', text })
        break
      }
      case 'list': {
        const items = listItems(token as Tokens.List, inline)
        if (items.length > 0) blocks.push({ type: 'list', items })
        break
      }
      case 'table': {
        const table = token as Tokens.Table
        const cell = (c: Tokens.TableCell) => collapseWhitespace(inline(c.text))
        blocks.push({
          type: 'table',
          header: table.header.map(cell),
          rows: table.rows.map((row) => row.map(cell)),
        })
        break
      }
      case 'blockquote':
        blocks.push(...tokensToBlocks((token as Tokens.Blockquote).tokens, inline))
        break
      case 'html':
        blocks.push(...htmlToBlocks(parseHtmlTree(token.text, { comment: false })))
        break
      default:
        // space, hr and link definitions carry no text of their own.
        break
    }
  }
  return blocks
}

// Nested lists are flattened after their parent item: chunks render lists one level deep.
function listItems(list: Tokens.List, inline: Inline): string[] {
  const items: string[] = []
  for (const item of list.items) {
    const own: string[] = []
    const nested: Tokens.List[] = []
    for (const token of item.tokens) {
      if (token.type === 'list') nested.push(token as Tokens.List)
      else if (token.type === 'text' || token.type === 'paragraph') own.push(inline(token.text))
    }
    const text = collapseWhitespace(own.join(' '))
    if (text) items.push(text)
    for (const sublist of nested) items.push(...listItems(sublist, inline))
  }
  return items
}

function frontMatterTitle(yaml: string | undefined): string | null {
  const match = yaml && /^title:[ \t]*(.+)$/m.exec(yaml)
  return match ? collapseWhitespace(match[1]!.replace(/^(["'])(.*)\1$/, '$2')) || null : null
}
