const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' })
// Abbreviations a sentence does not end at: "ext. 201", "4120 Route 9 St. S", "9 a.m. to 5",
// "Sat. Dec. 19".
const ABBREVIATION =
  /\b(?:ext|st|rd|ave|blvd|dr|mr|mrs|ms|no|nos|approx|vs|etc|inc|jr|sr|mi|min|mins|hr|hrs|qt|qts|oz|lbs?|ft|sq|dept|apt|ste|hwy|mt|e\.g|i\.e|a\.m|p\.m|u\.s|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.$/i

/**
 * The sentences of a paragraph, not cut after an abbreviation ("ext. 201.") or before a
 * lowercase word or a digit.
 *
 * @example
 * ```ts
 * sentencesOf('Call Maria at ext. 201. She answers fast.') // ['Call Maria at ext. 201.', 'She answers fast.']
 * ```
 */
export function sentencesOf(text: string): string[] {
  const sentences: string[] = []
  for (const { segment } of segmenter.segment(text)) {
    const trimmed = segment.trim()
    if (!trimmed) continue
    const previous = sentences.at(-1)
    // "Yes." or "No." alone is no answer: it opens the sentence after it.
    const bare =
      previous !== undefined && /^(?:yes|no|sí|si|of course|claro)[.!,]?$/i.test(previous)
    if (
      previous !== undefined &&
      (bare || ABBREVIATION.test(previous) || /^[\p{Ll}\d]/u.test(trimmed))
    ) {
      sentences[sentences.length - 1] = `${previous} ${trimmed}`
    } else sentences.push(trimmed)
  }
  return sentences
}
