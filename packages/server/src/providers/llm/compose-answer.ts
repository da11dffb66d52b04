import { analyzePassage } from './analyzed-passage.ts'
import { type ComposedAnswer, noInformationReply, smallTalkReplies } from './answer-templates.ts'
import { conceptWeights } from './concept-match.ts'
import type { AnswerRequest } from './index.ts'
import { coverage, passageScore, rankBonus } from './passage-scores.ts'
import { questionFocus } from './question-focus.ts'
import { smallTalkKind } from './small-talk.ts'
import { textAnswer } from './text-answer.ts'
import { vehicleAnswer } from './vehicle-answer.ts'
import { hasLimits } from './vehicle-limits.ts'

// A passage must cover this share of the question's concepts to be quoted, and the question is
// declined when this share of its concepts appears in no passage at all ("pizza place": "place"
// may appear somewhere, "pizza" nowhere, so any answer would be about something else).
const MIN_COVERAGE = 0.5
const MAX_MISSING = 0.5

const reply = (text: string): ComposedAnswer => ({ parts: [text], chunkIds: [] })

/**
 * Composes a grounded answer from the passages: quoted sentences and list lines, or a list of
 * vehicles, or a plain "I don't have that" when the passages do not cover the question.
 *
 * @example
 * ```ts
 * const { parts, chunkIds } = composeAnswer({ question: 'Are you open Saturday?', history: [],
 *   passages, dealershipName: "Adam's Auto Sales" })
 * ```
 */
export function composeAnswer(request: AnswerRequest): ComposedAnswer {
  const name = request.dealershipName
  const smallTalk = smallTalkKind(request.question)
  if (smallTalk !== null) return reply(smallTalkReplies(name)[smallTalk])
  const focus = questionFocus(request.question, request.page)
  const { concepts } = focus
  const analyzed = request.passages.map(analyzePassage)
  if (concepts.length === 0) {
    // "Anything under $15k?" asks about vehicles by price alone.
    if (!hasLimits(focus.limits)) return reply(smallTalkReplies(name).greeting)
    const vehicles = analyzed.filter((passage) => passage.vehicle !== null)
    return vehicleAnswer(
      vehicles.map((passage) => ({ analyzed: passage, score: rankBonus(passage) })),
      focus,
      name,
    )
  }
  const termSets = analyzed.map((passage) => passage.terms)
  const { weights, missing } = conceptWeights(concepts, termSets)
  if (missing.length / concepts.length >= MAX_MISSING) return reply(noInformationReply(name))
  const relevant = analyzed
    .filter((passage) => coverage(concepts, passage.terms) >= MIN_COVERAGE)
    .map((passage) => ({ analyzed: passage, score: passageScore(passage, concepts, weights) }))
    .sort((a, b) => b.score - a.score)
  const best = relevant[0]
  if (best === undefined) return reply(noInformationReply(name))
  if (best.analyzed.vehicle !== null || hasLimits(focus.limits)) {
    const vehicles = relevant.filter((scored) => scored.analyzed.vehicle !== null)
    if (vehicles.length > 0) return vehicleAnswer(vehicles, focus, name)
  }
  const documents = relevant.filter((scored) => scored.analyzed.vehicle === null)
  if (documents.length === 0) return reply(noInformationReply(name))
  return textAnswer(documents, concepts, weights)
}
