import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseText } from './text.ts'
import { DocumentParseError } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('parseText', () => {
  it('finds headings, paragraphs and lists in a plain-text document', async () => {
    const bytes = new Uint8Array(
      await readFile(new URL('./fixtures/warranty.txt', import.meta.url)),
    )
    const doc = await parseText(bytes)
    expect(doc.title).toBe('CERTIFIED PRE-OWNED WARRANTY')
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'CERTIFIED PRE-OWNED WARRANTY' },
      {
        type: 'paragraph',
        text: 'Every certified vehicle passes a 160-point inspection before it reaches our lot.',
      },
      { type: 'heading', level: 2, text: 'Powertrain Coverage' },
      {
        type: 'paragraph',
        text: '7 years or 100,000 miles from the original in-service date, whichever comes first.',
      },
      { type: 'heading', level: 2, text: 'What is covered' },
      {
        type: 'list',
        items: ['Engine and transmission', 'Drive axles and seals', 'Turbocharger housing'],
      },
      {
        type: 'paragraph',
        text: 'Roadside assistance is included for the length of the warranty.',
      },
    ])
  })

  it('joins hard-wrapped lines into one paragraph', async () => {
    const doc = await parseText(encode('We are open late\non Thursdays\r\nuntil 8 pm.'))
    expect(doc.blocks).toEqual([
      { type: 'paragraph', text: 'We are open late on Thursdays until 8 pm.' },
    ])
    expect(doc.title).toBeNull()
  })

  it('keeps sentences and labelled values as paragraphs, not headings', async () => {
    const doc = await parseText(
      encode(
        'Thanks for visiting.\n\nPhone: (555) 010-2000\n\nMonday – Friday 8am – 6pm\n\n' +
          'Our service team will call you back within one business day if you leave a message.',
      ),
    )
    expect(doc.blocks.every((block) => block.type === 'paragraph')).toBe(true)
  })

  it('does not turn a last short line into a heading with nothing under it', async () => {
    const doc = await parseText(encode('Come see us soon.\n\nSunrise Toyota'))
    expect(doc.blocks.at(-1)).toEqual({ type: 'paragraph', text: 'Sunrise Toyota' })
  })

  it('reads underlined and # headings', async () => {
    const doc = await parseText(
      encode('Parts Counter\n=============\nOpen daily.\n\n## Returns\nWithin 30 days.'),
    )
    expect(doc.blocks).toEqual([
      { type: 'heading', level: 1, text: 'Parts Counter' },
      { type: 'paragraph', text: 'Open daily.' },
      { type: 'heading', level: 2, text: 'Returns' },
      { type: 'paragraph', text: 'Within 30 days.' },
    ])
  })

  it('reads a Windows-1252 export that is not UTF-8', async () => {
    const doc = await parseText(new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x35]))
    expect(doc.blocks).toEqual([{ type: 'paragraph', text: 'Café €5' }])
  })

  it('refuses a file with no text', async () => {
    await expect(parseText(encode(' \n\n\t\n'))).rejects.toThrow(
      new DocumentParseError('The document contains no text.'),
    )
  })

  it('refuses binary content', async () => {
    await expect(parseText(new Uint8Array([1, 2, 0, 4]))).rejects.toThrow(DocumentParseError)
  })
})
