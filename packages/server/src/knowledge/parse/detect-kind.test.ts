import { describe, expect, it } from 'vitest'
import { detectKind } from './detect-kind.ts'
import { buildDocx } from './fixtures/build-docx.ts'
import { buildPdf } from './fixtures/build-pdf.ts'
import { buildXlsx } from './fixtures/build-xlsx.ts'
import { buildZip } from './fixtures/build-zip.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('detectKind', () => {
  it('recognises a PDF by its signature whatever the file is called', () => {
    const bytes = buildPdf([[{ text: 'Hours' }]])
    expect(detectKind({ filename: 'notes.txt', contentType: 'text/plain', bytes })).toBe('pdf')
  })

  it('recognises a Word document by the word/document.xml inside its ZIP', () => {
    const bytes = buildDocx([{ text: 'Warranty' }])
    expect(detectKind({ filename: 'upload.bin', bytes })).toBe('docx')
    expect(detectKind({ filename: null, contentType: null, bytes })).toBe('docx')
  })

  it('recognises an Excel workbook by the xl/workbook.xml inside its ZIP', () => {
    const bytes = buildXlsx([
      ['Year', 'Make'],
      [2021, 'Toyota'],
    ])
    expect(detectKind({ filename: 'inventory.xlsx', bytes })).toBe('xlsx')
    expect(detectKind({ filename: 'export.bin', contentType: null, bytes })).toBe('xlsx')
  })

  it('refuses other ZIP archives even when named .docx or .xlsx', () => {
    const bytes = buildZip({ 'ppt/presentation.xml': '<presentation/>', 'readme.txt': 'hi' })
    expect(detectKind({ filename: 'inventory.docx', bytes })).toBeNull()
    expect(detectKind({ filename: 'inventory.xlsx', bytes })).toBeNull()
  })

  it('refuses a truncated ZIP whose directory cannot be read', () => {
    const bytes = buildDocx([{ text: 'Warranty' }]).subarray(0, 200)
    expect(detectKind({ filename: 'warranty.docx', bytes })).toBeNull()
  })

  it('recognises text formats by extension, whatever the case', () => {
    const bytes = encode('Year,Make\n2021,Toyota\n')
    expect(detectKind({ filename: 'Inventory.CSV', bytes })).toBe('csv')
    expect(detectKind({ filename: 'faq.markdown', bytes })).toBe('markdown')
    expect(detectKind({ filename: 'hours.htm', bytes })).toBe('html')
    expect(detectKind({ filename: 'notes.text', bytes })).toBe('text')
  })

  it('falls back to the content type, parameters and all, when the name says nothing', () => {
    const bytes = encode('<h1>Service</h1>')
    expect(detectKind({ filename: 'page', contentType: 'text/html; charset=UTF-8', bytes })).toBe(
      'html',
    )
    expect(detectKind({ contentType: 'text/markdown', bytes })).toBe('markdown')
  })

  it('prefers the extension to the content type', () => {
    const bytes = encode('# Service')
    expect(detectKind({ filename: 'service.md', contentType: 'text/plain', bytes })).toBe(
      'markdown',
    )
  })

  it('refuses a file claimed to be a PDF, DOCX or XLSX that has no such signature', () => {
    const bytes = encode('not really a pdf')
    expect(detectKind({ filename: 'brochure.pdf', bytes })).toBeNull()
    expect(detectKind({ contentType: 'application/pdf', bytes })).toBeNull()
    expect(detectKind({ filename: 'letter.docx', bytes })).toBeNull()
    expect(detectKind({ filename: 'inventory.xlsx', bytes })).toBeNull()
  })

  it('finds a PDF header preceded by junk only when the file claims to be a PDF', () => {
    const bytes = new Uint8Array([...encode('\r\n\r\n'), ...buildPdf([[{ text: 'Hours' }]])])
    expect(detectKind({ filename: 'brochure.pdf', bytes })).toBe('pdf')
    const mention = encode('Every PDF starts with %PDF-1.7 in its first line.')
    expect(detectKind({ filename: 'notes.md', bytes: mention })).toBe('markdown')
  })

  it('refuses binary junk claimed to be text', () => {
    expect(detectKind({ filename: 'notes.txt', bytes: new Uint8Array([72, 105, 0, 1, 2]) })).toBe(
      null,
    )
    const invalidUtf8 = new Uint8Array([0x48, 0xc3, 0x28, 0xa0, 0xa1])
    expect(detectKind({ filename: 'notes.txt', bytes: invalidUtf8 })).toBeNull()
  })

  it('accepts a character cut in two at the end of the sniffed sample', () => {
    const bytes = encode(`${'a'.repeat(8191)}é and more`)
    expect(detectKind({ filename: 'notes.txt', bytes })).toBe('text')
  })

  it('accepts UTF-16 text marked with a byte order mark', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0x48, 0x00, 0x69, 0x00])
    expect(detectKind({ filename: 'notes.txt', bytes })).toBe('text')
  })

  it('refuses kinds it cannot read', () => {
    const bytes = encode('hello')
    expect(detectKind({ filename: 'setup.exe', bytes })).toBeNull()
    expect(detectKind({ contentType: 'application/octet-stream', bytes })).toBeNull()
    expect(detectKind({ bytes })).toBeNull()
  })

  it('only sniffs the start of a large text file', () => {
    const bytes = new Uint8Array(25 * 1024 * 1024).fill(0x61)
    bytes[20 * 1024 * 1024] = 0
    // A NUL byte far past the sniffed prefix does not make the file binary.
    expect(detectKind({ filename: 'big.txt', bytes })).toBe('text')
  })
})
