import { describe, expect, it } from 'vitest'
import { sectionLabel, splitUnits } from './passage-units.ts'

describe('splitUnits', () => {
  it('splits list items, field lines and sentences, trimming list markers', () => {
    const units = splitUnits(
      '- Saturday: 9:00 AM – 6:00 PM\n* Sunday: Closed\n\nWalk-ins are welcome. Call us first.\n' +
        'Sales: (555) 010-4200',
    )
    expect(units.map(({ text, kind }) => [kind, text])).toEqual([
      ['item', 'Saturday: 9:00 AM – 6:00 PM'],
      ['item', 'Sunday: Closed'],
      ['sentence', 'Walk-ins are welcome.'],
      ['sentence', 'Call us first.'],
      ['item', 'Sales: (555) 010-4200'],
    ])
  })

  it('keeps Markdown headings inside the text as the section of the units below', () => {
    const units = splitUnits('## Sales hours\n- Saturday: 9–6\n## Service hours\n- Saturday: 8–2')
    expect(units.map((unit) => unit.section)).toEqual(['Sales hours', 'Service hours'])
  })

  it('skips table rules and trims table edges', () => {
    const units = splitUnits('| Day | Hours |\n| --- | --- |\n| Saturday | 9–6 |')
    expect(units.map((unit) => unit.text)).toEqual(['Day | Hours', 'Saturday | 9–6'])
  })
})

describe('sectionLabel', () => {
  it('keeps the last part of a section path', () => {
    expect(sectionLabel('Hours and Contact › Sales hours')).toBe('Sales hours')
    expect(sectionLabel('Sales hours')).toBe('Sales hours')
    expect(sectionLabel(null)).toBe(null)
  })
})
