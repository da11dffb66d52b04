import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { buildDocx } from './fixtures/build-docx.ts'
import { buildPdf } from './fixtures/build-pdf.ts'
import { buildXlsx } from './fixtures/build-xlsx.ts'
import { DocumentParseError, parseDocument } from './index.ts'

const fixture = async (name: string) =>
  new Uint8Array(await readFile(new URL(`./fixtures/${name}`, import.meta.url)))

describe('parseDocument', () => {
  it('reads every kind of document with its own parser', async () => {
    const parsed = await Promise.all([
      parseDocument({ kind: 'text', bytes: await fixture('warranty.txt') }),
      parseDocument({ kind: 'markdown', bytes: await fixture('service.md') }),
      parseDocument({ kind: 'html', bytes: await fixture('dealer-page.html') }),
      parseDocument({ kind: 'csv', bytes: await fixture('inventory.csv') }),
      parseDocument({
        kind: 'pdf',
        bytes: buildPdf([[{ text: 'Parts', size: 16 }, { text: 'Open every day.' }]]),
      }),
      parseDocument({ kind: 'docx', bytes: buildDocx([{ text: 'Open.' }]) }),
      parseDocument({
        kind: 'xlsx',
        bytes: buildXlsx([
          ['Year', 'Make'],
          [2021, 'Toyota'],
        ]),
      }),
    ])
    expect(parsed.map((doc) => doc.blocks[0]?.type ?? (doc.sheet && 'sheet'))).toEqual([
      'heading',
      'heading',
      'heading',
      'sheet',
      'heading',
      'paragraph',
      'sheet',
    ])
    expect(parsed[3]?.sheet?.header.slice(0, 3)).toEqual(['Stock #', 'VIN', 'Year'])
    expect(parsed[6]?.sheet).toEqual({ header: ['Year', 'Make'], rows: [['2021', 'Toyota']] })
  })

  it('reports a file of the wrong kind as a DocumentParseError', async () => {
    const pdf = buildPdf([[{ text: 'Hours' }]])
    await expect(parseDocument({ kind: 'docx', bytes: pdf })).rejects.toThrow(DocumentParseError)
    const docx = buildDocx([{ text: 'Hours' }])
    await expect(parseDocument({ kind: 'pdf', bytes: docx })).rejects.toThrow(DocumentParseError)
    await expect(parseDocument({ kind: 'markdown', bytes: docx })).rejects.toThrow(
      DocumentParseError,
    )
    await expect(parseDocument({ kind: 'xlsx', bytes: docx })).rejects.toThrow(DocumentParseError)
  })

  it('refuses a kind it does not know', async () => {
    const input = { kind: 'pptx', bytes: new Uint8Array(1) } as never
    await expect(parseDocument(input)).rejects.toThrow(DocumentParseError)
  })
})
