const COMBINING_MARKS = /\p{M}+/gu
// Accented Latin letters, ligatures, combining marks and full-width forms: the only characters
// NFKD changes in a way that matters here. Plain ASCII skips the costly normalise.
const NEEDS_FOLDING = /[\u00aa-\u024f\u1e00-\u1eff\ufb00-\ufb06\uff01-\uff5e]|\p{M}/u
const CURLY = /[‘’´`]/g

/**
 * Text as it is compared: lowercase, accents removed ("Sábado" → "sabado"), curly apostrophes
 * straightened. Lengths may change, so offsets into folded text refer to the folded text.
 *
 * @example
 * ```ts
 * fold('¿A qué hora abren el Sábado?') // '¿a que hora abren el sabado?'
 * ```
 */
export function fold(text: string): string {
  const lower = text.toLowerCase().replace(CURLY, "'")
  return NEEDS_FOLDING.test(lower) ? lower.normalize('NFKD').replace(COMBINING_MARKS, '') : lower
}
