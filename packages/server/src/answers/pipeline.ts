import type {
  InventoryQuery,
  InventoryResult,
  InventoryVehicle,
  PageContext,
} from '@avataradam/sdk/protocol'
import type { Db, Queryable } from '../db/index.ts'
import { findVehicle, searchVehicles, vehiclesById } from '../inventory/vehicles-repo.ts'
import type { ScoredPassage, SearchService } from '../knowledge/search.ts'
import { conceptKey } from '../language/analyze.ts'
import type { Passage } from '../providers/llm/index.ts'
import type { Evidence } from './evidence.ts'
import type { KnowledgeService } from './knowledge.ts'
import { type HistoryTurn, understand } from './understand/index.ts'
import type { Understanding, VehicleRequest, VehicleSelector } from './understand/types.ts'

/** What a turn answers from. */
export interface PreparedAnswer {
  understanding: Understanding
  evidence: Evidence
  passages: Passage[]
}

export interface AnswerPipeline {
  /**
   * Reads the question against the conversation, then gathers what answers it, in one
   * transaction of the tenant: passages (retrieved with the question as understood), the
   * inventory search or the vehicles asked about, and the facts.
   */
  prepare(input: {
    tenantId: string
    question: string
    history: readonly HistoryTurn[]
    page: PageContext | null | undefined
    now?: Date
  }): Promise<PreparedAnswer>
}

/** How many passages a question is answered from (the model reads them all). */
const PASSAGES = 8
/** Of them, how many each part of a question of several finds for itself. */
const CLAUSE_PASSAGES = 3

/** The filters that narrow a search within a kind of vehicle. */
const LIMITS = [
  'priceMin',
  'priceMax',
  'mileageMin',
  'mileageMax',
  'yearMin',
  'yearMax',
  'color',
  'features',
  'drivetrain',
  'mpgMin',
] as const satisfies readonly (keyof InventoryQuery)[]

/** How many vehicles a search fetches: the total is counted apart. */
const SEARCH_LIMIT = 10

/**
 * The answering pipeline shared by the embedded answerer and the model: understanding, then
 * evidence. Passages are retrieved with the question as understood ("and on Sunday?" after
 * "sales hours on Saturday" searches for sales hours on Sunday; a Spanish question with its
 * concepts in English).
 */
export function createAnswerPipeline(deps: {
  db: Db
  search: SearchService
  knowledge: KnowledgeService
}): AnswerPipeline {
  return {
    async prepare({ tenantId, question, history, page, now = new Date() }) {
      const knowledge = await deps.knowledge.forTenant(tenantId)
      const understanding = understand({ text: question, history, page, knowledge })
      return deps.db.tenant(tenantId, async (tx) => {
        const pageVehicle =
          page?.vehicle && (page.vehicle.stockNumber || page.vehicle.vin)
            ? await findVehicle(tx, tenantId, {
                stockNumber: page.vehicle.stockNumber,
                vin: page.vehicle.vin,
              })
            : null
        // "What warranty comes with this truck?": the warranty of its kind (certified, used, new).
        if (
          pageVehicle?.condition &&
          understanding.pointsAtPage &&
          understanding.vehicle?.kind !== 'search'
        ) {
          const key = conceptKey(pageVehicle.condition)
          if (!understanding.analysis.terms.some((t) => t.key === key)) {
            understanding.borrowed.push(key)
            understanding.retrievalText += ` ${pageVehicle.condition}`
          }
        }
        const query = await deps.search.prepare(tenantId, understanding.retrievalText)
        let passages = await deps.search.searchIn(tx, tenantId, query, { limit: PASSAGES })
        // "Do you do alignments? my truck's leveled": each part of the question finds its own
        // passages too, so the part the others outweigh is not left with none.
        if (understanding.clauses.length > 1 && understanding.borrowed.length === 0) {
          const own: ScoredPassage[] = []
          for (const clause of understanding.clauses) {
            const text = clause.terms
              .filter((t) => t.start >= 0)
              .map((t) => (t.key.startsWith('#') ? t.key.slice(1).replace(/_/g, ' ') : t.key))
              .join(' ')
            if (!text) continue
            const part = await deps.search.prepare(tenantId, text)
            own.push(
              ...(await deps.search.searchIn(tx, tenantId, part, { limit: CLAUSE_PASSAGES })),
            )
          }
          const seen = new Set<string>()
          passages = [...own, ...passages]
            .filter((p) => !seen.has(p.chunkId) && seen.add(p.chunkId))
            .slice(0, PASSAGES)
        }
        const evidence: Evidence = {
          facts: knowledge.facts.facts,
          timezone: knowledge.facts.timezone,
          titles: knowledge.facts.titles,
          search: null,
          pageVehicle: null,
          vehicles: [],
          similar: null,
          now,
          mentionedAnywhere: knowledge.mentions,
        }
        const vehicle = understanding.vehicle
        evidence.pageVehicle = pageVehicle
        if (vehicle?.kind === 'search')
          evidence.search = await runSearch(tx, tenantId, vehicle.query)
        if (vehicle?.kind === 'about') await gatherAbout(tx, tenantId, vehicle, evidence)
        return { understanding, evidence, passages }
      })
    },
  }
}

async function runSearch(
  tx: Queryable,
  tenantId: string,
  query: InventoryQuery,
): Promise<Evidence['search']> {
  const result = await searchVehicles(tx, tenantId, { ...query, limit: SEARCH_LIMIT })
  let relaxed: { query: InventoryQuery; result: InventoryResult } | null = null
  if (result.total === 0) {
    // Nothing fits the limits: what the lot has of the kind, so the answer can say so.
    const broader: InventoryQuery = { ...query }
    for (const limit of LIMITS) delete broader[limit]
    const narrowed = LIMITS.some((limit) => query[limit] !== undefined)
    if (
      narrowed &&
      (broader.make || broader.model || broader.bodyStyle || broader.condition || broader.fuel)
    ) {
      relaxed = {
        query: broader,
        result: await searchVehicles(tx, tenantId, { ...broader, limit: SEARCH_LIMIT }),
      }
    } else if (!narrowed && query.condition) {
      // "Do you sell new cars?" on a used lot: what it has in the other conditions.
      const { condition: _, ...anyCondition } = query
      relaxed = {
        query: anyCondition,
        result: await searchVehicles(tx, tenantId, { ...anyCondition, limit: SEARCH_LIMIT }),
      }
    }
  }
  return { query, result, relaxed }
}

async function gatherAbout(
  tx: Queryable,
  tenantId: string,
  request: Extract<VehicleRequest, { kind: 'about' }>,
  evidence: Evidence,
): Promise<void> {
  if (request.target === 'listed') {
    const listed = await vehiclesById(tx, tenantId, request.vehicleIds)
    evidence.vehicles = select(listed, request.select ?? {})
  }
  const subject = request.target === 'page' ? evidence.pageVehicle : evidence.vehicles[0]
  if (request.similar && subject) {
    const found = await searchVehicles(tx, tenantId, {
      ...(subject.bodyStyle
        ? { bodyStyle: subject.bodyStyle }
        : { make: subject.make ?? undefined }),
      ...(subject.condition === 'new'
        ? { condition: 'new' as const }
        : subject.condition
          ? { condition: 'used' as const }
          : {}),
      ...(request.similar === 'cheaper' && subject.price !== null
        ? { priceMax: subject.price - 1 }
        : {}),
      sort: 'price_desc',
      limit: 50,
    })
    // Most like it first: the same model, then the same make, each the nearest in price.
    const likeness = (v: InventoryVehicle) =>
      (v.model === subject.model ? 2 : 0) + (v.make === subject.make ? 1 : 0)
    const near = (v: InventoryVehicle) => Math.abs((v.price ?? 0) - (subject.price ?? 0))
    evidence.similar = {
      total: found.total,
      vehicles: found.vehicles
        .filter((v) => v.id !== subject.id)
        .sort((a, b) => likeness(b) - likeness(a) || near(a) - near(b))
        .slice(0, 6),
    }
  }
}

/** The listed vehicles a selector picks: by colour, fuel, make, model, trim; the other one; the cheapest. */
export function select(
  vehicles: readonly InventoryVehicle[],
  selector: VehicleSelector,
): InventoryVehicle[] {
  const loose = (text: string | null | undefined) =>
    (text ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')
  let picked = vehicles.filter(
    (v) =>
      (!selector.color ||
        v.exteriorColor?.toLowerCase().includes(selector.color) ||
        v.colorFamily === selector.color) &&
      (!selector.fuel ||
        v.fuel === selector.fuel ||
        (selector.fuel === 'hybrid' && v.fuel === 'plug-in hybrid')) &&
      (!selector.drivetrain || v.drivetrain === selector.drivetrain) &&
      (!selector.make || loose(v.make) === loose(selector.make)) &&
      (!selector.model || loose(v.model).startsWith(loose(selector.model))) &&
      (!selector.trim || loose(v.trim).includes(loose(selector.trim))),
  )
  if (selector.other && selector.focus)
    picked = picked.filter((v) => !selector.focus!.includes(v.id))
  if (selector.sort) {
    const key = {
      price_asc: (v: InventoryVehicle) => v.price ?? Infinity,
      price_desc: (v: InventoryVehicle) => -(v.price ?? 0),
      year_desc: (v: InventoryVehicle) => -(v.year ?? 0),
      year_asc: (v: InventoryVehicle) => v.year ?? Infinity,
      mileage_asc: (v: InventoryVehicle) => v.mileage ?? Infinity,
      mpg_desc: (v: InventoryVehicle) => -((v.mpgCity ?? 0) + (v.mpgHighway ?? 0)),
    }[selector.sort]
    picked = [...picked].sort((a, b) => key(a) - key(b)).slice(0, 1)
  }
  // Nothing picked by a pronoun alone ("how much is it?"): the vehicle just discussed.
  if (Object.keys(selector).filter((k) => k !== 'focus').length === 0 && selector.focus?.length) {
    const focused = vehicles.filter((v) => selector.focus!.includes(v.id))
    if (focused.length > 0) return focused
  }
  return picked
}
