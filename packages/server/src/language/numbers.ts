import { NumberRecognizer } from '@microsoft/recognizers-text-number'
import type { Language } from './language.ts'
import { PhraseMatcher } from './phrases.ts'
import { tokensOf } from './tokenize.ts'

/** A number written in a text, as digits ("30,000", "30k") or words ("twenty five thousand"). */
export interface NumberMention {
  value: number
  /** Offsets in the text given. */
  start: number
  end: number
}

type NumberModel = ReturnType<NumberRecognizer['getNumberModel']>
const models = new Map<string, NumberModel>()

function modelFor(culture: string): NumberModel {
  let model = models.get(culture)
  if (!model) {
    model = new NumberRecognizer(culture).getNumberModel()
    models.set(culture, model)
  }
  return model
}

const multiplierMatchers = new WeakMap<Language, PhraseMatcher<number>>()

function multipliersOf(language: Language): PhraseMatcher<number> {
  let matcher = multiplierMatchers.get(language)
  if (!matcher) {
    matcher = new PhraseMatcher(
      Object.entries(language.pack.multipliers).map(([phrase, value]) => ({ phrase, value })),
    )
    multiplierMatchers.set(language, matcher)
  }
  return matcher
}

/**
 * The numbers of a (folded) text, read with Microsoft's Recognizers-Text in the language's
 * culture: digits with separators, "30k", "twenty five thousand", "veinte mil". A multiplier
 * word the recognizer leaves out ("15 grand") multiplies the number before it.
 *
 * @example
 * ```ts
 * readNumbers('under 25 thousand with less than 40k miles', ENGLISH)
 * // [{ value: 25000, start: 6, end: 17 }, { value: 40000, start: 33, end: 36 }]
 * ```
 */
export function readNumbers(folded: string, language: Language): NumberMention[] {
  if (!/[\d\p{L}]/u.test(folded)) return []
  const digits = digitNumbers(folded)
  const results = modelFor(language.pack.numberCulture).parse(folded)
  const mentions: NumberMention[] = []
  for (const result of results) {
    const [start, end] = [result.start, result.end + 1]
    // Digits the recognizer read on their own are read as written here, the same in every
    // language; "25 mil" (digits and words) stays the recognizer's.
    const written = digits.find((d) => d.start <= start && d.end >= end)
    if (written) {
      if (!mentions.includes(written)) mentions.push(written)
      continue
    }
    const value = Number((result.resolution as { value?: string }).value)
    if (Number.isFinite(value)) mentions.push({ value, start, end })
  }
  applyMultipliers(folded, mentions, language)
  return mentions
}

// "30,000", "30.000", "19,995.50", "2.5": a group of three digits after a separator is
// thousands, in US Spanish as in English (the recognizer's Spanish reads "$30,000" as 30);
// one or two digits after the last separator are decimals.
const DIGITS =
  /(?<![\d.,])\d{1,3}(?:([,.])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?(?![\d])|(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])/g

function digitNumbers(text: string): NumberMention[] {
  const mentions: NumberMention[] = []
  for (const match of text.matchAll(DIGITS)) {
    const raw = match[0]
    const grouped = /^\d{1,3}([,.])\d{3}(?:\1\d{3})*(?:[.,]\d{1,2})?$/.exec(raw)
    let value: number
    if (grouped) {
      const separator = grouped[1]!
      const decimal = /[.,](\d{1,2})$/.exec(raw.slice(raw.lastIndexOf(separator) + 4))
      const whole = raw
        .slice(0, decimal ? raw.length - decimal[0].length : raw.length)
        .split(separator)
        .join('')
      value = Number(whole) + (decimal ? Number(`0.${decimal[1]}`) : 0)
    } else value = Number(raw.replace(',', '.'))
    if (Number.isFinite(value))
      mentions.push({ value, start: match.index, end: match.index + raw.length })
  }
  return mentions
}

function applyMultipliers(folded: string, mentions: NumberMention[], language: Language): void {
  const matcher = multipliersOf(language)
  for (const mention of mentions) {
    const after = tokensOf(folded.slice(mention.end, mention.end + 12))
    if (after.length === 0 || after[0]!.start > 1) continue
    const match = matcher.at(
      after.map((t) => t.text),
      0,
    )
    if (match && mention.value < 1000) {
      mention.value *= match.value
      mention.end += after[match.length - 1]!.end
    }
  }
}

/**
 * Loads the recognizer of each language once, so the first visitor of a language does not wait
 * for it (hundreds of milliseconds the first time).
 */
export function warmUpNumbers(languages: readonly Language[]): void {
  for (const language of languages) readNumbers('twenty 5', language)
}
