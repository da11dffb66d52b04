import { describe, expect, it } from 'vitest'
import { readPageContext } from './schemas.ts'

const page = {
  url: 'https://dealer.example/inventory/A24101.html',
  title: '2021 Toyota RAV4 XLE',
  vehicle: { stockNumber: 'A24101', year: 2021, make: 'Toyota', model: 'RAV4' },
}

describe('readPageContext', () => {
  it('keeps a valid page context whole', () => {
    expect(readPageContext(page)).toEqual(page)
  })

  it('drops a vehicle that does not fit and keeps the page', () => {
    const vehicle = { ...page.vehicle, url: '/inventory/A24101.html' }
    expect(readPageContext({ ...page, vehicle })).toEqual({ url: page.url, title: page.title })
    expect(readPageContext({ ...page, vehicle: { year: 'soon' } })).toEqual({
      url: page.url,
      title: page.title,
    })
  })

  it('drops a page that is not a web page, or does not fit', () => {
    expect(readPageContext({ url: 'javascript:alert(1)' })).toBeNull()
    expect(readPageContext({ url: page.url, title: 'x'.repeat(301) })).toBeNull()
    expect(readPageContext('https://dealer.example/')).toBeNull()
    expect(readPageContext(undefined)).toBeNull()
  })
})
