import type { InventoryQuery } from '@avataradam/sdk/protocol'
import type { LanguagePack } from '../../language/pack.ts'
import type { Message } from './message.ts'
import { findAll } from './spans.ts'

/** Ranges a message puts on price, mileage, model year and MPG. */
export interface Amounts {
  query: Pick<
    InventoryQuery,
    'priceMin' | 'priceMax' | 'mileageMin' | 'mileageMax' | 'yearMin' | 'yearMax' | 'mpgMin'
  >
  /** Token spans the amounts and their words took. */
  spans: { start: number; length: number }[]
  /** How many limits were read. */
  constraints: number
  /** "cheaper", "for less": a price below something unnamed. */
  cheaper: boolean
}

type Compare = keyof LanguagePack['compare']

const YEAR_MIN = 1980
const YEAR_MAX = 2035

/**
 * Reads the limits a visitor puts on vehicles: "under $30k", "25 thousand", "between 20 and
 * 25k", "less than 40k miles", "2020 or newer", "at least 30 mpg", "menos de 20 mil". A bare
 * price ("a RAV4 for 25k") is a budget; a bare four-digit year ("2021 RAV4") is that year.
 *
 * @example
 * ```ts
 * readAmounts(readMessage('suvs between 20 and 25k with under 40k miles', options)).query
 * // { priceMin: 20000, priceMax: 25000, mileageMax: 40000 }
 * ```
 */
export function readAmounts(message: Message): Amounts {
  const { words, analysis, language, numbers, text } = message
  const tokens = analysis.tokens
  const tokenAt = (offset: number) => tokens.findIndex((t) => offset >= t.start && offset < t.end)
  const compares = findAll(words, language, (l) => l.compare)
  const units = findAll(words, language, (l) => l.units)
  const query: Amounts['query'] = {}
  const spans: Amounts['spans'] = []
  let constraints = 0
  const mentions = numbers
    .map((n) => ({ ...n, first: tokenAt(n.start), last: tokenAt(n.end - 1) }))
    .filter((n) => n.first !== -1)
  for (let m = 0; m < mentions.length; m++) {
    const mention = mentions[m]!
    let value = mention.value
    const before = compares.filter(
      (c) => c.start + c.length <= mention.first && c.start + c.length >= mention.first - 2,
    )
    const after = compares.filter((c) => c.start > mention.last && c.start <= mention.last + 2)
    const unitAfter = units.find((u) => u.start > mention.last && u.start <= mention.last + 2)
    const money =
      /\$\s*$/.test(text.slice(0, mention.start)) ||
      text.slice(mention.start, mention.end).includes('$') ||
      unitAfter?.value === 'money' ||
      /k\b|mil\b|grand|thousand/.test(text.slice(mention.start, mention.end))
    let compare: Compare | undefined = before.at(-1)?.value
    const afterCompare = after.find((c) => c.value === 'orNewer' || c.value === 'orOlder')
    // "between 20 and 25k": the first end shares the second's thousands.
    const next = mentions[m + 1]
    if (
      compare === 'between' &&
      next &&
      value < 1000 &&
      next.value >= 1000 &&
      value * 1000 <= next.value
    ) {
      value *= 1000
    }
    const kind =
      unitAfter?.value === 'miles'
        ? 'mileage'
        : unitAfter?.value === 'mpg'
          ? 'mpg'
          : !money && Number.isInteger(value) && value >= YEAR_MIN && value <= YEAR_MAX
            ? 'year'
            : money || value >= 1000
              ? 'price'
              : null
    if (kind === null) continue
    // "I'm about 50 miles out": how far the visitor is, not a vehicle's mileage.
    if (kind === 'mileage' && unitAfter) {
      const afterUnit = unitAfter.start + unitAfter.length
      if (findAll(words, language, (l) => l.intents.distance).some((d) => d.start === afterUnit))
        continue
    }
    const inBetween = compare === 'between' && next !== undefined
    if (inBetween) {
      // The second number closes the range; it takes the first's kind when it has no unit.
      const nextUnit = units.find((u) => u.start > next.last && u.start <= next.last + 2)
      const nextKind = nextUnit?.value === 'miles' ? 'mileage' : kind
      set(query, nextKind, 'min', value)
      set(query, nextKind, 'max', next.value)
      constraints += 2
      spans.push(...spanOf(before.at(-1)), {
        start: mention.first,
        length: next.last - mention.first + 1,
      })
      if (nextUnit) spans.push({ start: nextUnit.start, length: nextUnit.length })
      m++
      continue
    }
    if (afterCompare) compare = afterCompare.value
    if (kind === 'year') {
      if (compare === 'orNewer' || compare === 'above')
        set(query, 'year', 'min', afterCompare || compare !== 'above' ? value : value + 1)
      else if (compare === 'orOlder' || compare === 'below')
        set(query, 'year', 'max', afterCompare ? value : value - 1)
      else {
        set(query, 'year', 'min', value)
        set(query, 'year', 'max', value)
      }
    } else if (kind === 'mpg') {
      set(query, 'mpg', 'min', value)
    } else if (compare === 'above') set(query, kind, 'min', value)
    else if (compare === 'around') {
      set(query, kind, 'min', Math.round(value * 0.9))
      set(query, kind, 'max', Math.round(value * 1.1))
    } else set(query, kind, 'max', value)
    constraints++
    spans.push({ start: mention.first, length: mention.last - mention.first + 1 })
    spans.push(...spanOf(before.at(-1)), ...spanOf(afterCompare))
    if (unitAfter) spans.push({ start: unitAfter.start, length: unitAfter.length })
  }
  const cheaper =
    compares.some((c) => c.value === 'below') ||
    /\bcheaper\b|\bmas barat|\bfor less\b|\bpor menos\b/.test(text)
  return { query, spans, constraints, cheaper }
}

function set(
  query: Amounts['query'],
  kind: 'price' | 'mileage' | 'year' | 'mpg',
  bound: 'min' | 'max',
  value: number,
): void {
  if (kind === 'mpg') {
    query.mpgMin = value
    return
  }
  const key = `${kind}${bound === 'min' ? 'Min' : 'Max'}` as keyof Amounts['query']
  query[key] = value
}

function spanOf(match: { start: number; length: number } | undefined) {
  return match ? [{ start: match.start, length: match.length }] : []
}
