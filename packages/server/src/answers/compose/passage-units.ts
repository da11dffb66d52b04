import { sentencesOf } from '../../language/sentences.ts'

/** A quotable piece of a passage: one list item or field line, or one sentence of prose. */
export interface Unit {
  text: string
  kind: 'item' | 'sentence' | 'heading'
  /** Order within the passage, so picked units can be put back in reading order. */
  position: number
  /** The Markdown heading above it inside the passage text, for passages spanning sections. */
  section: string | null
}

const LIST_MARKER = /^(?:[-*+•▪◦]|\d{1,2}[.)])\s+/
const HEADING_MARKER = /^#{1,6}\s+/
const TABLE_RULE = /^\|?[\s:|-]+\|?$/
const TABLE_EDGES = /^\|\s*|\s*\|$/g
const FIELD_LINE = /^[^:.!?]{1,40}:\s+\S/
const SENTENCE_END = /[.!?]["')\]]?$/
/**
 * Splits a passage into list items, "Field: value" lines and sentences, with list markers and
 * table edges trimmed. Markdown heading lines are not units; they become the `section` of the units
 * below them.
 *
 * @example
 * ```ts
 * splitUnits('## Sales hours\n- Saturday: 9:00 AM – 6:00 PM\nWalk-ins welcome. Call first.')
 * // items: 'Saturday: 9:00 AM – 6:00 PM'; sentences: 'Walk-ins welcome.', 'Call first.'
 * ```
 */
export function splitUnits(text: string): Unit[] {
  const units: Unit[] = []
  let section: string | null = null
  const push = (unitText: string, kind: Unit['kind']): void => {
    if (/[\p{L}\p{N}]/u.test(unitText)) {
      units.push({ text: unitText, kind, position: units.length, section })
    }
  }
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line === '' || (line.includes('-') && TABLE_RULE.test(line))) continue
    if (HEADING_MARKER.test(line)) {
      section = line.replace(HEADING_MARKER, '').trim() || null
      continue
    }
    if (LIST_MARKER.test(line)) push(line.replace(LIST_MARKER, ''), 'item')
    else if (line.startsWith('|')) push(line.replace(TABLE_EDGES, ''), 'item')
    else if (FIELD_LINE.test(line) && !SENTENCE_END.test(line)) push(line, 'item')
    else if (line.length < 80 && !SENTENCE_END.test(line)) push(line, 'item')
    else for (const sentence of sentencesOf(line)) push(sentence, 'sentence')
  }
  return units
}

/**
 * The last part of a section path ("Hours › Sales hours" → "Sales hours"), as a short label.
 *
 * @example
 * ```ts
 * sectionLabel('Hours and Contact › Sales hours') // 'Sales hours'
 * ```
 */
export function sectionLabel(heading: string | null): string | null {
  const label = heading
    ?.split(/\s+[›>»/]\s+/)
    .at(-1)
    ?.trim()
  return label === undefined || label === '' ? null : label
}
