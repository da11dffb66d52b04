import type { ChatAction, Citation, InventoryVehicle } from '@avataradam/sdk/protocol'
import { clock } from '../facts/extract/hours.ts'
import type { Term } from '../language/analyze.ts'
import { fold } from '../language/fold.ts'
import type { Language } from '../language/language.ts'
import type { AnswerModel, AnswerPart, AnswerRequest, Passage } from '../providers/llm/index.ts'
import { localDate, localTime } from './compose/clock.ts'
import type { Composed } from './compose/composed.ts'
import { contactAnswer } from './compose/contacts.ts'
import { departmentFor, hoursAnswer, isOpen, nextOpening, onDay } from './compose/hours.ts'
import { inventoryAnswer, vehicleName } from './compose/inventory.ts'
import { mentioned, passageAnswer } from './compose/passages.ts'
import { reply } from './compose/replies.ts'
import { statusNote, vehicleAnswer } from './compose/vehicle.ts'
import type { Evidence } from './evidence.ts'
import type { AnswerContext, Understanding } from './understand/types.ts'

/**
 * The embedded answer model: no language model, no network. It answers from the dealership's
 * data first (hours, phones, staff and holidays as facts; the inventory as rows), then from the
 * best sentences of its documents; it says plainly when nothing answers the question and offers a
 * person instead. Its own sentences come from the language pack of the visitor's language; every
 * fact in them is copied from the data or a passage.
 *
 * @example
 * ```ts
 * const model = createBuiltinAnswerer()
 * for await (const part of model.doStream({ question, history, passages, understanding, evidence, dealershipName })) {
 *   if (part.type === 'text') process.stdout.write(part.text)
 * }
 * ```
 */
export function createBuiltinAnswerer(): AnswerModel {
  return { provider: 'embedded', modelId: 'builtin', doStream: streamAnswer }
}

async function* streamAnswer(request: AnswerRequest): AsyncGenerator<AnswerPart> {
  const { understanding, evidence } = request
  if (!understanding || !evidence)
    throw new Error('The built-in answerer needs the turn’s understanding and evidence')
  const answer = compose(request, understanding, evidence)
  request.abortSignal?.throwIfAborted()
  let offered = false
  if (answer.leadForm) offered = await offerLeadForm(request, answer.leadForm)
  const text = offered
    ? answer.leadFormNote
      ? `${answer.text}\n\n${answer.leadFormNote}`
      : answer.text
    : (answer.withoutForm ?? answer.text)
  yield { type: 'text', text }
  yield {
    type: 'meta',
    actions:
      answer.handoff && !offered
        ? [{ type: 'handoff', label: reply(understanding.language, 'handoffButton') }]
        : undefined,
    context: {
      ...answer.context,
      language: understanding.language.code,
      ...(understanding.answerType ? { answerType: understanding.answerType } : {}),
      ...(answer.handoff && !offered ? { handoffOffered: true } : {}),
    },
    cacheable: answer.cacheable,
  }
  yield { type: 'sources', chunkIds: answer.chunkIds, citations: answer.citations }
}

interface Answer {
  text: string
  chunkIds: string[]
  citations: Citation[]
  context: Omit<AnswerContext, 'language'>
  handoff: boolean
  /** Why to show the lead form after the answer, if it should. */
  leadForm: string | null
  /** Said after the answer when the form was shown. */
  leadFormNote: string | null
  /** Said instead of `text` when the form could not be shown. */
  withoutForm?: string
  cacheable: boolean
}

// The built-in answerer reads the best few passages; a model reads more (it weighs them better).
const PASSAGES = 8

function compose(full: AnswerRequest, u: Understanding, evidence: Evidence): Answer {
  const request = { ...full, passages: full.passages.slice(0, PASSAGES) }
  const language = u.language
  const name = request.dealershipName
  const base = {
    chunkIds: [],
    citations: [],
    context: {},
    handoff: false,
    leadForm: null,
    leadFormNote: null,
    cacheable: true,
  }
  if (u.smallTalk) return { ...base, text: reply(language, u.smallTalk, { dealership: name }) }
  if (u.reply === 'yes') {
    return {
      ...base,
      text: withAfterHours(reply(language, 'handoffAccepted'), evidence, language),
      leadForm: 'Talk to the team',
      cacheable: false,
    }
  }
  if (u.reply === 'no') return { ...base, text: reply(language, 'handoffDeclined') }
  if (u.person) {
    return {
      ...base,
      text: withAfterHours(reply(language, 'personRequest'), evidence, language),
      leadForm: 'Talk to the team',
      cacheable: false,
    }
  }

  const parts: Composed[] = []
  let missed = false
  const options = {
    people: evidence.facts.staff.map((member) => member.name),
    dealershipName: name,
    mentionedAnywhere: evidence.mentionedAnywhere,
    // "And brake pads?" after the CVT service's price: not the CVT line again.
    today: localDate(evidence.now, evidence.timezone),
    conditional: /\b(?:if|when|unless|si|cuando|en caso)\b/.test(u.analysis.folded),
    said:
      u.followUp && u.replacesSubject
        ? [...request.history].reverse().find((turn) => turn.role === 'assistant')?.text
        : undefined,
  }
  for (const fact of u.facts) {
    const part =
      fact.kind === 'hours'
        ? hoursAnswer(fact, evidence, language)
        : contactAnswer(fact, evidence, language)
    if (part) parts.push(part)
    else missed = true
  }
  let vehiclePart: Composed | null = null
  if (u.vehicle) {
    vehiclePart =
      u.vehicle.kind === 'search'
        ? inventoryAnswer(u.vehicle, evidence, language)
        : vehicleAnswer(u.vehicle, evidence, language)
    if (vehiclePart) parts.push(vehiclePart)
    else missed = true
  }
  const borrowed: Term[] = u.borrowed.map((key, i) => ({
    key,
    alternatives: [],
    concept: null,
    start: -1 - i,
    length: 1,
  }))
  const restTerms = [...u.rest, ...borrowed]
  // "Does that price include the flatbed?", "does this one have a warranty?": the feed's own
  // remarks on the vehicle asked about ("Sold as-is.") come before any document.
  const subject =
    u.vehicle?.kind === 'about'
      ? u.vehicle.target === 'page'
        ? evidence.pageVehicle
        : evidence.vehicles[0]
      : u.pointsAtPage
        ? evidence.pageVehicle
        : null
  const notesAnswer = (terms: Term[]): Composed | null => {
    if (!subject?.notes) return null
    const found = passageAnswer(terms, [notesPassage(subject, evidence)], language, {
      ...options,
      answerType: u.answerType,
    })
    if (!found) return null
    // Cited as the feed, whose remarks they are: no passage of their own.
    return { ...found, chunkIds: [], sources: [...found.sources, subject.documentId] }
  }
  if (parts.length === 0 || missed) {
    // Nothing in the data (or not all of it): the passages, on every word of the question, part
    // by part for a question of several.
    if (parts.length === 0 && u.clauses.length > 1 && borrowed.length === 0) {
      for (const clause of u.clauses) {
        const passages = passageAnswer(clause.terms, request.passages, language, {
          ...options,
          answerType: clause.answerType,
        })
        if (passages) parts.push(passages)
      }
    } else {
      const terms = parts.length === 0 ? [...u.content, ...borrowed] : restTerms
      const remark = notesAnswer(terms)
      // Alone, a remark names its vehicle: "2016 Ford F-350 XL: Sold as-is."
      const passages = remark
        ? parts.length === 0 && subject
          ? {
              ...remark,
              lead: remark.lead.map((line, i) =>
                i === 0 ? `${vehicleName(subject)}: ${line}` : line,
              ),
            }
          : remark
        : passageAnswer(terms, request.passages, language, {
            ...options,
            answerType: u.answerType,
          })
      if (passages) parts.push(passages)
    }
  } else if (significant(u.rest)) {
    const fromNotes = notesAnswer(restTerms)
    const passages = fromNotes
      ? fromNotes
      : passageAnswer(restTerms, request.passages, language, {
          ...options,
          answerType: u.answerType,
          // Beside an answer about a vehicle, a line that shares a word or two with the question
          // ("extra quarts" for "is the flatbed extra?") is about something else: it must say most
          // of what was asked.
          ...(vehiclePart && u.vehicle?.kind === 'about' ? { minCoverage: 0.7 } : {}),
        })
    if (passages) parts.push(passages)
    else if (
      vehiclePart &&
      u.vehicle?.kind === 'search' &&
      u.facts.length === 0 &&
      u.rest.some((term) => term.key.length > 2 && !mentioned(term, request.passages))
    ) {
      // "What's the towing capacity of the Tacoma?": something about them nothing here states;
      // listing Tacomas would not answer it.
      parts.length = 0
    }
  }
  const contact = u.contact
  // "Can I test drive it tomorrow?" about a vehicle since sold: that first, whatever follows.
  const page = evidence.pageVehicle
  const note =
    page && u.pointsAtPage && u.vehicle?.kind !== 'about' ? statusNote(page, language) : null
  if (parts.length === 0) {
    const declined = withAfterHours(
      `${note ? `${note} ` : ''}${reply(language, 'decline')} ${reply(language, 'handoffOffer')}`,
      evidence,
      language,
    )
    return {
      ...base,
      // "Can I test drive it Saturday?" with nothing in the documents: the form, no refusal.
      text: contact
        ? withAfterHours(
            `${note ? `${note} ` : ''}${reply(language, 'personRequest')}`,
            evidence,
            language,
          )
        : declined,
      withoutForm: declined,
      handoff: true,
      leadForm: contact,
      leadFormNote: null,
      context: { topic: 'passages', terms: u.analysis.terms.map((t) => t.key) },
      cacheable: false,
    }
  }
  // Two parts answered by one line ("alignments?" and "my truck's leveled") say it once.
  const lead = [...new Set(parts.flatMap((p) => p.lead))]
  if (note && !lead.includes(note)) lead.unshift(note)
  // Two parts quoting the same line (both about the oil change special) say it once.
  const seen = new Set(lead)
  const fresh = parts.map((p) =>
    p.details.filter((line) => {
      const key = line.replace(/^- /, '')
      if (line !== '' && (seen.has(key) || seen.has(line))) return false
      seen.add(key)
      return true
    }),
  )
  const details = fresh.flatMap((lines, i) =>
    lines.length > 0 && i > 0 && fresh[i - 1]!.length > 0 ? ['', ...lines] : lines,
  )
  const handoff = parts.some((p) => p.handoff)
  let text = lead.join(' ')
  if (details.length > 0) text += `\n\n${details.join('\n')}`
  if (handoff) text += `\n\n${reply(language, 'handoffOffer')}`
  const context = mergeContexts(parts)
  // A person the answer names is who "her extension" means next.
  const named = evidence.facts.staff.find((member) => mentions(text, member.name))
  context.staffName ??= named?.name
  // "Who do I talk to about my title?": the person, and how to reach them.
  const sources = parts.flatMap((p) => p.sources)
  if (u.answerType === 'person' && named && u.facts.length === 0) {
    const ext = named.extension ? `ext. ${named.extension}` : null
    const reach = named.phone ? (ext ? `${named.phone} ${ext}` : named.phone) : ext
    if (reach && !text.includes(reach)) {
      const say = reply(language, 'staffExtension', { name: named.name, phone: reach })
      text = text.replace(/^[^\n]*/, (first) => `${first} ${say}`)
      if (named.source) sources.push(named.source)
    }
  }
  return {
    ...base,
    text,
    chunkIds: parts.flatMap((p) => p.chunkIds ?? []),
    citations: documentCitations(sources, evidence),
    context,
    handoff: handoff && !contact,
    leadForm: contact,
    leadFormNote: contact ? reply(language, 'personRequest') : null,
    cacheable: !u.facts.some((f) => f.kind === 'hours' && f.when !== null),
  }
}

/** Whether a text names a person: in full, or by a first name of four letters or more. */
function mentions(text: string, name: string): boolean {
  const folded = fold(text)
  const full = fold(name)
  if (folded.includes(full)) return true
  const first = full.split(/\s+/)[0]!
  return first.length >= 4 && new RegExp(`\\b${first}\\b`).test(folded)
}

/** Whether words are left that the data did not answer and that carry meaning. */
/** A vehicle's remarks in the feed, read as a passage of its own. */
function notesPassage(vehicle: InventoryVehicle, evidence: Evidence): Passage {
  return {
    chunkId: `notes:${vehicle.id}`,
    documentId: vehicle.documentId,
    title: evidence.titles[vehicle.documentId] ?? '',
    heading: null,
    text: vehicle.notes ?? '',
    similarity: 1,
    textMatch: true,
  }
}

function significant(rest: readonly Term[]): boolean {
  return rest.some((term) => term.key.length > 2 && !/^\d+$/.test(term.key))
}

function mergeContexts(parts: readonly Composed[]): Omit<AnswerContext, 'language'> {
  const merged: Omit<AnswerContext, 'language'> = {}
  for (const part of parts) {
    for (const [key, value] of Object.entries(part.context)) {
      if (value !== undefined && (merged as Record<string, unknown>)[key] === undefined) {
        ;(merged as Record<string, unknown>)[key] = value
      }
    }
  }
  return merged
}

function documentCitations(documentIds: readonly string[], evidence: Evidence): Citation[] {
  return [...new Set(documentIds)].flatMap((documentId) => {
    const title = evidence.titles[documentId]
    return title ? [{ documentId, title, snippet: '' }] : []
  })
}

/** A hand-off offered after hours says when the team is back. */
function withAfterHours(text: string, evidence: Evidence, language: Language): string {
  const department = departmentFor(evidence.facts, 'sales')
  if (!department || !evidence.timezone) return text
  const { day, minutes } = localTime(evidence.now, evidence.timezone)
  if (isOpen(department, day, minutes)) return text
  const next = nextOpening(department, day, minutes)
  if (!next) return text
  const when = `${onDay(language, next.day === day ? null : next.day)} ${language.code === 'es' ? 'a las' : 'at'} ${clock(next.minutes)}`
  return `${text} ${reply(language, 'staffBack', { when })}`
}

/** Shows the lead form, through the turn's lead-capture tool, for the reason given. */
async function offerLeadForm(request: AnswerRequest, reason: string): Promise<boolean> {
  const tool = request.tools?.find((t) => t.name === 'start_lead_capture')
  if (!tool) return false
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

export type { ChatAction }
