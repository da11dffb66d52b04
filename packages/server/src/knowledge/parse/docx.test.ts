import { describe, expect, it } from 'vitest'
import { parseDocx } from './docx.ts'
import { buildDocx } from './fixtures/build-docx.ts'
import { buildZip } from './fixtures/build-zip.ts'
import { DocumentParseError } from './types.ts'

describe('parseDocx', () => {
  it('reads the title, headings, paragraphs and tables of a Word document', async () => {
    const bytes = buildDocx([
      { text: 'Extended Warranty Plans', style: 'Title' },
      { text: 'Coverage', style: 'Heading1' },
      { text: 'Plans cover the engine, transmission & electrical systems.' },
      { text: 'Prices', style: 'Heading2' },
      {
        table: [
          ['Plan', 'Term', 'Price'],
          ['Silver', '36 months', '$1,290'],
          ['Gold', '60 months', '$1,990'],
        ],
      },
    ])
    const doc = await parseDocx(bytes)
    expect(doc.title).toBe('Extended Warranty Plans')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Extended Warranty Plans' },
      { type: 'heading', level: 1, text: 'Coverage' },
      { type: 'paragraph', text: 'Plans cover the engine, transmission & electrical systems.' },
      { type: 'heading', level: 2, text: 'Prices' },
      {
        type: 'table',
        header: ['Plan', 'Term', 'Price'],
        rows: [
          ['Silver', '36 months', '$1,290'],
          ['Gold', '60 months', '$1,990'],
        ],
      },
    ])
  })

  it('refuses a file that is not a ZIP at all', async () => {
    const error = await parseDocx(new TextEncoder().encode('hello')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DocumentParseError)
    expect((error as Error).message).toMatch(/^The Word document could not be read/)
  })

  it('refuses a ZIP that is not a Word document', async () => {
    const bytes = buildZip({ 'xl/workbook.xml': '<workbook/>' })
    await expect(parseDocx(bytes)).rejects.toThrow(DocumentParseError)
  })

  it('refuses a Word document without text', async () => {
    await expect(parseDocx(buildDocx([{ text: '   ' }]))).rejects.toThrow(
      new DocumentParseError('The document contains no text.'),
    )
  })
})
