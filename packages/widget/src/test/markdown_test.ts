/// <reference types="mocha" />
import { aTimeout, expect } from '@open-wc/testing'
import { render } from 'lit'
import { parseInline, plainText, safeHref } from '../markdown.ts'
import { renderMarkdown } from '../render-markdown.ts'

function rendered(source: string): HTMLElement {
  const container = document.createElement('div')
  render(renderMarkdown(source), container)
  return container
}

const elementsIn = (container: HTMLElement) =>
  [...container.querySelectorAll('*')].map((e) => e.localName)

describe('markdown answers', () => {
  let alerts = 0
  const realAlert = window.alert
  beforeEach(() => {
    alerts = 0
    window.alert = () => {
      alerts++
    }
  })
  afterEach(() => {
    window.alert = realAlert
  })

  it('keeps <img onerror> as inert text', async () => {
    const container = rendered('Look <img src=x onerror=alert(1)> here')
    document.body.append(container)
    await aTimeout(50)
    expect(container.querySelector('img')).to.equal(null)
    expect(container.textContent).to.equal('Look <img src=x onerror=alert(1)> here')
    expect(alerts).to.equal(0)
    container.remove()
  })

  it('keeps <script> and other tags as text', () => {
    const container = rendered('<script>alert(1)</script><iframe src=x></iframe><style>*{}</style>')
    expect(elementsIn(container)).to.deep.equal(['p'])
    expect(container.textContent).to.contain('<script>alert(1)</script>')
  })

  it('keeps HTML entities literal', () => {
    expect(rendered('&lt;b&gt; &amp;').textContent).to.equal('&lt;b&gt; &amp;')
  })

  it('drops javascript:, data: and relative links but keeps their words', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      '/admin',
    ]) {
      const container = rendered(`[click me](${href})`)
      expect(container.querySelector('a'), href).to.equal(null)
      expect(container.textContent).to.equal('click me')
    }
    expect(rendered('javascript:alert(1)').querySelector('a')).to.equal(null)
  })

  it('turns http(s) links into safe links that open in a new tab', () => {
    const a = rendered('See [our hours](https://dealer.example/hours).').querySelector('a')!
    expect(a.href).to.equal('https://dealer.example/hours')
    expect(a.target).to.equal('_blank')
    expect(a.rel).to.equal('noopener noreferrer nofollow')
    expect(a.textContent).to.equal('our hours')
  })

  it('cannot break out of the href attribute', () => {
    const a = rendered('[x](https://a.example/"onmouseover="alert(1))').querySelector('a')
    if (a) expect(a.getAttributeNames().sort()).to.deep.equal(['href', 'rel', 'target'])
  })

  it('links bare URLs without the full stop after them', () => {
    const a = rendered('Apply at https://dealer.example/apply.').querySelector('a')!
    expect(a.getAttribute('href')).to.equal('https://dealer.example/apply')
  })

  it('renders bold, italic, line breaks, paragraphs and bullet lists', () => {
    const container = rendered('**Hours**\nMon–Fri *9–6*\n\n- Sales\n- Service\n  and parts')
    expect(elementsIn(container)).to.deep.equal(['p', 'strong', 'br', 'em', 'ul', 'li', 'li'])
    expect(container.querySelectorAll('li')[1]!.textContent).to.equal('Service and parts')
  })

  it('leaves lone asterisks alone', () => {
    expect(parseInline('2 * 3 * 4')).to.deep.equal([{ kind: 'text', text: '2 * 3 * 4' }])
  })

  it('accepts only absolute http(s) URLs', () => {
    expect(safeHref('https://a.example/x')).to.equal('https://a.example/x')
    expect(safeHref('http://a.example')).to.equal('http://a.example/')
    expect(safeHref('javascript:alert(1)')).to.equal(undefined)
    expect(safeHref('vbscript:x')).to.equal(undefined)
    expect(safeHref('//evil.example')).to.equal(undefined)
  })

  it('gives plain words for speech', () => {
    expect(plainText('**Yes**, see [the guide](https://a.example).\n- one\n- two')).to.equal(
      'Yes, see the guide.\none\ntwo',
    )
  })
})
