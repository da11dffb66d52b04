const LIST_MARKER = /^(?:[-*+•●▪◦‣–]|\d{1,3}[.)])\s+/

/**
 * The text of a line written as a list item ("- item", "• item", "2) item"), or null when the
 * line is not one.
 *
 * @example
 * listItemText('• Free car wash') // 'Free car wash'
 */
export function listItemText(line: string): string | null {
  const match = LIST_MARKER.exec(line.trimStart())
  return match ? line.trimStart().slice(match[0].length) : null
}
