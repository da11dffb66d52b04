import type { Lexer, Token } from 'marked'
import { TextNode } from 'node-html-parser'

// Characters marked's inline lexer acts on: escapes, code, emphasis, strikethrough, links and
// images, HTML and autolinks, entities, e-mail autolinks.
const MARKUP_CHARACTER = /[\\`*_~[\]<&@]/

/**
 * The plain text of a Markdown inline source (a paragraph, heading or table cell): emphasis and
 * links reduced to their words, images to their alt text, HTML tags dropped, entities decoded,
 * hard breaks kept as line breaks and soft ones made spaces. Text without any markup skips the
 * inline lexer, which is half of marked's cost on a large file.
 *
 * @example
 * inlineSourceText(new Lexer(), '**Free** [car wash](/wash)') // 'Free car wash'
 */
export function inlineSourceText(lexer: Lexer, source: string): string {
  if (!hasInlineMarkup(source)) return source.replace(/\n/g, ' ')
  lexer.state.inRawBlock = false
  return inlineText(lexer.inlineTokens(source))
}

// Plain substring searches are far cheaper than one regular expression with alternatives.
function hasInlineMarkup(source: string): boolean {
  return (
    MARKUP_CHARACTER.test(source) ||
    source.includes('://') ||
    source.includes('www.') ||
    source.includes('  \n')
  )
}

function inlineText(tokens: readonly Token[]): string {
  let text = ''
  for (const token of tokens) {
    switch (token.type) {
      case 'br':
        text += '\n'
        break
      case 'html':
      case 'checkbox':
        break
      case 'codespan':
        text += token.text
        break
      case 'image':
        text += decodeEntities(token.text)
        break
      default: {
        const children = 'tokens' in token ? token.tokens : undefined
        // A soft line break is only where the author wrapped the source, not a break in the text.
        text += children ? inlineText(children) : decodeEntities(textOf(token)).replace(/\n/g, ' ')
      }
    }
  }
  return text
}

function textOf(token: Token): string {
  return 'text' in token && typeof token.text === 'string' ? token.text : ''
}

function decodeEntities(text: string): string {
  return text.includes('&') ? new TextNode(text).text : text
}
