import { composeAnswer } from './compose-answer.ts'
import { contactIntent } from './contact-intent.ts'
import type { AnswerModel, AnswerPart, AnswerRequest } from './index.ts'

/** Said after the answer when the lead form was offered: a fixed phrase, like the lead-ins. */
export const LEAD_FORM_PHRASE =
  'Leave your details in the form below and our team will get back to you.'

/**
 * The embedded-mode answer model: no language model, no network. It quotes the sentences and list
 * lines of the retrieved passages that best cover the question (or lists matching vehicles from
 * inventory passages), and says plainly when the passages do not cover it. It never writes a fact
 * of its own; the only words not copied from a passage are fixed phrases such as the lead-in.
 *
 * @example
 * ```ts
 * const model = createExtractiveAnswerer()
 * for await (const part of model.doStream({ question, history: [], passages, dealershipName })) {
 *   if (part.type === 'text') process.stdout.write(part.text)
 * }
 * ```
 */
export function createExtractiveAnswerer(): AnswerModel {
  return {
    provider: 'embedded',
    modelId: 'extractive',
    doStream: streamExtractiveAnswer,
  }
}

async function* streamExtractiveAnswer(request: AnswerRequest): AsyncGenerator<AnswerPart> {
  const { parts, chunkIds } = composeAnswer(request)
  for (const text of parts) {
    request.abortSignal?.throwIfAborted()
    yield { type: 'text', text }
  }
  if (await offerLeadForm(request)) yield { type: 'text', text: `\n\n${LEAD_FORM_PHRASE}` }
  yield { type: 'sources', chunkIds }
}

async function offerLeadForm(request: AnswerRequest): Promise<boolean> {
  const tool = request.tools?.find((t) => t.name === 'start_lead_capture')
  const reason = tool && contactIntent(request.question)
  if (!tool || !reason) return false
  const v = request.page?.vehicle
  const name = v && [v.year, v.make, v.model, v.trim].filter((x) => x !== undefined).join(' ')
  const vehicle = v && {
    ...(name ? { name } : {}),
    ...(v.stockNumber ? { stockNumber: v.stockNumber } : {}),
    ...(v.vin ? { vin: v.vin } : {}),
    ...(v.url ? { url: v.url } : {}),
  }
  const result = await tool.run(
    { reason: name ? `${reason}: ${name}` : reason, ...(vehicle ? { vehicle } : {}) },
    {
      firstRef: request.passages.length + 1,
      abortSignal: request.abortSignal ?? new AbortController().signal,
    },
  )
  return !JSON.parse(result.content).error
}
