import type {
  DaySchedule,
  DealershipFacts,
  DepartmentFacts,
  HolidayHours,
  StaffMember,
} from '@avataradam/sdk/protocol'
import { fold } from '../language/fold.ts'
import type { Weekday } from '../language/pack.ts'
import type { ExtractedFacts } from './extract/index.ts'

const digits = (phone: string) => phone.replace(/\D/g, '')

/**
 * The facts of all a dealership's documents as one: each department's day from the document
 * that states it most strongly (a table under "Hours" over a sentence of an FAQ; the newest
 * document on a tie), phones, emails and staff from all of them, the address most of them give.
 * Each fact keeps the document it came from, for citing.
 *
 * @example
 * ```ts
 * mergeFacts([{ documentId, facts }]).departments.find((d) => d.department === 'sales')
 * ```
 */
export function mergeFacts(
  documents: readonly { documentId: string; facts: ExtractedFacts }[],
): DealershipFacts {
  const departments = new Map<string, DepartmentFacts>()
  const weights = new Map<string, Partial<Record<Weekday, number>>>()
  const staff: StaffMember[] = []
  const holidays: HolidayHours[] = []
  const addresses = new Map<string, number>()
  const websites = new Map<string, number>()
  const sources: { address?: string[]; website?: string[] } = {}
  const sourceOf = new Map<string, string[]>()
  const note = (key: string, documentId: string) => {
    const list = sourceOf.get(key) ?? []
    if (!list.includes(documentId)) list.push(documentId)
    sourceOf.set(key, list)
  }
  for (const { documentId, facts } of documents) {
    for (const found of facts.departments) {
      let merged = departments.get(found.department)
      if (!merged) {
        merged = { department: found.department, hours: {}, phones: [], emails: [], sources: [] }
        departments.set(found.department, merged)
      }
      const dayWeights = weights.get(found.department) ?? {}
      weights.set(found.department, dayWeights)
      let used = false
      for (const [day, schedule] of Object.entries(found.hours) as [Weekday, DaySchedule][]) {
        const weight = facts.weights[found.department]?.[day] ?? 0
        if (merged.hours[day] && (dayWeights[day] ?? -Infinity) >= weight) continue
        merged.hours[day] = schedule
        dayWeights[day] = weight
        used = true
      }
      for (const phone of found.phones) {
        if (!merged.phones.some((p) => digits(p.number) === digits(phone.number))) {
          merged.phones.push(phone)
          used = true
        }
      }
      for (const email of found.emails) {
        if (!merged.emails.includes(email)) {
          merged.emails.push(email)
          used = true
        }
      }
      if (found.address && !merged.address) {
        merged.address = found.address
        used = true
      }
      if (used && !merged.sources!.includes(documentId)) merged.sources!.push(documentId)
    }
    for (const member of facts.staff) {
      const existing = staff.find((s) => fold(s.name) === fold(member.name))
      if (existing) Object.assign(existing, { ...member, ...existing })
      else staff.push({ ...member, source: documentId })
    }
    for (const holiday of facts.holidays) {
      if (!holidays.some((h) => h.holiday === holiday.holiday)) {
        holidays.push({ ...holiday, source: documentId })
      }
    }
    if (facts.address) {
      addresses.set(facts.address, (addresses.get(facts.address) ?? 0) + 1)
      note(`address:${facts.address}`, documentId)
    }
    if (facts.website) {
      websites.set(facts.website, (websites.get(facts.website) ?? 0) + 1)
      note(`website:${facts.website}`, documentId)
    }
  }
  const address = mostCommon(addresses)
  const website = mostCommon(websites)
  if (address) sources.address = sourceOf.get(`address:${address}`)!
  if (website) sources.website = sourceOf.get(`website:${website}`)!
  return { departments: [...departments.values()], address, website, staff, holidays, sources }
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null
  for (const [value, count] of counts) if (best === null || count > counts.get(best)!) best = value
  return best
}

/** Where a document's facts came from, for citing: every document id a fact names. */
export function factSources(facts: DealershipFacts): string[] {
  const ids = new Set<string>()
  for (const d of facts.departments) for (const id of d.sources ?? []) ids.add(id)
  for (const s of facts.staff) if (s.source) ids.add(s.source)
  for (const h of facts.holidays) if (h.source) ids.add(h.source)
  for (const list of Object.values(facts.sources ?? {})) for (const id of list) ids.add(id)
  return [...ids]
}
