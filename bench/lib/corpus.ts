/**
 * Synthetic but realistic dealership text: visitor questions for chat turns, questions and chunks
 * for retrieval, and large Markdown uploads. Everything comes from a seeded generator, so two runs
 * insert and ask the same things and their figures can be compared.
 */

/** mulberry32: tiny, fast, and good enough to vary templates reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Random = () => number
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!
const between = (random: Random, min: number, max: number) =>
  Math.round(min + random() * (max - min))
const money = (n: number) => `$${n.toLocaleString('en-US')}`

/**
 * What visitors ask the demo dealership, in roughly the proportions a sales site sees: hours,
 * financing, service prices, trade-ins, inventory, and some questions it cannot answer.
 */
export const VISITOR_QUESTIONS: readonly string[] = [
  'What time do you open on Saturday?',
  'Are you open on Sundays?',
  'What are your service department hours?',
  'Where is the dealership located?',
  'Can I get financing with bad credit?',
  'What APR can I expect on a used car?',
  'Does getting pre-approved affect my credit score?',
  'Do you offer leases?',
  'What documents do I need to bring to buy a car?',
  'How much is a full synthetic oil change?',
  'How much does a tire rotation cost?',
  'Do you do state inspections, and how much?',
  'Do you have loaner cars while mine is in the shop?',
  'How much is a brake pad replacement?',
  'How do I book a service appointment?',
  'How does your trade-in appraisal work?',
  'Can I trade in a car I still owe money on?',
  'How long is a trade-in offer good for?',
  'Do you have any Toyota RAV4s in stock?',
  'Show me SUVs under $25,000',
  'Do you have a pickup truck for sale?',
  'Is the Jeep Grand Cherokee still available?',
  'Any certified pre-owned Hondas?',
  'What is the cheapest sedan you have?',
  'Do you have a Tesla Model 3?',
  'What is your return policy?',
  'Do you have a warranty on used cars?',
  'Can I test drive a car this evening?',
  'hi there',
  'What is the weather going to be like tomorrow?',
  'Can you recommend a good pizza place nearby?',
  'Who won the game last night?',
  'thanks, that helps!',
]

const VEHICLES = [
  ['Toyota', 'RAV4', 'SUV'],
  ['Toyota', 'Camry', 'Sedan'],
  ['Toyota', 'Tacoma', 'Pickup Truck'],
  ['Toyota', 'Highlander', 'SUV'],
  ['Honda', 'CR-V', 'SUV'],
  ['Honda', 'Civic', 'Sedan'],
  ['Honda', 'Odyssey', 'Minivan'],
  ['Honda', 'Accord', 'Sedan'],
  ['Ford', 'F-150', 'Pickup Truck'],
  ['Ford', 'Explorer', 'SUV'],
  ['Ford', 'Mustang', 'Coupe'],
  ['Ford', 'Escape', 'SUV'],
  ['Chevrolet', 'Equinox', 'SUV'],
  ['Chevrolet', 'Silverado 1500', 'Pickup Truck'],
  ['Chevrolet', 'Malibu', 'Sedan'],
  ['Jeep', 'Grand Cherokee', 'SUV'],
  ['Jeep', 'Wrangler', 'SUV'],
  ['Subaru', 'Outback', 'Wagon'],
  ['Subaru', 'Crosstrek', 'SUV'],
  ['Subaru', 'Forester', 'SUV'],
  ['Mazda', 'CX-5', 'SUV'],
  ['Mazda', 'Mazda3', 'Sedan'],
  ['Hyundai', 'Tucson', 'SUV'],
  ['Hyundai', 'Elantra', 'Sedan'],
  ['Kia', 'Sportage', 'SUV'],
  ['Kia', 'Telluride', 'SUV'],
  ['Nissan', 'Altima', 'Sedan'],
  ['Nissan', 'Rogue', 'SUV'],
  ['Ram', '1500', 'Pickup Truck'],
  ['GMC', 'Acadia', 'SUV'],
  ['BMW', 'X3', 'SUV'],
  ['Tesla', 'Model 3', 'Sedan'],
  ['Volkswagen', 'Jetta', 'Sedan'],
  ['Volkswagen', 'Tiguan', 'SUV'],
] as const
const TRIMS = ['LX', 'EX', 'EX-L', 'Sport', 'XLE', 'SE', 'Limited', 'Touring', 'Premium', 'LT']
const COLORS = ['Magnetic Gray', 'Platinum White', 'Rallye Red', 'Oxford White', 'Mosaic Black']
const MORE_COLORS = ['Celestial Silver', 'Horizon Blue', 'Soul Red Crystal', 'Lunar Rock']
const ALL_COLORS = [...COLORS, ...MORE_COLORS]
const FEATURES = [
  'heated front seats',
  'Apple CarPlay and Android Auto',
  'a power liftgate',
  'blind-spot monitoring',
  'adaptive cruise control',
  'a panoramic moonroof',
  'all-wheel drive',
  'a backup camera',
  'remote start',
  'leather upholstery',
  'a tow package',
  'third-row seating',
  'lane-keeping assist',
  'a premium audio system',
  'keyless entry with push-button start',
]
const SERVICES: readonly (readonly [string, number, number])[] = [
  ['conventional oil change', 35, 45],
  ['full synthetic oil change', 70, 95],
  ['tire rotation', 20, 30],
  ['four-wheel alignment', 90, 130],
  ['brake pad replacement', 170, 260],
  ['battery replacement', 140, 220],
  ['cabin air filter replacement', 40, 60],
  ['check engine light diagnosis', 80, 140],
  ['transmission fluid service', 150, 230],
  ['coolant flush', 110, 160],
  ['state safety inspection', 25, 40],
  ['emissions test', 20, 35],
]
const LOCATIONS = ['Larkspur Falls', 'Cedar Grove', 'Millbrook', 'Port Haven', 'Ridgeview']
const DEPARTMENTS = ['sales', 'service', 'parts', 'finance']
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const POLICIES = [
  'return policy',
  'limited powertrain warranty',
  'refundable deposit',
  'home delivery',
  'test drive policy',
  'documentation fee',
  'price match promise',
  'vehicle history reports',
]

/** Sentences for one chunk, appended until it reaches about 1,000 characters. */
function fill(first: string, more: () => string, size = 1000): string {
  let text = first
  while (text.length < size - 120) text += ` ${more()}`
  return text.length > size + 200 ? `${text.slice(0, size).replace(/\s\S*$/, '')}.` : text
}

function vehicleChunk(random: Random): { heading: string; content: string } {
  const [make, model, body] = pick(random, VEHICLES)
  const year = between(random, 2015, 2024)
  const trim = pick(random, TRIMS)
  const stock = `A${between(random, 10_000, 99_999)}`
  const miles = between(random, 4, 120) * 1000 + between(random, 0, 999)
  const price = between(random, 90, 520) * 100 - 5
  const color = pick(random, ALL_COLORS)
  const certified = random() < 0.45
  return {
    heading: `${year} ${make} ${model} ${trim} (stock ${stock})`,
    content: fill(
      `This ${year} ${make} ${model} ${trim} ${body.toLowerCase()} in ${color} has ` +
        `${miles.toLocaleString('en-US')} miles and is priced at ${money(price)}.`,
      () =>
        pick(random, [
          () => `It comes with ${pick(random, FEATURES)} and ${pick(random, FEATURES)}.`,
          () =>
            certified
              ? 'It is certified pre-owned, with a 12-month/12,000-mile limited warranty.'
              : 'It is sold with a 30-day/1,000-mile powertrain warranty.',
          () => `Fuel economy is about ${between(random, 18, 41)} mpg combined.`,
          () => `Estimated payment ${money(Math.round(price / 60))}/month for 72 months.`,
          () => `It is on the ${pick(random, LOCATIONS)} lot; ask for stock ${stock}.`,
          () => `The history report shows ${between(random, 1, 3)} previous owner(s).`,
          () => 'Schedule a test drive online and it will be ready when you arrive.',
        ])(),
    ),
  }
}

function serviceChunk(random: Random): { heading: string; content: string } {
  const [name, low, high] = pick(random, SERVICES)
  const location = pick(random, LOCATIONS)
  const price = between(random, low, high) + 0.95
  return {
    heading: `${name[0]!.toUpperCase()}${name.slice(1)} at ${location}`,
    content: fill(
      `A ${name} at our ${location} service center costs $${price.toFixed(2)} for most vehicles.`,
      () =>
        pick(random, [
          () => `It usually takes about ${between(random, 20, 120)} minutes.`,
          () => 'Trucks, European models and special fluids can cost more; we ask first.',
          () => `Book online or call the ${location} service desk.`,
          () => 'Every visit includes a free multi-point inspection and tire pressure check.',
          () => `Loaner cars are available for repairs longer than ${between(random, 3, 6)} hours.`,
          () => 'Prices are before tax; you always get a written estimate before any work.',
          () => `Add a tire rotation for $${between(random, 10, 20)} with any oil change.`,
        ])(),
    ),
  }
}

function policyChunk(random: Random): { heading: string; content: string } {
  const policy = pick(random, POLICIES)
  const days = between(random, 3, 14)
  return {
    heading: `Our ${policy}`,
    content: fill(`Here is how our ${policy} works at every store in the group.`, () =>
      pick(random, [
        () => `You may return a vehicle within ${days} days or 500 miles for a full refund.`,
        () => `A ${money(between(random, 2, 10) * 100)} deposit holds a car for 48 hours.`,
        () => `Home delivery is free within ${between(random, 15, 60)} miles.`,
        () => `Our documentation fee is ${money(between(random, 150, 400))}, shown up front.`,
        () => 'Test drives need a valid driver license and proof of insurance.',
        () => 'Every vehicle comes with a free vehicle history report.',
        () => 'If you find the same car for less within 50 miles, we match the price.',
        () => 'Questions? Ask any sales consultant or call the main line.',
      ])(),
    ),
  }
}

function hoursChunk(random: Random): { heading: string; content: string } {
  const location = pick(random, LOCATIONS)
  const department = pick(random, DEPARTMENTS)
  const open = between(random, 7, 9)
  const close = between(random, 5, 9)
  return {
    heading: `${location} ${department} hours and contact`,
    content: fill(
      `The ${location} ${department} department is open Monday to Friday ` +
        `${open}:00 AM to ${close}:00 PM and Saturday ${open + 1}:00 AM to 3:00 PM.`,
      () =>
        pick(random, [
          () => `Call (555) 01${between(random, 0, 9)}-${between(random, 1000, 9999)}.`,
          () => `We are closed on Sunday and on ${pick(random, ['July 4', 'Thanksgiving'])}.`,
          () => `Find us on Route ${between(random, 1, 99)}, next to the town square.`,
          () => 'Walk-ins are welcome; appointments are seen first.',
          () => `Financing applications can be started online at any hour.`,
          () => `Parking for customers is free in the ${pick(random, ['east', 'west'])} lot.`,
        ])(),
    ),
  }
}

const CHUNK_KINDS = [vehicleChunk, vehicleChunk, serviceChunk, policyChunk, hoursChunk]

/** `count` chunks of about 1,000 characters: vehicles (most), services, policies and hours. */
export function dealershipChunks(
  count: number,
  seed: number,
): { heading: string; content: string }[] {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => pick(random, CHUNK_KINDS)(random))
}

/** A few hundred varied retrieval questions: inventory, prices, hours, policies, off-topic. */
export function retrievalQuestions(count: number, seed: number): string[] {
  const random = seededRandom(seed)
  const templates: (() => string)[] = [
    () => {
      const [make, model] = pick(random, VEHICLES)
      return `Do you have a ${make} ${model} in stock?`
    },
    () => {
      const [make, model] = pick(random, VEHICLES)
      const year = between(random, 2016, 2024)
      return `How much is the ${year} ${make} ${model} ${pick(random, TRIMS)}?`
    },
    () =>
      `Any ${pick(random, ALL_COLORS).toLowerCase()} ${pick(random, VEHICLES)[2]} under ${money(
        between(random, 15, 40) * 1000,
      )}?`,
    () => `What does a ${pick(random, SERVICES)[0]} cost?`,
    () => `What are your ${pick(random, DEPARTMENTS)} hours on ${pick(random, DAYS)}?`,
    () => `Is the ${pick(random, LOCATIONS)} store open on ${pick(random, DAYS)}?`,
    () => `Tell me about your ${pick(random, POLICIES)}`,
    () => `Which cars have ${pick(random, FEATURES)}?`,
    () => pick(random, ['Can I return a car?', 'Do you deliver?', 'Will you match a price?']),
    () => pick(random, ['What is the weather today?', 'Best pizza near me?', 'hello']),
  ]
  return Array.from({ length: count }, () => pick(random, templates)())
}

/**
 * A distinct Markdown document of exactly `bytes` bytes (ASCII, so characters are bytes): a
 * dealer group's price list with sections made of chunk text. `seed` makes each upload unique.
 */
export function largeMarkdown(bytes: number, seed: number): string {
  const random = seededRandom(seed)
  const parts = [`# Price list and policies, edition ${seed}\n`]
  let size = parts[0]!.length
  while (size < bytes) {
    const chunk = pick(random, CHUNK_KINDS)(random)
    const section = `\n## ${chunk.heading}\n\n${chunk.content}\n`
    parts.push(section)
    size += section.length
  }
  return parts.join('').slice(0, bytes)
}
