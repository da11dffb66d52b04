import { fold } from '../../language/fold.ts'
import { LANGUAGE_CODES, languageOf } from '../../language/language.ts'

// Words that put an end date on an offer, in the packs' languages.
const ENDS =
  /\b(?:valid (?:through|thru|until|till)|good (?:through|thru|until)|expires?(?: on)?|expiring|offer ends|ends|ended|through|thru|until|book by|by|valido hasta|vigente hasta|hasta el|vence(?: el)?|termina(?: el)?)\s*:?\s*/

// Month names of every pack: January…, enero…
const MONTHS: readonly (readonly string[])[] = Array.from({ length: 12 }, (_, i) =>
  LANGUAGE_CODES.flatMap((code) => languageOf(code).pack.months[i] ?? []),
)
const MONTH = MONTHS.flat()
  .sort((a, b) => b.length - a.length)
  .join('|')
// Day names of every pack, as a date may be written after one ("Saturday, December 12").
const DAY = LANGUAGE_CODES.flatMap((code) => Object.values(languageOf(code).pack.days).flat())
  .map((name) => fold(name).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .sort((a, b) => b.length - a.length)
  .join('|')
const DATE = new RegExp(
  String.raw`^(?:(?:${DAY}),?\s+)?(?:(?<m1>${MONTH})\.?\s+(?<d1>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?<y1>\d{4}))?|(?<d2>\d{1,2})\s+de\s+(?<m2>${MONTH})(?:\s+(?:de(?:l)?\s+)?(?<y2>\d{4}))?|(?<m3>\d{1,2})\/(?<d3>\d{1,2})(?:\/(?<y3>\d{2,4}))?)\b`,
)

/** An end date a text puts on an offer, as written and as a day. */
export interface OfferEnd {
  text: string
  /** Local calendar date, `YYYY-MM-DD`. */
  date: string
}

/**
 * The end date of an offer a text states: "Valid through November 30, 2026", "Expires 12/31",
 * "Book by December 20", "válido hasta el 30 de noviembre". A date without a year is taken in the
 * year of `today`.
 *
 * @example
 * ```ts
 * offerEnd('Valid through November 30, 2026.', '2026-12-07') // { text: 'November 30, 2026', date: '2026-11-30' }
 * ```
 */
export function offerEnd(text: string, today: string): OfferEnd | null {
  const folded = fold(text)
  // "Oct. 1 – Nov. 30, 2026": a range ends at its second date.
  const range = new RegExp(String.raw`\b(?:${MONTH})\.?\s+\d{1,2}(?:,?\s+\d{4})?\s*[–—-]\s*`).exec(
    folded,
  )
  if (range) {
    const at = range.index + range[0].length
    const end = readDate(folded.slice(at), text, at, today)
    if (end) return end
  }
  let from = 0
  for (;;) {
    const cue = ENDS.exec(folded.slice(from))
    if (!cue) return null
    const at = from + cue.index + cue[0].length
    const end = readDate(folded.slice(at), text, at, today)
    if (end) return end
    from = at
  }
}

/** The date a folded text starts with, as written in the original text from `at`. */
function readDate(folded: string, text: string, at: number, today: string): OfferEnd | null {
  const date = DATE.exec(folded)
  if (!date?.groups) return null
  const g = date.groups
  const monthName = g.m1 ?? g.m2
  const month = monthName
    ? MONTHS.findIndex((names) => names.includes(monthName)) + 1
    : Number(g.m3)
  const day = Number(g.d1 ?? g.d2 ?? g.d3)
  let year = Number(g.y1 ?? g.y2 ?? g.y3 ?? today.slice(0, 4))
  if (year < 100) year += 2000
  if (month < 1 || month > 12 || day < 1 || day > 31) return null
  return {
    text: text.slice(at, at + date[0].length).trim(),
    date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
  }
}
