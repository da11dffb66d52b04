/** A phone number found in a text, with where it sits. */
export interface PhoneMention {
  /** As written, tidied: "(555) 010-4200", "555-010-4200 ext. 214". */
  number: string
  extension: string | null
  start: number
  end: number
}

// North American numbers as dealers write them: (555) 010-4200, 555-010-4200, 555.010.4200,
// +1 555 010 4200, 1-800-555-0100; with an optional extension.
const PHONE =
  /(?<![\d-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\d-])(?:\s*(?:,\s*)?(?:ext\.?|x|extension|extensi[oó]n)\s*#?\s*(\d{1,6}))?/gi
const EXTENSION = /\b(?:ext\.?|extension|extensi[oó]n|x)\s*#?\s*(\d{1,6})\b/gi
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g
const URL_PATTERN =
  /\bhttps?:\/\/[^\s<>"')\]]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+(?:\/[^\s<>"')\]]*)?/gi

/**
 * Phone numbers in a text.
 *
 * @example
 * ```ts
 * findPhones('Service: (555) 010-4210 ext. 3')[0] // { number: '(555) 010-4210', extension: '3', … }
 * ```
 */
export function findPhones(text: string): PhoneMention[] {
  const found: PhoneMention[] = []
  for (const m of text.matchAll(PHONE)) {
    const whole = m[0]
    const extension = m[1] ?? null
    const number = (
      extension ? whole.slice(0, whole.search(/\s*,?\s*(?:ext|x|extension|extensi)/i)) : whole
    ).trim()
    found.push({ number, extension, start: m.index, end: m.index + whole.length })
  }
  return found
}

/**
 * Extensions written on their own ("ext. 214", "x214"), outside full phone numbers.
 *
 * @example
 * ```ts
 * findExtensions('Maria Lopez, Service Advisor, ext. 214') // ['214']
 * ```
 */
export function findExtensions(text: string): string[] {
  const phones = findPhones(text)
  const inPhone = (index: number) => phones.some((p) => index >= p.start && index < p.end)
  return [...text.matchAll(EXTENSION)].filter((m) => !inPhone(m.index)).map((m) => m[1]!)
}

/** Email addresses in a text. */
export function findEmails(text: string): string[] {
  return [...text.matchAll(EMAIL)].map((m) => m[0].replace(/\.$/, ''))
}

/** Web addresses in a text, as written. */
export function findUrls(text: string): string[] {
  return [...text.matchAll(URL_PATTERN)].map((m) => m[0].replace(/[.,;:]+$/, ''))
}

const STREET_TYPES = [
  'street',
  'st',
  'avenue',
  'ave',
  'av',
  'road',
  'rd',
  'boulevard',
  'blvd',
  'drive',
  'dr',
  'lane',
  'ln',
  'way',
  'highway',
  'hwy',
  'route',
  'rte',
  'rt',
  'parkway',
  'pkwy',
  'pike',
  'court',
  'ct',
  'place',
  'pl',
  'circle',
  'cir',
  'trail',
  'trl',
  'terrace',
  'expressway',
  'expy',
  'freeway',
  'fwy',
  'turnpike',
  'tpke',
  'plaza',
  'square',
  'sq',
  'loop',
  'calle',
  'avenida',
  'camino',
  'carretera',
  'broadway',
  'row',
  'alley',
  'center',
  'crossing',
  'xing',
  'run',
  'path',
  'bypass',
]
const STATES =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR'
const ADDRESS = new RegExp(
  String.raw`\b\d{1,6}[A-Z]?(?:\s+[NSEW]\.?)?(?:\s+[\w'.-]+){0,6}?\s+(?:${STREET_TYPES.join('|')})\.?` +
    String.raw`(?:\s+\d{1,4}[A-Za-z]{0,2})?(?:\s+(?:North|South|East|West|N|S|E|W|NE|NW|SE|SW)\.?)?` +
    String.raw`,?(?:\s+(?:Suite|Ste|Unit|#)\.?\s*[\w-]+,?)?\s+[A-Z][\w.' -]{1,40}?,\s*(?:${STATES})\.?\s+\d{5}(?:-\d{4})?`,
  'gi',
)

/**
 * Street addresses in a text ("4120 Route 9 South, Larkspur Falls, OH 43999").
 *
 * @example
 * ```ts
 * findAddresses('Visit us at 88 Main St, Springfield, IL 62701.') // ['88 Main St, Springfield, IL 62701']
 * ```
 */
export function findAddresses(text: string): string[] {
  // "(555) 302-1190 4418 Clinton Highway…": the last number before the street is its own.
  return [...text.matchAll(ADDRESS)].map((m) =>
    m[0]
      .replace(/\s+/g, ' ')
      .replace(/^(?:\d+\s+)+(?=\d+\s)/, '')
      .trim(),
  )
}

// Case-sensitive but for the street type: "Road" and "road", never "in the Building".
const STREET_TYPE = STREET_TYPES.flatMap((type) => [
  type,
  type[0]!.toUpperCase() + type.slice(1),
  type.toUpperCase(),
]).join('|')
const STREET = new RegExp(
  String.raw`\b\d{1,6}[A-Z]?(?:\s+[NSEW]\.?)?(?:\s+[A-Z0-9][\w'.-]*){0,4}?\s+(?:${STREET_TYPE})\b\.?(?:\s+\d{1,4}[A-Za-z]{0,2})?(?:\s+(?:North|South|East|West|N|S|E|W)\b\.?)?`,
  'g',
)

/**
 * A street address without its city ("5310 Hudson Road"): the address of a department named
 * beside it, at the same place as the dealership.
 *
 * @example
 * ```ts
 * findStreets('Collision Center is behind the showroom: 5310 Hudson Road.') // ['5310 Hudson Road']
 * ```
 */
export function findStreets(text: string): string[] {
  return [...text.matchAll(STREET)].map((m) => m[0].replace(/\s+/g, ' ').replace(/\.$/, '').trim())
}

/** The two-letter state of an address, if it has one. */
export function stateOf(address: string): string | null {
  return (
    new RegExp(String.raw`,\s*(${STATES})\.?\s+\d{5}`, 'i').exec(address)?.[1]?.toUpperCase() ??
    null
  )
}
