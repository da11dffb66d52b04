import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseMarkdown } from './markdown.ts'
import { DocumentParseError } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('parseMarkdown', () => {
  it('splits a Markdown document into headings, paragraphs, tables and lists', async () => {
    const bytes = new Uint8Array(await readFile(new URL('./fixtures/service.md', import.meta.url)))
    const doc = await parseMarkdown(bytes)
    expect(doc.title).toBe('Service')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Service' },
      {
        type: 'paragraph',
        text:
          'Our factory-trained technicians service all makes and models, including hybrids & ' +
          'EVs. Book online or call (555) 010-2000.',
      },
      { type: 'heading', level: 2, text: 'Hours' },
      {
        type: 'table',
        header: ['Day', 'Opens', 'Closes'],
        rows: [
          ['Monday–Friday', '7:30 am', '6:00 pm'],
          ['Saturday', '8:00 am', '2:00 pm'],
          ['Sunday', 'Closed', ''],
        ],
      },
      { type: 'heading', level: 2, text: 'Amenities' },
      {
        type: 'list',
        items: [
          'Free shuttle within 10 miles',
          'Loaner vehicles by appointment',
          "Valid driver's license required",
          'Complimentary car wash',
        ],
      },
      { type: 'paragraph', text: 'Tip: mornings before 9 am are the quietest time to drop off.' },
      { type: 'heading', level: 1, text: 'Financing' },
      {
        type: 'paragraph',
        text: 'We work with over twenty lenders to find the right rate for you.',
      },
    ])
  })

  it('takes the first top-level heading as title without front matter', async () => {
    const doc = await parseMarkdown(
      encode('Intro text.\n\n# Parts & Accessories\n\nGenuine parts.'),
    )
    expect(doc.title).toBe('Parts & Accessories')
  })

  it('keeps hard line breaks, code and embedded HTML as text', async () => {
    const doc = await parseMarkdown(
      encode(
        '123 Main St  \nSpringfield\n\n```\nRESET: hold button 5s\n```\n\n' +
          '<div class="note"><p>Closed <b>July 4</b>.</p></div>',
      ),
    )
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: '123 Main St\nSpringfield' },
      { type: 'paragraph', text: 'RESET: hold button 5s' },
      { type: 'paragraph', text: 'Closed July 4.' },
    ])
  })

  it('reduces links to their text, even a reference defined at the end of the file', async () => {
    const doc = await parseMarkdown(
      encode(
        "See [this month's specials][specials] or www.example.com/lease.\n" +
          'Plain lines wrap\nlike this.\n\n[specials]: https://example.com/specials\n',
      ),
    )
    expect(doc.blocks).toEqual([
      {
        type: 'paragraph',
        text: "See this month's specials or www.example.com/lease. Plain lines wrap like this.",
      },
    ])
  })

  it('refuses a Markdown file with nothing but front matter and rules', async () => {
    await expect(parseMarkdown(encode('---\ntitle: Draft\n---\n\n---\n'))).rejects.toThrow(
      DocumentParseError,
    )
  })
})
