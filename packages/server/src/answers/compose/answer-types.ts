import type { AnswerType } from '../../language/pack.ts'

const NUMBER_WORDS =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|quince|veinte|treinta|noventa)'
const DURATION_UNITS =
  '(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|d[ií]as?|semanas?|mes(?:es)?|a[nñ]os?|horas?|minutos?)'

// What each kind of answer looks like in a passage, in English and Spanish.
const PATTERNS: Record<AnswerType, RegExp> = {
  money:
    /\$\s?\d|\b\d[\d,.]*\s?(?:dollars|d[oó]lares|usd)\b|\bfree\b|\bgratis\b|\bno (?:extra )?charge\b|\bcomplimentary\b|\bsin (?:costo|cargo)\b|\bno cost\b|\d\s?%/i,
  duration: new RegExp(
    `(?:\\b\\d+|\\b${NUMBER_WORDS})[\\s-]*${DURATION_UNITS}\\b|\\blifetime\\b|\\bde por vida\\b|\\b\\d+[\\s-]*/[\\s-]*\\d[\\d,]*[\\s-]*(?:miles?|millas)`,
    'i',
  ),
  distance:
    /\b\d[\d,]*\s*(?:-\s*)?(?:miles?|mi\b|millas?|km|kil[oó]metros?)\b|\bradius\b|\bradio\b/i,
  when: /\b\d{1,2}(?::\d\d)?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)|\b\d{1,2}:\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)[a-z]*\.?\s+\d|\b\d{1,2}\s+de\s+(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekdays?|lunes|martes|mi[eé]rcoles|jueves|viernes|s[aá]bado|domingo)s?\b|\b(?:noon|midnight|mediod[ií]a|same day|next (?:business )?day|within)\b|\b(?:19|20)\d\d\b/i,
  person: /\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.)?\s+\p{Lu}[\p{Ll}'’-]+/u,
  count: new RegExp(`\\d|\\b${NUMBER_WORDS}\\b`, 'i'),
}

/**
 * Whether a text holds the kind of answer a question asks for: an amount of money for "how
 * much", a duration for "how long", a distance for "how far", a time or date for "when", a name
 * for "who", a number for "how many".
 *
 * @example
 * ```ts
 * answers('A $300 deposit holds a vehicle for 72 hours.', 'money') // true
 * answers('Brakes are not covered.', 'money') // false
 * ```
 */
export function answers(text: string, type: AnswerType): boolean {
  return PATTERNS[type].test(text)
}
