import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseHtml } from './html.ts'
import { DocumentParseError } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('parseHtml', () => {
  it('reads a dealership page without its navigation, footer, form or scripts', async () => {
    const bytes = new Uint8Array(
      await readFile(new URL('./fixtures/dealer-page.html', import.meta.url)),
    )
    const doc = await parseHtml(bytes)
    expect(doc.title).toBe('Trade-In Appraisals | Sunrise Toyota')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Trade-In Appraisals' },
      {
        type: 'paragraph',
        text: 'Get a firm offer on your current vehicle in 30 minutes — no purchase required.',
      },
      { type: 'heading', level: 2, text: 'What to bring' },
      { type: 'list', items: ['Vehicle title or payoff information', 'All keys & remotes'] },
      { type: 'heading', level: 2, text: 'Appraisal hours' },
      {
        type: 'table',
        header: [],
        rows: [
          ['Monday', '9 am – 7 pm'],
          ['Saturday', '9 am – 5 pm'],
        ],
      },
      {
        type: 'paragraph',
        text: 'Questions? Ask for our used-car manager.\nPhone: (555) 010-3000',
      },
    ])
  })

  it('reads a table header from th cells or from a first row of column names', async () => {
    const doc = await parseHtml(
      encode(
        '<table><thead><tr><th>Plan</th><th>Term</th></tr></thead>' +
          '<tbody><tr><td>Gold</td><td>60 months</td></tr></tbody></table>' +
          '<table><tr><td>Service</td><td>Price</td><td>Time</td></tr>' +
          '<tr><td>Oil change</td><td>$49</td><td>30 min</td></tr></table>',
      ),
    )
    expect(doc.blocks).toEqual([
      { type: 'table', header: ['Plan', 'Term'], rows: [['Gold', '60 months']] },
      {
        type: 'table',
        header: ['Service', 'Price', 'Time'],
        rows: [['Oil change', '$49', '30 min']],
      },
    ])
  })

  it('reads a layout table as ordinary content', async () => {
    const doc = await parseHtml(
      encode('<table><tr><td><h2>Sales</h2><p>Open late.</p></td></tr></table>'),
    )
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 2, text: 'Sales' },
      { type: 'paragraph', text: 'Open late.' },
    ])
  })

  it('flattens nested lists after their parent item', async () => {
    const doc = await parseHtml(
      encode('<ul><li>Detailing<ul><li>Interior</li><li>Exterior</li></ul></li><li>Tint</li></ul>'),
    )
    expect(doc.blocks).toEqual([
      { type: 'list', items: ['Detailing', 'Interior', 'Exterior', 'Tint'] },
    ])
  })

  it('uses the first h1 as title when the page has no title element', async () => {
    const doc = await parseHtml(encode('<h1>Lease Specials</h1><p>From $299/month.</p>'))
    expect(doc.title).toBe('Lease Specials')
  })

  it('leaves out hidden elements', async () => {
    const doc = await parseHtml(
      encode('<p>Visible.</p><p hidden>Hidden.</p><div aria-hidden="true">Icon</div>'),
    )
    expect(doc.blocks).toEqual([{ type: 'paragraph', text: 'Visible.' }])
  })

  it('refuses a page with no text', async () => {
    await expect(
      parseHtml(
        encode('<html><head><title>Empty</title></head><body><script>x()</script></body></html>'),
      ),
    ).rejects.toThrow(new DocumentParseError('The document contains no text.'))
  })
})
