/**
 * `npm run bench`: measures the server against goals from the issue, each beside a baseline
 * measured in the same run, and writes bench/results/latest.json. See bench/README.md.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { BenchContext, BenchOptions } from './lib/context.ts'
import { resolvePostgres } from './lib/postgres.ts'
import { renderSection, type SectionResult } from './lib/report.ts'
import { createServerPool } from './lib/servers.ts'
import { sourceSnapshot } from './lib/source-snapshot.ts'
import { benchAnswers } from './sections/answers.ts'
import { benchEmbeddings } from './sections/embeddings.ts'
import { benchFaq } from './sections/faq.ts'
import { benchInventory } from './sections/inventory.ts'
import { benchLlm } from './sections/llm.ts'
import { benchMemory } from './sections/memory.ts'
import { benchPortal } from './sections/portal.ts'
import { benchRetrieval } from './sections/retrieval.ts'
import { benchSize } from './sections/size.ts'
import { benchTurns } from './sections/turns.ts'
import { benchUpload } from './sections/upload.ts'

const SECTIONS: Record<string, (ctx: BenchContext) => Promise<SectionResult>> = {
  turns: benchTurns,
  retrieval: benchRetrieval,
  upload: benchUpload,
  memory: benchMemory,
  embeddings: benchEmbeddings,
  size: benchSize,
  llm: benchLlm,
  faq: benchFaq,
  portal: benchPortal,
  answers: benchAnswers,
  inventory: benchInventory,
}

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    clients: { type: 'string', default: '1' },
  },
})

const only = values.only?.split(',').map((s) => s.trim()) ?? Object.keys(SECTIONS)
const unknown = only.filter((name) => !(name in SECTIONS))
if (unknown.length > 0) {
  console.error(
    `Unknown section(s) ${unknown.join(', ')}; pick from ${Object.keys(SECTIONS).join(', ')}`,
  )
  process.exit(2)
}

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url))
await mkdir(resultsDir, { recursive: true })
const options: BenchOptions = {
  quick: values.quick,
  profile: values.profile,
  clientProcesses: Math.max(1, Number(values.clients) || 1),
}
const started = Date.now()
const progress = (message: string) =>
  console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`)

const loadBefore = os.loadavg()
const sourceBefore = await sourceSnapshot()
const postgres = await resolvePostgres(process.env)
const servers = createServerPool(postgres)
const ctx: BenchContext = { options, servers, resultsDir, progress }
const sections: SectionResult[] = []

const loadText = (load: number[]) => load.map((l) => l.toFixed(2)).join(' ')
const mode = options.quick ? ' (--quick)' : ''
console.log(
  `AvatarAdam bench${mode}: ${os.cpus().length} cores, Node ${process.version}, ` +
    `load average ${loadText(loadBefore)}`,
)
console.log(
  'url' in postgres ? `Postgres: ${postgres.label}` : `Postgres: skipped (${postgres.skipped})`,
)
try {
  for (const name of only) {
    progress(`${name}: starting`)
    const section = await SECTIONS[name]!(ctx)
    sections.push(section)
    console.log(renderSection(section))
  }
} finally {
  await servers.stopAll()
}

const loadAfter = os.loadavg()
const took = ((Date.now() - started) / 1000).toFixed(0)
console.log(`\nload average after: ${loadText(loadAfter)}; took ${took} s`)
const sourceAfter = await sourceSnapshot()
const sourceChanged = sourceAfter.fingerprint !== sourceBefore.fingerprint
if (sourceChanged) {
  console.log(
    'WARNING: server or SDK source changed during the run (newest file ' +
      `${sourceAfter.newest.toISOString()}); servers started before and after ran different code`,
  )
}
const report = {
  startedAt: new Date(started).toISOString(),
  durationSeconds: (Date.now() - started) / 1000,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    totalMemoryMb: Math.round(os.totalmem() / 1024 / 1024),
    node: process.version,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadAfter,
  },
  options: { ...options, only },
  postgres: 'url' in postgres ? postgres.label : { skipped: postgres.skipped },
  source: { before: sourceBefore, after: sourceAfter, changedDuringRun: sourceChanged },
  sections,
}
await writeFile(path.join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
console.log(`results: bench/results/latest.json`)
