import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient } from '../../packages/sdk/src/index.ts'
import type { ChatDone } from '../../packages/sdk/src/protocol.ts'
import { loadConfig } from '../../packages/server/src/config/index.ts'
import { createLogger } from '../../packages/server/src/logger.ts'
import { type RunningServer, startServer } from '../../packages/server/src/server.ts'
import { insertTenant } from '../../packages/server/src/tenants/tenants-repo.ts'
import type { Dealership, Question } from './corpus.ts'
import { RecordingModel, type ScriptedCall } from './recording-model.ts'
import { declines, leaked, missing } from './score.ts'

export type Mode = 'embedded' | 'model'

/** How one question went. */
export interface Outcome {
  dealership: string
  question: Question
  answer: string
  /** Expected facts the answer (embedded) or the model's context (model) lacks. */
  missed: string[]
  /** The right document was cited (embedded, when the question names one). */
  cited: boolean | null
  declined: boolean
  leaked: string[]
  /** In Spanish when it had to be. */
  language: string | null
  ms: number
}

const ORIGIN = 'https://eval.example'

async function api(url: string, key: string, method: string, route: string, body?: unknown) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${key}` } }
  if (body instanceof FormData) init.body = body
  else if (body !== undefined) {
    init.body = JSON.stringify(body)
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
  }
  const res = await fetch(`${url}/v1${route}`, init)
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${route}: ${res.status} ${text}`)
  return text ? JSON.parse(text) : null
}

interface Seeded {
  dealership: Dealership
  publishableKey: string
  /** Document id → file name. */
  files: Map<string, string>
}

/** A dealership as a tenant: keys, its languages and time zone, its documents uploaded and ready. */
async function seed(server: RunningServer, url: string, dealership: Dealership): Promise<Seeded> {
  const tenant = await insertTenant(server.db, dealership.name)
  const publishable = await server.keys.create(tenant.id, {
    type: 'publishable',
    allowedOrigins: [ORIGIN],
  })
  const secret = await server.keys.create(tenant.id, { type: 'secret' })
  const settings = await api(url, secret.key, 'GET', '/widget-settings')
  await api(url, secret.key, 'PUT', '/widget-settings', {
    ...settings,
    languages: dealership.languages,
  })
  if (dealership.timezone)
    await api(url, secret.key, 'PUT', '/dealership-facts', { timezone: dealership.timezone })
  const files = new Map<string, string>()
  for (const file of dealership.documents) {
    const form = new FormData()
    form.append('file', new File([await readFile(file)], path.basename(file)))
    const accepted = await api(url, secret.key, 'POST', '/documents', form)
    files.set(accepted.id, path.basename(file))
  }
  const deadline = Date.now() + 300_000
  for (;;) {
    const { documents } = await api(url, secret.key, 'GET', '/documents')
    const failed = documents.filter((d: { status: string }) => d.status === 'failed')
    if (failed.length > 0) {
      throw new Error(
        `${dealership.slug}: ${failed.map((d: { filename: string; error: { message: string } }) => `${d.filename}: ${d.error?.message}`).join('; ')}`,
      )
    }
    if (documents.every((d: { status: string }) => d.status === 'ready')) break
    if (Date.now() > deadline)
      throw new Error(`${dealership.slug}: documents not ready after 5 minutes`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { dealership, publishableKey: publishable.key, files }
}

function scriptFor(question: Question): ScriptedCall[] {
  return Object.entries(question.model ?? {}).map(([name, args]) => ({ name, arguments: args }))
}

/**
 * Runs every question of every dealership against one server in a mode, all dealerships as
 * tenants of it at once (so a hostile question can reach for another's data): the embedded
 * answerer, or a recording model that shows what context the model was given.
 */
export async function runMode(
  mode: Mode,
  dealerships: Dealership[],
  onProgress?: (done: number, total: number) => void,
): Promise<Outcome[]> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'avataradam-eval-'))
  const model = mode === 'model' ? new RecordingModel() : null
  const modelUrl = await model?.start()
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.EVAL_LOG_LEVEL ?? 'silent',
    AVATARADAM_DATA_DIR: path.join(dataDir, 'data'),
    AVATARADAM_DEMO: 'false',
    RATE_LIMIT_MESSAGES_PER_MINUTE: '100000',
    RATE_LIMIT_CONNECTIONS_PER_MINUTE: '100000',
    RATE_LIMIT_REQUESTS_PER_MINUTE: '100000',
    ANSWER_CACHE_TTL_SECONDS: '0',
    ...(modelUrl
      ? {
          LLM_PROVIDER: 'openai-compatible',
          LLM_BASE_URL: modelUrl,
          LLM_API_KEY: 'eval',
          LLM_MODEL: 'eval-model',
          LLM_MAX_RETRIES: '0',
        }
      : {}),
  })
  const server = await startServer(config, { log: createLogger(config.logLevel) })
  const url = server.url
  const outcomes: Outcome[] = []
  try {
    const seeded = []
    for (const dealership of dealerships) seeded.push(await seed(server, url, dealership))
    const total = dealerships.reduce((n, d) => n + d.questions.length, 0)
    for (const { dealership, publishableKey, files } of seeded) {
      for (const question of dealership.questions) {
        const page = question.page
          ? {
              url: `https://eval.example/inventory/${question.page.stockNumber ?? question.page.vin}`,
              vehicle: question.page,
            }
          : { url: 'https://eval.example/' }
        const client = createClient({
          key: publishableKey,
          baseUrl: url,
          origin: ORIGIN,
          storage: false,
          page,
        })
        try {
          for (const turn of question.turns ?? []) {
            model?.expect([])
            await client.ask(turn)
          }
          model?.expect(scriptFor(question))
          const started = performance.now()
          const done = (await client.ask(question.ask)) as ChatDone
          const ms = performance.now() - started
          const handoff = done.actions?.some((a) => a.type === 'handoff') ?? false
          const seen = model ? model.recorded() : done.text
          const citedFiles = done.citations.map((c) => files.get(c.documentId))
          outcomes.push({
            dealership: dealership.slug,
            question,
            answer: done.text,
            missed: missing(seen, question),
            cited:
              question.source && mode === 'embedded' ? citedFiles.includes(question.source) : null,
            declined: declines(done.text, handoff),
            leaked: leaked(done.text, question),
            language: done.language ?? null,
            ms,
          })
        } finally {
          client.close()
        }
        onProgress?.(outcomes.length, total)
      }
    }
  } finally {
    await server.close()
    await model?.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  return outcomes
}
