import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv.ts'
import { DocumentParseError } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('parseCsv', () => {
  it('reads the header row and one row per line of an inventory feed, skipping empty rows', async () => {
    const bytes = new Uint8Array(
      await readFile(new URL('./fixtures/inventory.csv', import.meta.url)),
    )
    const doc = await parseCsv(bytes)
    expect(doc.title).toBeNull()
    // A spreadsheet is rows, not passages: it is read as an inventory (or a table) later.
    expect(doc.blocks).toEqual([])
    expect(doc.sheet?.header).toEqual([
      'Stock #',
      'VIN',
      'Year',
      'Make',
      'Model',
      'Trim',
      'Body Style',
      'Exterior Color',
      'Mileage',
      'Price',
    ])
    expect(doc.sheet?.rows).toHaveLength(3)
    expect(doc.sheet?.rows[0]).toEqual([
      'T1234',
      '2T3P1RFV5MC123456',
      '2021',
      'Toyota',
      'RAV4',
      'XLE',
      'SUV',
      'Magnetic Gray',
      '31,200',
      '27900',
    ])
    expect(doc.sheet?.rows[1]?.[9]).toBe('$26,450.00')
    expect(doc.sheet?.rows[2]?.slice(0, 4)).toEqual(['U0987', '1HGCV1F34LA012345', '2020', 'Honda'])
  })

  it('trims header names and values, keeping an empty cell in its column', async () => {
    const doc = await parseCsv(encode('\uFEFF Year , Make ,Color\r\n 2019 ,  Ford ,\r\n'))
    expect(doc.sheet).toEqual({ header: ['Year', 'Make', 'Color'], rows: [['2019', 'Ford', '']] })
  })

  it('reads semicolon- and tab-separated feeds', async () => {
    const semicolons = await parseCsv(encode('Year;Make;Price\n2020;Kia;"18.500"\n'))
    expect(semicolons.sheet).toEqual({
      header: ['Year', 'Make', 'Price'],
      rows: [['2020', 'Kia', '18.500']],
    })
    const tabs = await parseCsv(encode('Year\tMake\n2018\tMazda\n'))
    expect(tabs.sheet).toEqual({ header: ['Year', 'Make'], rows: [['2018', 'Mazda']] })
  })

  it('names repeated or unnamed columns so no value loses its column', async () => {
    const doc = await parseCsv(encode('Model,Model,\nCivic,Sedan,Certified\n'))
    expect(doc.sheet).toEqual({
      header: ['Model', 'Model (2)', 'Column 3'],
      rows: [['Civic', 'Sedan', 'Certified']],
    })
  })

  it('refuses a CSV whose first line is a vehicle rather than a header', async () => {
    await expect(
      parseCsv(encode('2021,Toyota,RAV4,27900\n2022,Honda,Civic,23100\n')),
    ).rejects.toThrow(/no header row/)
  })

  it('refuses a CSV with a header but no rows below it', async () => {
    await expect(parseCsv(encode('Year,Make,Model\n,,\n'))).rejects.toThrow(
      new DocumentParseError('The CSV file has a header row but no rows below it.'),
    )
  })

  it('refuses an empty CSV', async () => {
    await expect(parseCsv(encode('\n\n'))).rejects.toThrow(
      new DocumentParseError('The CSV file is empty.'),
    )
  })

  it('refuses a CSV it cannot tokenise, saying why', async () => {
    const error = await parseCsv(encode('Year,Make\n2021,"Toyota\n')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DocumentParseError)
    expect((error as Error).message).toMatch(/^The CSV file could not be read: /)
  })
})
