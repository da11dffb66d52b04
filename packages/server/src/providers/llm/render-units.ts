import type { Unit } from './passage-units.ts'

/**
 * Markdown lines for the picked units of one passage, in reading order: a bold label per section,
 * list items as bullets, consecutive sentences as one paragraph. Blank lines separate the blocks,
 * or a paragraph after a list item would be read as part of that item.
 *
 * @example
 * ```ts
 * renderUnits(units, 'Sales hours') // ['**Sales hours**', '', '- Saturday: 9:00 AM – 6:00 PM']
 * ```
 */
export function renderUnits(units: readonly Unit[], label: string | null): string[] {
  const blocks: string[][] = []
  let block: string[] = []
  let blockKind: Unit['kind'] | 'label' | null = null
  let section = label
  const start = (kind: Unit['kind'] | 'label') => {
    if (block.length > 0) blocks.push(block)
    block = []
    blockKind = kind
  }
  const addLabel = (text: string) => {
    start('label')
    block.push(`**${text}**`)
  }
  if (label !== null) addLabel(label)
  for (const unit of [...units].sort((a, b) => a.position - b.position)) {
    const unitSection = unit.section ?? label
    if (unitSection !== section && unitSection !== null) addLabel(unitSection)
    section = unitSection
    if (unit.kind !== blockKind) start(unit.kind)
    if (unit.kind === 'item') block.push(`- ${unit.text}`)
    else block[0] = block.length === 0 ? unit.text : `${block[0]} ${unit.text}`
  }
  if (block.length > 0) blocks.push(block)
  return blocks.flatMap((lines, i) => (i === 0 ? lines : ['', ...lines]))
}
