// Writes the example site's pages from the demo dealership's inventory feed, so the site and the
// documents the assistant answers from always agree. Run: npm run generate -w examples/dealership-site
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { parse } from 'csv-parse/sync'

const SITE = new URL('../', import.meta.url)
const CSV = new URL('../../../packages/server/demo/documents/inventory.csv', import.meta.url)

interface Vehicle {
  stock: string
  vin: string
  year: number
  make: string
  model: string
  trim: string
  body: string
  color: string
  mileage: number
  price: number
  status: string
  certified: boolean
}

const rows: Record<string, string>[] = parse(await readFile(CSV), { columns: true, trim: true })
const vehicles: Vehicle[] = rows.map((r) => ({
  stock: r['Stock #']!,
  vin: r.VIN!,
  year: Number(r.Year),
  make: r.Make!,
  model: r.Model!,
  trim: r.Trim!,
  body: r['Body Style']!,
  color: r['Exterior Color']!,
  mileage: Number(r.Mileage),
  price: Number(r.Price),
  status: r.Status!,
  certified: r['Certified Pre-Owned'] === 'Yes',
}))

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
const money = (n: number) => `$${n.toLocaleString('en-US')}`
const name = (v: Vehicle) => `${v.year} ${v.make} ${v.model} ${v.trim}`

function page(title: string, body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${esc(title)}</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/styles.css" />${head}
  </head>
  <body>
    <header class="site-header">
      <a class="brand" href="/">Adam's Auto Sales</a>
      <nav>
        <a href="/">Home</a>
        <a href="/inventory/">Inventory</a>
        <a href="tel:+15550104200">(555) 010-4200</a>
      </nav>
    </header>
    <main>
${body}
    </main>
    <footer class="site-footer">4120 Route 9 South, Larkspur Falls, OH 43999 · (555) 010-4200</footer>
    <!-- The one line a dealership adds: the AvatarAdam assistant. -->
    <script src="/widget/avatar-adam.js" data-key="%AVATARADAM_PUBLISHABLE_KEY%" async></script>
  </body>
</html>
`
}

function card(v: Vehicle): string {
  return `        <article class="vehicle-card">
          <h3><a href="/inventory/${v.stock}.html">${esc(name(v))}</a></h3>
          <p>${money(v.price)} · ${v.mileage.toLocaleString('en-US')} miles · ${esc(v.color)}</p>
          <p class="tags">${esc(v.body)}${v.certified ? ' · Certified Pre-Owned' : ''} · ${esc(v.status)}</p>
        </article>`
}

function vehiclePage(v: Vehicle): string {
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'Car',
    name: name(v),
    brand: { '@type': 'Brand', name: v.make },
    model: v.model,
    vehicleModelDate: String(v.year),
    vehicleIdentificationNumber: v.vin,
    sku: v.stock,
    color: v.color,
    bodyType: v.body,
    mileageFromOdometer: { '@type': 'QuantitativeValue', value: v.mileage, unitCode: 'SMI' },
    offers: {
      '@type': 'Offer',
      price: v.price,
      priceCurrency: 'USD',
      availability:
        v.status === 'Available' ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
    },
  }
  // JSON-LD is a data block, not a script: strict CSPs leave it alone. "<" is escaped so no
  // value can close the element early.
  const ld = JSON.stringify(jsonLd, null, 2).replace(/</g, '\\u003c')
  return page(
    `${name(v)} — ${money(v.price)} | Adam's Auto Sales`,
    `      <nav class="crumbs"><a href="/inventory/">Inventory</a> › ${esc(name(v))}</nav>
      <article class="vehicle">
        <h1>${esc(name(v))}</h1>
        <p class="price">${money(v.price)}</p>
        <dl>
          <dt>Mileage</dt><dd>${v.mileage.toLocaleString('en-US')} miles</dd>
          <dt>Exterior</dt><dd>${esc(v.color)}</dd>
          <dt>Body style</dt><dd>${esc(v.body)}</dd>
          <dt>Stock #</dt><dd>${esc(v.stock)}</dd>
          <dt>VIN</dt><dd>${esc(v.vin)}</dd>
          <dt>Certified Pre-Owned</dt><dd>${v.certified ? 'Yes' : 'No'}</dd>
          <dt>Status</dt><dd>${esc(v.status)}</dd>
        </dl>
        <p>Ask our assistant about this ${esc(v.model)}: financing, trade-ins or a test drive.</p>
      </article>`,
    `\n    <script type="application/ld+json">\n${ld}\n    </script>`,
  )
}

await rm(new URL('inventory/', SITE), { recursive: true, force: true })
await mkdir(new URL('inventory/', SITE), { recursive: true })
for (const v of vehicles)
  await writeFile(new URL(`inventory/${v.stock}.html`, SITE), vehiclePage(v))
await writeFile(
  new URL('inventory/index.html', SITE),
  page(
    "Used & Certified Pre-Owned Inventory | Adam's Auto Sales",
    `      <h1>Our inventory</h1>
      <p>${vehicles.length} vehicles, every one inspected. Prices include reconditioning.</p>
      <section class="vehicles">
${vehicles.map(card).join('\n')}
      </section>`,
  ),
)
const featured = vehicles.filter((v) => v.certified && v.status === 'Available').slice(0, 3)
await writeFile(
  new URL('index.html', SITE),
  page(
    "Adam's Auto Sales — Used & Certified Pre-Owned Cars in Larkspur Falls, OH",
    `      <section class="hero">
        <h1>Quality used cars, honest prices.</h1>
        <p>Certified pre-owned vehicles, easy financing and a service team that treats you right.</p>
        <p><a class="button" href="/inventory/">Browse ${vehicles.length} vehicles</a></p>
      </section>
      <section class="cards">
        <article><h2>Financing</h2><p>Get pre-approved in minutes, whatever your credit.</p></article>
        <article><h2>Service</h2><p>Oil changes, tires and inspections, with loaner cars available.</p></article>
        <article><h2>Trade-ins</h2><p>A fair appraisal for your current car in about 30 minutes.</p></article>
      </section>
      <h2>Featured certified pre-owned</h2>
      <section class="vehicles">
${featured.map(card).join('\n')}
      </section>
      <section class="assistant-note">
        <h2>Questions? Ask our assistant</h2>
        <p>Open the chat in the corner: it answers from our own hours, financing, service,
        trade-in and inventory information, and connects you with our team for anything else.</p>
      </section>`,
  ),
)
console.log(`wrote ${vehicles.length + 2} pages`)
