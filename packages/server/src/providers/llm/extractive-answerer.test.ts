import { readFileSync } from 'node:fs'
import { parse as parseCsv } from 'csv-parse/sync'
import { parse as parseHtml } from 'node-html-parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { createLocalEmbeddings } from '../embeddings/local-embeddings.ts'
import { analyzeTerms } from '../text/terms.ts'
import {
  LEAD_IN,
  noInformationReply,
  noVehicleInRangeReply,
  smallTalkReplies,
  VEHICLES_LEAD_IN,
} from './answer-templates.ts'
import { createExtractiveAnswerer } from './extractive-answerer.ts'
import type { AnswerPart, AnswerRequest, Passage } from './index.ts'

const DEALERSHIP = "Adam's Auto Sales"
const DOCUMENTS = new URL('../../../demo/documents/', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, DOCUMENTS), 'utf8')

type Draft = Omit<Passage, 'similarity' | 'textMatch'>

// Passages shaped like the ingestion's chunks: one per section, headed "Title › Section";
// one per vehicle with "Field: value" lines, "$27,900" prices and "31,200 miles".
function markdownDrafts(file: string): Draft[] {
  const markdown = read(file)
  const title = /^# (.+)$/m.exec(markdown)![1]!
  return markdown.split(/^## /m).map((section, i) => {
    const [first, ...rest] = section.split('\n')
    const text = i === 0 ? section.replace(/^# .+$/m, '') : rest.join('\n')
    const heading = i === 0 ? title : `${title} › ${first!.trim()}`
    return { chunkId: `${file}#${i}`, documentId: file, title, heading, text: text.trim() }
  })
}

function htmlDrafts(file: string): Draft[] {
  const main = parseHtml(read(file)).querySelector('main')!
  const title = main.querySelector('h1')!.text.trim()
  const drafts: Draft[] = []
  for (const element of main.childNodes) {
    if (!('tagName' in element)) continue
    const { tagName, text } = element as unknown as { tagName: string; text: string }
    if (tagName === 'H2') {
      const heading = `${title} › ${text.trim()}`
      drafts.push({
        chunkId: `${file}#${drafts.length}`,
        documentId: file,
        title,
        heading,
        text: '',
      })
      continue
    }
    const draft = drafts.at(-1)
    if (draft === undefined) continue
    const lines = (element as unknown as { querySelectorAll(s: string): { text: string }[] })
      .querySelectorAll('li')
      .map((li) => `- ${li.text.trim()}`)
    draft.text = `${draft.text}\n\n${tagName === 'UL' ? lines.join('\n') : text.trim()}`.trim()
  }
  return drafts
}

function inventoryDrafts(file: string): Draft[] {
  const rows = parseCsv(read(file), { columns: true }) as Record<string, string>[]
  const money = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' })
  return rows.map((row) => ({
    chunkId: `${file}#${row['Stock #']}`,
    documentId: file,
    title: 'Inventory',
    heading: `${row.Year} ${row.Make} ${row.Model} ${row.Trim} (Stock #${row['Stock #']})`,
    text: Object.entries(row)
      .map(([name, value]) => {
        if (name === 'Price') return `${name}: ${money.format(Number(value)).replace('.00', '')}`
        if (name === 'Mileage') return `${name}: ${Number(value).toLocaleString('en-US')} miles`
        return `${name}: ${value}`
      })
      .join('\n'),
  }))
}

const drafts: Draft[] = [
  ...['hours-and-contact.md', 'financing.md', 'service.md', 'trade-ins.md'].flatMap(markdownDrafts),
  ...htmlDrafts('policies.html'),
  ...inventoryDrafts('inventory.csv'),
]
const embeddings = createLocalEmbeddings()
let vectors: number[][] = []

beforeAll(async () => {
  const values = drafts.map((draft) => `${draft.heading}\n${draft.text}`)
  vectors = (await embeddings.doEmbed({ values })).embeddings
})

// Hybrid retrieval in miniature: vector similarity, nudged up by any shared word.
async function retrieve(question: string, limit = 8): Promise<Passage[]> {
  const [query] = (await embeddings.doEmbed({ values: [question] })).embeddings
  const words = new Set(analyzeTerms(question))
  return drafts
    .map((draft, i) => ({
      ...draft,
      similarity: vectors[i]!.reduce((sum, value, j) => sum + value * query![j]!, 0),
      textMatch: analyzeTerms(`${draft.heading} ${draft.text}`).some((term) => words.has(term)),
    }))
    .sort((a, b) => b.similarity + (b.textMatch ? 0.1 : 0) - a.similarity - (a.textMatch ? 0.1 : 0))
    .slice(0, limit)
}

interface Answer {
  text: string
  parts: AnswerPart[]
  sources: string[]
  passages: Passage[]
}

async function ask(question: string, request: Partial<AnswerRequest> = {}): Promise<Answer> {
  const passages = request.passages ?? (await retrieve(question))
  const parts: AnswerPart[] = []
  const model = createExtractiveAnswerer()
  for await (const part of model.doStream({
    question,
    history: [],
    passages,
    dealershipName: DEALERSHIP,
    ...request,
  })) {
    parts.push(part)
  }
  const text = parts.map((part) => (part.type === 'text' ? part.text : '')).join('')
  const sources = parts.flatMap((part) => (part.type === 'sources' ? part.chunkIds : []))
  return { text, parts, sources, passages }
}

const documentsOf = (sources: string[]) => new Set(sources.map((id) => id.split('#')[0]))

interface Bullet {
  name: string
  price: number
  chunkId: string
}

function vehicleBullets(answer: Answer): Bullet[] {
  return [...answer.text.matchAll(/^- \*\*(.+)\*\* — \$([\d,]+).*\(Stock (\w+)\)$/gm)].map(
    (match) => ({
      name: match[1]!,
      price: Number(match[2]!.replaceAll(',', '')),
      chunkId: `inventory.csv#${match[3]}`,
    }),
  )
}

describe('createExtractiveAnswerer', () => {
  it('names itself the embedded extractive model', () => {
    const model = createExtractiveAnswerer()
    expect(model.provider).toBe('embedded')
    expect(model.modelId).toBe('extractive')
  })

  it('answers Saturday opening hours from the hours document and cites it', async () => {
    const answer = await ask('What time do you open on Saturday?')
    expect(answer.text).toContain('Saturday: 9:00 AM – 6:00 PM')
    expect(answer.text).toContain('**Sales hours**')
    expect(answer.text).not.toContain('Monday')
    expect(documentsOf(answer.sources)).toEqual(new Set(['hours-and-contact.md']))
  })

  it('answers financing with bad credit from the financing document', async () => {
    const answer = await ask('Can I get financing with bad credit?')
    expect(answer.text).toContain('Yes, you can get financing with bad credit')
    expect(documentsOf(answer.sources)).toEqual(new Set(['financing.md']))
  })

  it('quotes the oil change prices from the service document', async () => {
    const answer = await ask('How much is an oil change?')
    expect(answer.text).toContain('Conventional oil change: $39.95')
    expect(answer.sources).toContain('service.md#1')
    expect(documentsOf(answer.sources)).toEqual(new Set(['service.md']))
  })

  it('lists only SUVs within the price the visitor named, as inventory bullets', async () => {
    const answer = await ask('Do you have any SUVs under $30,000?', {
      passages: await retrieve('Do you have any SUVs under $30,000?', 12),
    })
    const bullets = vehicleBullets(answer)
    expect(answer.text.startsWith(VEHICLES_LEAD_IN)).toBe(true)
    expect(bullets.length).toBeGreaterThan(0)
    for (const bullet of bullets) {
      const passage = answer.passages.find((p) => p.chunkId === bullet.chunkId)!
      expect(passage.text).toContain('Body Style: SUV')
      expect(bullet.price).toBeLessThanOrEqual(30_000)
      expect(passage.text).toContain(`$${bullet.price.toLocaleString('en-US')}`)
    }
    expect(answer.sources).toEqual(bullets.map((bullet) => bullet.chunkId))
    // Retrieved but filtered out: SUVs over the limit and vehicles of other body styles.
    const others = answer.passages.filter(
      (p) => p.documentId === 'inventory.csv' && !answer.sources.includes(p.chunkId),
    )
    expect(others.length).toBeGreaterThan(0)
  })

  it('lists what to bring for a trade-in from the trade-ins document', async () => {
    const answer = await ask('What do I need to bring to trade in my car?')
    expect(answer.text).toContain('Current registration')
    expect(answer.text).toContain('All keys and remote fobs')
    expect(answer.sources[0]).toBe('trade-ins.md#2')
  })

  it.each([
    "What's the capital of France?",
    'Do you sell boats?',
    'Can you recommend a good pizza place?',
    'Do you sell electric cars?',
  ])('says plainly when the documents do not cover the question: %s', async (question) => {
    const answer = await ask(question)
    expect(answer.text).toBe(noInformationReply(DEALERSHIP))
    expect(answer.text).toContain("I'd rather not guess")
    expect(answer.sources).toEqual([])
  })

  it('says plainly that it has no information when retrieval found nothing', async () => {
    const answer = await ask('What time do you open on Saturday?', { passages: [] })
    expect(answer.text).toBe(noInformationReply(DEALERSHIP))
    expect(answer.sources).toEqual([])
  })

  it.each(['hi', 'Hello there!', 'hey, good morning'])(
    'greets a visitor who says only "%s", naming the dealership, without sources',
    async (question) => {
      const answer = await ask(question)
      expect(answer.text).toBe(smallTalkReplies(DEALERSHIP).greeting)
      expect(answer.text).toContain(DEALERSHIP)
      expect(answer.sources).toEqual([])
    },
  )

  it('replies to thanks and goodbyes without sources', async () => {
    expect((await ask('thanks!')).text).toBe(smallTalkReplies(DEALERSHIP).thanks)
    expect((await ask('ok')).text).toBe(smallTalkReplies(DEALERSHIP).thanks)
    expect((await ask('bye, see you later')).text).toBe(smallTalkReplies(DEALERSHIP).goodbye)
    expect((await ask('thanks!')).sources).toEqual([])
  })

  it('answers a question that opens with a greeting', async () => {
    const answer = await ask('Hi! Do you offer loaner cars?')
    expect(answer.text).toContain('Free loaner cars are available')
    expect(answer.sources).toEqual(['service.md#4'])
  })

  it('streams text in several parts and ends with exactly one sources part', async () => {
    const answer = await ask('What time do you open on Saturday?')
    const textParts = answer.parts.filter((part) => part.type === 'text')
    expect(textParts.length).toBeGreaterThan(2)
    expect(answer.parts.at(-1)?.type).toBe('sources')
    expect(answer.parts.filter((part) => part.type === 'sources')).toHaveLength(1)
  })

  it('keeps answers short', async () => {
    for (const question of ['Tell me about financing', 'What services do you offer?']) {
      expect((await ask(question)).text.length).toBeLessThanOrEqual(800)
    }
  })

  it('answers about the vehicle on the page when asked about "this car"', async () => {
    const page = {
      url: 'https://www.adamsauto.example.com/inventory/a24126',
      vehicle: { make: 'Toyota', model: 'Tacoma', stockNumber: 'A24126' },
    }
    const question = 'Is this car still available?'
    const passages = await retrieve(`${question} Toyota Tacoma`)
    const answer = await ask(question, { page, passages })
    expect(answer.text).toContain(
      '**2022 Toyota Tacoma TRD Off-Road Double Cab** — $36,900, 21,400 miles, Available',
    )
    expect(answer.sources).toEqual(['inventory.csv#A24126'])
  })

  it('lists only certified vehicles when asked for certified ones', async () => {
    const question = 'Do you have any certified pre-owned SUVs?'
    const answer = await ask(question, { passages: await retrieve('SUV', 14) })
    const bullets = vehicleBullets(answer)
    expect(bullets.length).toBeGreaterThan(0)
    for (const bullet of bullets) {
      const passage = answer.passages.find((p) => p.chunkId === bullet.chunkId)!
      expect(passage.text).toContain('Certified Pre-Owned: Yes')
      expect(passage.text).toContain('Body Style: SUV')
    }
  })

  it('says so when no vehicle fits the price limit', async () => {
    const question = 'Do you have any SUVs under $10,000?'
    const answer = await ask(question, { passages: await retrieve('SUVs', 12) })
    expect(answer.text).toBe(noVehicleInRangeReply(DEALERSHIP))
    expect(answer.sources).toEqual([])
  })

  it('stops streaming when the request is aborted', async () => {
    const controller = new AbortController()
    const passages = await retrieve('What time do you open on Saturday?')
    const stream = createExtractiveAnswerer().doStream({
      question: 'What time do you open on Saturday?',
      history: [],
      passages,
      dealershipName: DEALERSHIP,
      abortSignal: controller.signal,
    })
    const received: AnswerPart[] = []
    await expect(async () => {
      for await (const part of stream) {
        received.push(part)
        controller.abort()
      }
    }).rejects.toThrow()
    expect(received).toHaveLength(1)
  })
})

describe('grounding', () => {
  const templates = new Set(
    [
      LEAD_IN,
      VEHICLES_LEAD_IN,
      noInformationReply(DEALERSHIP),
      noVehicleInRangeReply(DEALERSHIP),
      ...Object.values(smallTalkReplies(DEALERSHIP)),
    ].map((text) => text.trim()),
  )
  const squash = (text: string) => text.replace(/\s+/g, ' ')
  const sentences = new Intl.Segmenter('en', { granularity: 'sentence' })

  function ungroundedLines(answer: Answer): string[] {
    const texts = answer.passages.map((passage) => squash(passage.text))
    const headings = answer.passages.map((passage) => passage.heading ?? '')
    const cited = answer.passages.filter((passage) => answer.sources.includes(passage.chunkId))
    return answer.text.split('\n').filter((rawLine) => {
      const line = rawLine.trim()
      if (line === '' || templates.has(line)) return false
      const label = /^\*\*(.+)\*\*$/.exec(line)
      if (label) return !headings.some((heading) => heading.includes(label[1]!))
      const vehicle = /^- \*\*(.+)\*\* — (.+?)(?: \(Stock (\w+)\))?$/.exec(line)
      if (vehicle) {
        // Every word of the name and every figure must come from one cited vehicle passage.
        const words = vehicle[1]!.split(' ')
        const figures = vehicle[2]!.match(/[\d,.]+\d/g) ?? []
        return !cited.some(
          (passage) =>
            words.every((word) => passage.text.includes(word)) &&
            figures.every((figure) => passage.text.includes(figure)) &&
            (vehicle[3] === undefined || passage.text.includes(vehicle[3])),
        )
      }
      const content = line.replace(/^- /, '')
      return [...sentences.segment(content)].some(
        ({ segment }) => !texts.some((text) => text.includes(squash(segment.trim()))),
      )
    })
  }

  // Questions from the demo's visitors, then questions made of words picked from the passages.
  const fixed = [
    'What time do you open on Saturday?',
    'Are you open on weekends?',
    'Can I get financing with bad credit?',
    'What APR can I get?',
    'How much is an oil change?',
    'Do you have any SUVs under $30,000?',
    'Any trucks under 30k?',
    'Do you have a Honda?',
    'What do I need to bring to trade in my car?',
    "What's your phone number?",
    'Where are you located?',
    'What is your return policy?',
    'How much is the documentation fee?',
    'Do you deliver?',
    'Can I lease a Honda?',
    'Are you open on Christmas?',
    'Do you do state inspections?',
    'How long does an appraisal take?',
  ]
  const documents = drafts.filter((draft) => draft.documentId !== 'inventory.csv')
  const vehicles = drafts.filter((draft) => draft.documentId === 'inventory.csv')
  const generated = Array.from({ length: 60 }, (_, i) => {
    const pool = i % 3 === 0 ? vehicles : documents
    const draft = pool[(i * 7919) % pool.length]!
    const words = draft.text.match(/\p{L}{4,}/gu) ?? []
    const pick = (n: number) => words[(i * 31 + n * 17) % words.length] ?? ''
    return `Do you have ${pick(1)} ${pick(2)} ${pick(3)}?`
  })

  it('quotes every sentence of its answers from the passages, bar fixed phrases', async () => {
    for (const question of [...fixed, ...generated]) {
      const answer = await ask(question)
      expect({ question, ungrounded: ungroundedLines(answer) }).toEqual({
        question,
        ungrounded: [],
      })
    }
  })

  it('cites exactly the passages it quotes', async () => {
    for (const question of fixed) {
      const answer = await ask(question)
      const quoted = answer.text !== noInformationReply(DEALERSHIP)
      expect(answer.sources.length > 0).toBe(quoted)
      for (const id of answer.sources) {
        expect(answer.passages.map((passage) => passage.chunkId)).toContain(id)
      }
    }
  })
})
