import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { parseCsv } from './csv.ts'
import { DocumentParseError } from './types.ts'

const encode = (text: string) => new TextEncoder().encode(text)

describe('parseCsv', () => {
  it('makes one vehicle per row of an inventory feed, skipping empty rows', async () => {
    const bytes = new Uint8Array(
      await readFile(new URL('./fixtures/inventory.csv', import.meta.url)),
    )
    const doc = await parseCsv(bytes)
    expect(doc.title).toBeNull()
    expect(doc.blocks).toHaveLength(3)
    expect(doc.blocks[0]).toEqual({
      type: 'vehicle',
      fields: {
        'Stock #': 'T1234',
        VIN: '2T3P1RFV5MC123456',
        Year: '2021',
        Make: 'Toyota',
        Model: 'RAV4',
        Trim: 'XLE',
        'Body Style': 'SUV',
        'Exterior Color': 'Magnetic Gray',
        Mileage: '31,200',
        Price: '27900',
      },
    })
    expect(doc.blocks[1]).toMatchObject({ fields: { Price: '$26,450.00' } })
  })

  it('trims header names and values and leaves out empty cells', async () => {
    const doc = await parseCsv(encode('\uFEFF Year , Make ,Color\r\n 2019 , Ford ,\r\n'))
    expect(doc.blocks).toEqual([{ type: 'vehicle', fields: { Year: '2019', Make: 'Ford' } }])
  })

  it('reads semicolon- and tab-separated feeds', async () => {
    const semicolons = await parseCsv(encode('Year;Make;Price\n2020;Kia;"18.500"\n'))
    expect(semicolons.blocks).toEqual([
      { type: 'vehicle', fields: { Year: '2020', Make: 'Kia', Price: '18.500' } },
    ])
    const tabs = await parseCsv(encode('Year\tMake\n2018\tMazda\n'))
    expect(tabs.blocks).toEqual([{ type: 'vehicle', fields: { Year: '2018', Make: 'Mazda' } }])
  })

  it('keeps the values of repeated or unnamed columns', async () => {
    const doc = await parseCsv(encode('Model,Model,\nCivic,Sedan,Certified\n'))
    expect(doc.blocks).toEqual([
      {
        type: 'vehicle',
        fields: { Model: 'Civic', 'Model (2)': 'Sedan', 'Column 3': 'Certified' },
      },
    ])
  })

  it('refuses a CSV whose first line is a vehicle rather than a header', async () => {
    await expect(
      parseCsv(encode('2021,Toyota,RAV4,27900\n2022,Honda,Civic,23100\n')),
    ).rejects.toThrow(/no header row/)
  })

  it('refuses a CSV with a header but no vehicles', async () => {
    await expect(parseCsv(encode('Year,Make,Model\n,,\n'))).rejects.toThrow(
      new DocumentParseError('The CSV file has a header row but no vehicles.'),
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
