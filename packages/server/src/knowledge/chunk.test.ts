import { describe, expect, it } from 'vitest'
import { chunkDocument } from './chunk.ts'
import type { Block } from './parse/types.ts'

const doc = (...blocks: Block[]) => ({ title: null, blocks })
const heading = (level: number, text: string): Block => ({ type: 'heading', level, text })
const paragraph = (text: string): Block => ({ type: 'paragraph', text })

describe('chunkDocument', () => {
  it('heads each chunk with the path of headings above it', () => {
    const chunks = chunkDocument(
      doc(
        paragraph('Welcome to Sunrise Toyota.'),
        heading(1, 'Service'),
        paragraph('We service all makes.'),
        heading(2, 'Hours'),
        paragraph('Monday to Friday, 7:30 am to 6 pm.'),
        heading(3, 'Holidays'),
        paragraph('Closed on public holidays.'),
        heading(2, 'Pricing'),
        paragraph('Oil changes from $49.'),
        heading(1, 'Sales'),
        paragraph('Open seven days a week.'),
      ),
    )
    expect(chunks).toEqual([
      { heading: null, content: 'Welcome to Sunrise Toyota.' },
      { heading: 'Service', content: 'We service all makes.' },
      { heading: 'Service › Hours', content: 'Monday to Friday, 7:30 am to 6 pm.' },
      { heading: 'Service › Hours › Holidays', content: 'Closed on public holidays.' },
      { heading: 'Service › Pricing', content: 'Oil changes from $49.' },
      { heading: 'Sales', content: 'Open seven days a week.' },
    ])
  })

  it('packs the paragraphs and lists of one section together up to maxChars', () => {
    const chunks = chunkDocument(
      doc(
        heading(2, 'Amenities'),
        paragraph('Wait in comfort.'),
        { type: 'list', items: ['Free Wi-Fi', 'Coffee bar'] },
        paragraph('Shuttle on request.'),
      ),
    )
    expect(chunks).toEqual([
      {
        heading: 'Amenities',
        content: 'Wait in comfort.\n\n- Free Wi-Fi\n- Coffee bar\n\nShuttle on request.',
      },
    ])
  })

  it('starts a new chunk of the same section when the next paragraph would not fit', () => {
    const sentence = 'Our financing team works with many lenders.'
    const chunks = chunkDocument(
      doc(heading(1, 'Financing'), ...Array(5).fill(paragraph(sentence))),
      {
        maxChars: 100,
      },
    )
    expect(chunks.map((chunk) => chunk.content)).toEqual([
      `${sentence}\n\n${sentence}`,
      `${sentence}\n\n${sentence}`,
      sentence,
    ])
    expect(chunks.every((chunk) => chunk.heading === 'Financing')).toBe(true)
  })

  it('never merges text across headings, however short', () => {
    const chunks = chunkDocument(
      doc(
        heading(2, 'Sales'),
        paragraph('Call us.'),
        heading(2, 'Parts'),
        paragraph('Call us too.'),
      ),
    )
    expect(chunks).toEqual([
      { heading: 'Sales', content: 'Call us.' },
      { heading: 'Parts', content: 'Call us too.' },
    ])
  })

  it('splits a long paragraph at sentence boundaries', () => {
    const sentences = Array.from(
      { length: 12 },
      (_, i) => `Sentence number ${i + 1} explains one more detail of the lease terms.`,
    )
    const chunks = chunkDocument(doc(paragraph(sentences.join(' '))), { maxChars: 200 })
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) {
      expect(chunk.content.length).toBeLessThanOrEqual(200)
      expect(chunk.content).toMatch(/^Sentence number \d+ .*lease terms\.$/)
    }
    expect(chunks.map((chunk) => chunk.content).join(' ')).toBe(sentences.join(' '))
  })

  it('splits a sentence longer than maxChars between words, never inside one', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`)
    const chunks = chunkDocument(doc(paragraph(words.join(' '))), { maxChars: 100 })
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.flatMap((chunk) => chunk.content.split(' '))).toEqual(words)
    expect(chunks.every((chunk) => chunk.content.length <= 100)).toBe(true)
  })

  it('renders table rows as "Header: value" lines and keeps the heading on every chunk', () => {
    const rows = Array.from({ length: 12 }, (_, i) => [`Service ${i + 1}`, `$${(i + 1) * 10}`, ''])
    const chunks = chunkDocument(
      doc(heading(1, 'Service'), heading(2, 'Prices'), {
        type: 'table',
        header: ['Item', 'Price', 'Notes'],
        rows,
      }),
      { maxChars: 120 },
    )
    expect(chunks[0]?.content.split('\n')[0]).toBe('Item: Service 1; Price: $10')
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.every((chunk) => chunk.heading === 'Service › Prices')).toBe(true)
    expect(chunks.every((chunk) => chunk.content.length <= 120)).toBe(true)
    expect(chunks.flatMap((chunk) => chunk.content.split('\n'))).toHaveLength(12)
  })

  it('renders a headerless two-column table as labels and values', () => {
    const chunks = chunkDocument(
      doc({
        type: 'table',
        header: [],
        rows: [
          ['Monday', '9 am – 7 pm'],
          ['Sunday', 'Closed'],
        ],
      }),
    )
    expect(chunks).toEqual([{ heading: null, content: 'Monday: 9 am – 7 pm\nSunday: Closed' }])
  })

  it('leaves a spreadsheet to the inventory: its rows never become passages', () => {
    const chunks = chunkDocument({
      title: null,
      blocks: [paragraph('Inventory as of Monday.')],
      sheet: {
        header: ['Year', 'Make', 'Model'],
        rows: [
          ['2021', 'Toyota', 'RAV4'],
          ['2020', 'Honda', 'Civic'],
        ],
      },
    })
    expect(chunks).toEqual([{ heading: null, content: 'Inventory as of Monday.' }])
  })

  it('normalises whitespace and never emits empty chunks', () => {
    const chunks = chunkDocument(
      doc(
        heading(1, '  Parts\n Counter '),
        paragraph('  Genuine   parts,\tin stock. \n\n\n  Order online. '),
        paragraph('   '),
        { type: 'list', items: ['  ', ' Wiper   blades '] },
        heading(1, 'Empty section'),
        heading(1, '   '),
        { type: 'table', header: ['A'], rows: [['']] },
      ),
    )
    expect(chunks).toEqual([
      {
        heading: 'Parts Counter',
        content: 'Genuine parts, in stock.\nOrder online.\n\n- Wiper blades',
      },
    ])
  })

  it('refuses a maxChars too small to hold a sentence', () => {
    expect(() => chunkDocument(doc(paragraph('Hi.')), { maxChars: 10 })).toThrow(RangeError)
  })
})
