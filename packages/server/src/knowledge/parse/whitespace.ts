// Soft hyphens and zero-width spaces are invisible in the source but split words for search.
// (Zero-width joiners stay: they hold emoji sequences together.)
const INVISIBLE = /[\u00ad\u200b\u2060]/g
// Whitespace other than a plain space, or an invisible character: a single class scans fast.
const ODD_CHARACTER = /[^\S ]|[\u00ad\u200b\u2060]/

/**
 * Collapses every run of whitespace, line breaks included, to one space and trims the ends.
 *
 * @example
 * collapseWhitespace('  Service\n  hours ') // 'Service hours'
 */
export function collapseWhitespace(text: string): string {
  // Most strings are already clean, and checking is much cheaper than replacing.
  if (isCollapsed(text)) return text
  return text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
}

function isCollapsed(text: string): boolean {
  const last = text.length - 1
  return (
    text.charCodeAt(0) !== 32 &&
    text.charCodeAt(last) !== 32 &&
    !text.includes('  ') &&
    !ODD_CHARACTER.test(text)
  )
}

/**
 * Collapses whitespace within each line but keeps single line breaks, which carry meaning in
 * addresses and opening hours; blank lines are dropped.
 *
 * @example
 * normalizeLines('Mon–Fri  8–6\n\n\n Sat 9–3') // 'Mon–Fri 8–6\nSat 9–3'
 */
export function normalizeLines(text: string): string {
  if (!text.includes('\n')) return collapseWhitespace(text)
  return text
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n')
}
