/// <reference types="mocha" />
import { expect } from '@open-wc/testing'
import { findVehicle, pageContext, vehicleFromJsonLd } from '../page-context.ts'

function page(html: string): HTMLElement {
  const root = document.createElement('div')
  // Test fixtures only: the widget itself never parses HTML.
  root.innerHTML = html
  return root
}

const jsonLd = (data: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(data)}</script>`

describe('page context', () => {
  it('maps a schema.org Car to the protocol’s vehicle', () => {
    const vehicle = vehicleFromJsonLd({
      '@context': 'https://schema.org',
      '@type': 'Car',
      name: '2021 Honda Civic EX',
      brand: { '@type': 'Brand', name: 'Honda' },
      model: 'Civic',
      vehicleModelDate: '2021',
      vehicleIdentificationNumber: '2HGFC2F59MH000001',
      vehicleConfiguration: 'EX',
      sku: 'STK1234',
      offers: { '@type': 'Offer', price: '21,995.00', priceCurrency: 'USD' },
      url: 'https://dealer.example/inventory/civic',
    })
    expect(vehicle).to.deep.equal({
      vin: '2HGFC2F59MH000001',
      stockNumber: 'STK1234',
      year: 2021,
      make: 'Honda',
      model: 'Civic',
      trim: 'EX',
      price: 21995,
      url: 'https://dealer.example/inventory/civic',
    })
  })

  it('resolves a relative vehicle link against the page, and drops one that is not http(s)', () => {
    const relative = vehicleFromJsonLd({ '@type': 'Car', name: '2020 Honda CR-V', url: '/cr-v' })
    expect(relative?.url).to.equal(new URL('/cr-v', document.baseURI).href)
    const script = vehicleFromJsonLd({
      '@type': 'Car',
      name: '2020 Honda CR-V',
      url: 'javascript:x',
    })
    expect(script?.url).to.equal(undefined)
  })

  it('finds a Vehicle inside @graph, with an array @type and a full type URL', () => {
    const root = page(
      jsonLd({
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', name: 'Inventory' },
          {
            '@type': ['Product', 'https://schema.org/Vehicle'],
            name: '2019 Ford F-150 XLT',
            brand: 'Ford',
            offers: [{ '@type': 'AggregateOffer', lowPrice: 31500 }],
          },
        ],
      }),
    )
    expect(findVehicle(root)).to.deep.equal({
      year: 2019,
      make: 'Ford',
      model: 'F-150 XLT',
      price: 31500,
    })
  })

  it('finds a car offered by a Product or Offer', () => {
    const vehicle = vehicleFromJsonLd({
      '@type': 'Offer',
      price: 100,
      itemOffered: { '@type': 'Car', manufacturer: { name: 'Mazda' }, model: { name: 'CX-5' } },
    })
    expect(vehicle).to.deep.equal({ make: 'Mazda', model: 'CX-5' })
  })

  it('ignores pages without a vehicle and broken JSON-LD', () => {
    const root = page(
      '<script type="application/ld+json">{ not json</script>' +
        jsonLd({ '@type': 'AutoDealer', name: 'Adam' }),
    )
    expect(findVehicle(root)).to.equal(undefined)
    expect(vehicleFromJsonLd(null)).to.equal(undefined)
    expect(vehicleFromJsonLd({ '@type': 'Car' })).to.equal(undefined)
  })

  it('prefers the data-avatar-adam-vehicle attribute over JSON-LD', () => {
    const data = JSON.stringify({ vin: 'VIN1', year: '2022', make: 'Kia', price: 18000, bogus: 1 })
    const root = page(
      `${jsonLd({ '@type': 'Car', brand: 'Ford' })}<div data-avatar-adam-vehicle='${data}'></div>`,
    )
    expect(findVehicle(root)).to.deep.equal({ vin: 'VIN1', year: 2022, make: 'Kia', price: 18000 })
  })

  it('falls back to JSON-LD when the attribute is not valid JSON', () => {
    const root = page(
      `<div data-avatar-adam-vehicle="{oops"></div>${jsonLd({ '@type': 'Car', brand: 'Ford' })}`,
    )
    expect(findVehicle(root)).to.deep.equal({ make: 'Ford' })
  })

  it('keeps values within what the server accepts', () => {
    const vehicle = vehicleFromJsonLd({
      '@type': 'Car',
      brand: 'B'.repeat(500),
      vehicleIdentificationNumber: 'V'.repeat(100),
      vehicleModelDate: '1066',
      offers: { price: -5 },
    })
    expect(vehicle!.make!.length).to.equal(64)
    expect(vehicle!.vin!.length).to.equal(32)
    expect(vehicle!.year).to.equal(undefined)
    expect(vehicle!.price).to.equal(undefined)
  })

  it('sends the URL, the title and the vehicle of the page', () => {
    const root = page(jsonLd({ '@type': 'Car', brand: 'Subaru', model: 'Outback' }))
    document.body.append(root)
    const previous = document.title
    document.title = 'Used Subaru Outback'
    try {
      expect(pageContext()).to.deep.equal({
        url: location.href,
        title: 'Used Subaru Outback',
        vehicle: { make: 'Subaru', model: 'Outback' },
      })
    } finally {
      document.title = previous
      root.remove()
    }
  })
})
