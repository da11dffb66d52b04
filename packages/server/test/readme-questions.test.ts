// The questions a newcomer tries first: every example question of the READMEs and the examples,
// and the widget's default suggestion chips (English and Spanish), asked of the demo dealership
// over a real socket, each answered with the fact it should hold.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { STRINGS } from '../../widget/src/strings.ts'
import { DEFAULT_WIDGET_SETTINGS } from '../src/widget-settings/defaults.ts'
import { ask, eventually } from './support/chat.ts'
import { uploadAndWait } from './support/documents.ts'
import {
  api,
  connectVisitor,
  startTestServer,
  type TestServer,
  visitorClient,
} from './support/server.ts'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** What each question's answer must say, from the demo's documents (and the SDK example's). */
const EXPECTED: Record<string, RegExp[]> = {
  // README.md
  'What are your hours on Saturday?': [/9:00 AM – 6:00 PM/, /Saturday/],
  // packages/sdk/README.md
  'When is the showroom open on Saturday?': [/9:00 AM – 6:00 PM/, /Saturday/],
  'Do you have any SUVs under $30,000?': [/\d+ SUVs under \$30,000/, /\$2\d,\d{3}/],
  'Can I book a test drive?': [/schedule a test drive online/],
  'How long does the Powertrain Plus warranty last?': [/5 years or 60,000 miles/],
  'When are you open?': [/Monday–Friday 9:00 AM – 8:00 PM/],
  // The widget's default suggestions
  'What are your opening hours?': [/Monday–Friday 9:00 AM – 8:00 PM/],
  'Do you have used SUVs under $30,000?': [/\d+ used SUVs under \$30,000/, /\$2\d,\d{3}/],
  'What is my trade-in worth?': [/instant estimate/, /adamsauto\.example\.com\/trade/],
  'Can I get financing with bad credit?': [/financing with bad credit/],
  '¿Cuál es su horario?': [/Lunes–viernes 9:00 AM – 8:00 PM/],
  '¿Tienen SUV usados por menos de $30,000?': [
    /\d+ SUV usados de menos de \$30,000/,
    /\$2\d,\d{3}/,
  ],
  '¿Cuánto vale mi carro usado?': [/instant estimate/, /adamsauto\.example\.com\/trade/],
  '¿Puedo obtener financiamiento con mal crédito?': [/financing with bad credit/],
}

// `client.ask('…?')`, `question = '…?'` and a README's _"…?"_.
const QUESTION = /(?:ask\(\s*|question = )(['"`])([^'"`\n]+\?)\1|_"([^"\n]+\?)"_/g

async function exampleQuestions(): Promise<string[]> {
  const files = ['README.md', 'examples/node-sdk/index.ts']
  for (const dir of ['packages', 'examples']) {
    for (const entry of await readdir(path.join(ROOT, dir), { withFileTypes: true })) {
      if (entry.isDirectory()) files.push(path.join(dir, entry.name, 'README.md'))
    }
  }
  const questions = new Set<string>()
  for (const file of files) {
    const text = await readFile(path.join(ROOT, file), 'utf8').catch(() => '')
    for (const match of text.matchAll(QUESTION)) questions.add(match[2] ?? match[3]!)
  }
  return [...questions]
}

let server: TestServer

beforeAll(async () => {
  server = await startTestServer({ env: { AVATARADAM_DEMO: 'true' } })
  const tenantId = server.demo!.tenantId
  const secret = await server.keys.create(tenantId, { type: 'secret' })
  // The demo's documents, then the SDK example's own (it uploads it before asking).
  await eventually(async () => {
    const { body } = await api(server, secret.key, 'GET', '/v1/documents')
    return (
      body.documents.length > 0 &&
      body.documents.every((d: { status: string }) => d.status === 'ready')
    )
  }, 60_000)
  await uploadAndWait(
    server,
    secret.key,
    'extended-warranty.md',
    await readFile(path.join(ROOT, 'examples/node-sdk/documents/extended-warranty.md')),
  )
}, 120_000)

afterAll(async () => {
  await server?.stop()
})

describe('the questions a newcomer tries first', () => {
  it('covers every example question of the READMEs and every default suggestion', async () => {
    const asked = [
      ...(await exampleQuestions()),
      ...DEFAULT_WIDGET_SETTINGS.suggestions,
      ...STRINGS.en!.suggestions,
      ...STRINGS.es!.suggestions,
    ]
    expect(asked.length).toBeGreaterThan(10)
    expect(asked.filter((question) => !(question in EXPECTED))).toEqual([])
  })

  for (const [question, facts] of Object.entries(EXPECTED)) {
    it(`answers "${question}" from the documents`, async () => {
      const origin = new URL(server.url).origin
      const socket = await connectVisitor(
        visitorClient(server, { key: server.demo!.publishableKey }, { origin }),
      )
      try {
        // On PostgreSQL the demo dealership is shared with other test files, whose demo servers
        // may be re-ingesting its documents as this one asks: ask again (a new conversation)
        // until the documents have settled, and judge the last answer.
        let done = (await ask(socket, question, { timeoutMs: 20_000 })).done
        const started = Date.now()
        while (!facts.every((fact) => fact.test(done.text)) && Date.now() - started < 20_000) {
          await new Promise((resolve) => setTimeout(resolve, 500))
          done = (await ask(socket, question, { timeoutMs: 20_000 })).done
        }
        for (const fact of facts) expect(done.text).toMatch(fact)
        expect(done.citations.length).toBeGreaterThan(0)
        expect(done.actions).toBeUndefined()
        expect(done.language).toBe(/[¿ñáéíóú]/.test(question) ? 'es' : 'en')
      } finally {
        socket.close()
      }
    })
  }
})
