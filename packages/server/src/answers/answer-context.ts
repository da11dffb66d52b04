import type { Evidence } from './evidence.ts'
import type { AnswerContext, Understanding } from './understand/types.ts'

/**
 * What an answer was about, as the question and its evidence tell it: kept with any answer (the
 * model's too), so a follow-up is read against it. The built-in answerer adds what it listed.
 *
 * @example
 * ```ts
 * contextOf(understanding, evidence) // { language: 'en', topic: 'hours', department: 'sales', days: ['sat'] }
 * ```
 */
export function contextOf(u: Understanding, evidence: Evidence): AnswerContext {
  const context: AnswerContext = { language: u.language.code, terms: u.content.map((t) => t.key) }
  if (u.answerType) context.answerType = u.answerType
  const fact = u.facts[0]
  if (fact) {
    context.topic = fact.kind
    if ('department' in fact) context.department = fact.department
    if (fact.kind === 'hours') {
      context.days = fact.days
      context.holiday = fact.holiday
    }
    if (fact.kind === 'staff' && fact.name) context.staffName = fact.name
  }
  if (evidence.search) {
    context.topic ??= 'inventory'
    context.query = evidence.search.query
    context.listed = evidence.search.result.vehicles.map((v) => v.id)
  } else if (evidence.vehicles.length > 0) {
    context.topic ??= 'vehicle'
    context.focus = evidence.vehicles.map((v) => v.id)
    // "How much is the PRO-4X?" picks one of a list: "and the other one?" picks from it again.
    if (u.vehicle?.kind === 'about' && u.vehicle.target === 'listed')
      context.listed = u.vehicle.vehicleIds
  } else if (u.vehicle?.kind === 'about' && evidence.pageVehicle) {
    context.topic ??= 'vehicle'
    context.focus = [evidence.pageVehicle.id]
  }
  context.topic ??= 'passages'
  return context
}
