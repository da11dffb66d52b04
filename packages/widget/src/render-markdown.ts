import { html, type TemplateResult } from 'lit'
import { type Block, type Inline, parseMarkdown } from './markdown.ts'

/**
 * An answer as Lit templates. Text only ever lands in text nodes and `href` only holds an
 * http(s) URL, so this needs no sanitiser and no `unsafeHTML`.
 */
export function renderMarkdown(source: string): TemplateResult[] {
  return parseMarkdown(source).map(renderBlock)
}

function renderBlock(block: Block): TemplateResult {
  if (block.kind === 'p') return html`<p>${block.children.map(renderInline)}</p>`
  return html`<ul>${block.items.map((item) => html`<li>${item.map(renderInline)}</li>`)}</ul>`
}

function renderInline(node: Inline): TemplateResult | string {
  switch (node.kind) {
    case 'text':
      return node.text
    case 'br':
      return html`<br />`
    case 'strong':
      return html`<strong>${node.children.map(renderInline)}</strong>`
    case 'em':
      return html`<em>${node.children.map(renderInline)}</em>`
    case 'link':
      return html`<a href=${node.href} target="_blank" rel="noopener noreferrer nofollow"
        >${node.children.map(renderInline)}</a
      >`
  }
}
