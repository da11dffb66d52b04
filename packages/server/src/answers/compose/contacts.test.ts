import type { DealershipFacts } from '@avataradam/sdk/protocol'
import { describe, expect, it } from 'vitest'
import { ENGLISH, languageOf } from '../../language/language.ts'
import type { Evidence } from '../evidence.ts'
import { contactAnswer, findStaff } from './contacts.ts'

const SPANISH = languageOf('es')

const facts: DealershipFacts = {
  departments: [
    {
      department: 'sales',
      hours: {},
      phones: [
        { number: '(555) 010-4299', label: 'Text us' },
        { number: '(555) 010-4200', label: 'Sales' },
      ],
      emails: ['sales@example.com'],
      sources: ['doc-contact'],
    },
    {
      department: 'parts',
      hours: {},
      phones: [{ number: '(555) 010-4220' }],
      emails: ['parts@example.com'],
    },
    {
      department: 'collision',
      hours: {},
      phones: [],
      emails: [],
      address: '88 Industrial Way, Westfield',
    },
  ],
  address: '4120 Route 9, Westfield, NJ 07090',
  website: 'https://example.com',
  staff: [
    {
      name: 'Priya Raman',
      title: 'Finance Manager',
      department: 'finance',
      phone: '(555) 010-4230',
      extension: '230',
      email: 'priya@example.com',
      source: 'doc-staff',
    },
    { name: 'Marcus Bell', title: 'Parts Manager', department: 'parts', extension: '220' },
    { name: 'Lucía Gómez', title: 'Sales Consultant', department: 'sales', languages: 'Spanish' },
  ],
  holidays: [],
}

const evidence: Evidence = {
  facts,
  timezone: null,
  titles: {},
  search: null,
  pageVehicle: null,
  vehicles: [],
  similar: null,
  now: new Date('2026-03-07T15:30:00Z'),
}

describe('contactAnswer', () => {
  it('gives the main number, not a text line, when no department is named', () => {
    expect(contactAnswer({ kind: 'phone', department: null }, evidence, ENGLISH)).toEqual({
      lead: ['You can call us at (555) 010-4200.'],
      details: [],
      sources: ['doc-contact'],
      context: { topic: 'phone', department: null },
    })
  })

  it('gives a department’s number and email', () => {
    expect(contactAnswer({ kind: 'phone', department: 'parts' }, evidence, ENGLISH)?.lead).toEqual([
      'You can reach Parts at (555) 010-4220.',
    ])
    expect(contactAnswer({ kind: 'email', department: 'parts' }, evidence, ENGLISH)?.lead).toEqual([
      'You can email Parts at parts@example.com.',
    ])
  })

  it('gives nothing for a department the facts have no number for', () => {
    expect(contactAnswer({ kind: 'phone', department: 'finance' }, evidence, ENGLISH)).toBe(null)
  })

  it('gives the dealership’s address, or a department’s own', () => {
    expect(contactAnswer({ kind: 'address', department: null }, evidence, ENGLISH)?.lead).toEqual([
      "We're at 4120 Route 9, Westfield, NJ 07090.",
    ])
    expect(
      contactAnswer({ kind: 'address', department: 'collision' }, evidence, ENGLISH)?.lead,
    ).toEqual(['The collision center: 88 Industrial Way, Westfield.'])
    expect(contactAnswer({ kind: 'website' }, evidence, ENGLISH)?.lead).toEqual([
      'Our website is https://example.com.',
    ])
  })

  it('names a member of staff by title, with how to reach them', () => {
    const answer = contactAnswer(
      {
        kind: 'staff',
        name: null,
        role: ['finance', 'manager'],
        department: 'finance',
        want: 'who',
      },
      evidence,
      ENGLISH,
    )
    expect(answer).toEqual({
      lead: [
        'Priya Raman is our Finance Manager.',
        'You can reach Priya Raman at (555) 010-4230 ext. 230.',
        'priya@example.com',
      ],
      details: [],
      sources: ['doc-staff'],
      context: { topic: 'staff', staffName: 'Priya Raman', department: 'finance' },
    })
  })

  it('gives the extension of a member of staff asked by name', () => {
    const answer = contactAnswer(
      { kind: 'staff', name: 'Marcus Bell', role: [], department: null, want: 'extension' },
      evidence,
      ENGLISH,
    )
    expect(answer?.lead).toEqual(['You can reach Marcus Bell at ext. 220.'])
  })

  it('says nothing of a person the staff list does not have', () => {
    expect(
      contactAnswer(
        { kind: 'staff', name: 'Jordan Lee', role: [], department: null, want: 'extension' },
        evidence,
        ENGLISH,
      ),
    ).toBe(null)
    expect(
      contactAnswer(
        { kind: 'staff', name: null, role: ['detailer'], department: null, want: 'who' },
        evidence,
        ENGLISH,
      ),
    ).toBe(null)
  })

  it('answers in Spanish, the facts copied as written', () => {
    expect(contactAnswer({ kind: 'phone', department: 'parts' }, evidence, SPANISH)?.lead).toEqual([
      'Puede comunicarse con Piezas al (555) 010-4220.',
    ])
    expect(contactAnswer({ kind: 'address', department: null }, evidence, SPANISH)?.lead).toEqual([
      'Estamos en 4120 Route 9, Westfield, NJ 07090.',
    ])
    expect(
      contactAnswer(
        { kind: 'staff', name: 'Priya Raman', role: [], department: null, want: 'extension' },
        evidence,
        SPANISH,
      )?.lead,
    ).toEqual(['Puede comunicarse con Priya Raman al (555) 010-4230 ext. 230.'])
  })
})

describe('findStaff', () => {
  it('finds who speaks a language', () => {
    expect(
      findStaff(facts.staff, {
        kind: 'staff',
        name: null,
        role: ['speak', 'spanish'],
        department: null,
        want: 'who',
      })?.name,
    ).toBe('Lucía Gómez')
  })

  it('puts a department’s manager first', () => {
    expect(
      findStaff(facts.staff, {
        kind: 'staff',
        name: null,
        role: ['parts'],
        department: 'parts',
        want: 'who',
      })?.name,
    ).toBe('Marcus Bell')
  })
})
