import { describe, expect, it } from 'vitest'
import { buildPdf } from './fixtures/build-pdf.ts'
import { parsePdf } from './pdf.ts'
import { DocumentParseError } from './types.ts'

describe('parsePdf', () => {
  it('rebuilds headings, paragraphs and bullet lists from a PDF', async () => {
    const bytes = buildPdf(
      [
        [
          { text: 'Service Menu', size: 20 },
          { text: 'Oil Changes', size: 15, spaceBefore: 6 },
          { text: 'Synthetic oil changes include a tire rotation and a multi-point' },
          { text: 'inspection. Most are done in under an hour.' },
          { text: 'Walk-ins are welcome before 10 am.', spaceBefore: 10 },
          { text: '- Conventional oil: $49', spaceBefore: 10 },
          { text: '- Full synthetic: $89' },
        ],
        [{ text: 'Brakes', size: 15 }, { text: 'Free brake inspections with every visit.' }],
      ],
      { title: 'Sunrise Toyota Service Menu' },
    )
    const doc = await parsePdf(bytes)
    expect(doc.title).toBe('Sunrise Toyota Service Menu')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Service Menu' },
      { type: 'heading', level: 2, text: 'Oil Changes' },
      {
        type: 'paragraph',
        text:
          'Synthetic oil changes include a tire rotation and a multi-point inspection. ' +
          'Most are done in under an hour.',
      },
      { type: 'paragraph', text: 'Walk-ins are welcome before 10 am.' },
      { type: 'list', items: ['Conventional oil: $49', 'Full synthetic: $89'] },
      { type: 'heading', level: 2, text: 'Brakes' },
      { type: 'paragraph', text: 'Free brake inspections with every visit.' },
    ])
  })

  it('takes the largest heading as title when the metadata has none worth using', async () => {
    const lines = [{ text: 'Lease Specials', size: 18 }, { text: 'From $299 a month.' }]
    expect((await parsePdf(buildPdf([lines]))).title).toBe('Lease Specials')
    const stamped = buildPdf([lines], { title: 'Microsoft Word - specials.docx' })
    expect((await parsePdf(stamped)).title).toBe('Lease Specials')
  })

  it('rejoins words hyphenated at the end of a line', async () => {
    const doc = await parsePdf(
      buildPdf([
        [{ text: 'Every certified vehicle comes with our dealer-' }, { text: 'ship warranty.' }],
      ]),
    )
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'Every certified vehicle comes with our dealership warranty.' },
    ])
  })

  it('drops running footers and page numbers', async () => {
    const page = (text: string, n: number) => [
      { text },
      { text: 'Sunrise Toyota - 100 Main Street', spaceBefore: 200 },
      { text: `Page ${n} of 3` },
    ]
    const doc = await parsePdf(
      buildPdf([
        page('Sales are open daily.', 1),
        page('Service opens at 7.', 2),
        page('Parts too.', 3),
      ]),
    )
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'Sales are open daily.' },
      { type: 'paragraph', text: 'Service opens at 7.' },
      { type: 'paragraph', text: 'Parts too.' },
    ])
  })

  it('refuses a corrupt PDF with a readable message', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF')
    const error = await parsePdf(bytes).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DocumentParseError)
    expect((error as Error).message).toMatch(/^The PDF could not be read: /)
  })

  it('refuses a truncated PDF', async () => {
    const bytes = buildPdf([[{ text: 'Hours' }]])
    await expect(parsePdf(bytes.subarray(0, 60))).rejects.toThrow(DocumentParseError)
  })

  it('refuses a PDF without selectable text, such as a scan', async () => {
    await expect(parsePdf(buildPdf([[]]))).rejects.toThrow(
      new DocumentParseError('The PDF contains no selectable text; it may be a scanned image.'),
    )
  })

  it('leaves the caller’s bytes intact', async () => {
    const bytes = buildPdf([[{ text: 'Hours' }]])
    const copy = bytes.slice()
    await parsePdf(bytes)
    expect(bytes).toEqual(copy)
  })
})
