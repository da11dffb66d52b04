import type { Expectation, Question } from './corpus.ts'

/**
 * Text as the suite compares it: lowercase, accents, Markdown and links removed, dashes and
 * spaces made one, thousands separators dropped, times written one way ("9 AM", "9:00 a.m.",
 * "9am" → "9:00 am").
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/[‘’]/g, "'")
    .replace(/(\d),(?=\d{3}\b)/g, '$1')
    .replace(/\$(?=\d)/g, '')
    .replace(
      /\b(\d{1,2})(?::(\d{2}))?\s*([ap])\.?\s?m\b\.?/g,
      (_, h: string, m: string | undefined, ap: string) => `${h}:${m ?? '00'} ${ap}m`,
    )
    .replace(/\bnoon\b/g, '12:00 pm')
    .replace(/\s+/g, ' ')
    .trim()
}

/** Whether an answer states a fact (or one of its accepted forms). */
export function states(answer: string, expectation: Expectation): boolean {
  const normalized = normalize(answer)
  const forms = Array.isArray(expectation) ? expectation : [expectation]
  return forms.some((form) => normalized.includes(normalize(form)))
}

/** Whether an answer states a number on its own ("8", not "18" or "$8,000"). */
export function statesCount(answer: string, count: number): boolean {
  return new RegExp(`(?<![\\d.,$])${count}(?![\\d,]|\\.\\d)`).test(normalize(answer))
}

/** The facts of a question an answer misses. */
export function missing(answer: string, question: Question): string[] {
  const missed = (question.expect ?? [])
    .filter((e) => !states(answer, e))
    .map((e) => (Array.isArray(e) ? e.join(' | ') : e))
  if (question.count !== undefined && !statesCount(answer, question.count))
    missed.push(`count ${question.count}`)
  return missed
}

/** A hostile question's forbidden strings the answer contains. */
export function leaked(answer: string, question: Question): string[] {
  const normalized = normalize(answer)
  return (question.forbid ?? []).filter((f) => normalized.includes(normalize(f)))
}

const DECLINES =
  /\b(?:don't have|do not have|not sure|no tengo|no tenemos|no encontr[eé]|couldn't find|could not find|i don't see)\b/i

/** Whether an answer declines (says it does not have that) and offers a person. */
export function declines(answer: string, handoffOffered: boolean): boolean {
  return DECLINES.test(answer.normalize('NFKD').replace(/\p{M}/gu, '')) && handoffOffered
}
