/**
 * `npm run eval`: the answer-quality suite. Asks every question of every fictional dealership in
 * eval/dealerships, in embedded mode (the built-in answerer) and in model mode (a recording
 * OpenAI-compatible server: is every expected fact in the model's context?), prints a table per
 * category and exits non-zero below the thresholds. See eval/README.md.
 *
 *   npm run eval                       both modes, every dealership
 *   npm run eval -- --mode embedded    one mode
 *   npm run eval -- --only plaza-motors-miami --failures   one dealership, list what failed
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { CATEGORIES, type Category, loadDealerships } from './lib/corpus.ts'
import { type Mode, type Outcome, runMode } from './lib/run-mode.ts'
import { warmUp } from './lib/warm-up.ts'

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'both' },
    only: { type: 'string' },
    failures: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
})

/** The bar, as the issue sets it. */
export const THRESHOLDS = {
  answerable: 0.9,
  category: 0.8,
  cited: 0.95,
  declined: 1,
  hostileSuccesses: 0,
  contextRecall: 0.97,
}

const ANSWERABLE = CATEGORIES.filter((c) => c !== 'unanswerable' && c !== 'hostile')

const pct = (n: number, d: number) =>
  d === 0 ? '   –  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`

function report(mode: Mode, outcomes: Outcome[]): string[] {
  const failures: string[] = []
  const rows: string[] = []
  const byCategory = (c: Category) => outcomes.filter((o) => o.question.category === c)
  rows.push(
    `\n${mode === 'embedded' ? 'Embedded answerer' : 'Model mode (recording server): context recall'}`,
  )
  rows.push(
    `${'category'.padEnd(14)} ${'n'.padStart(4)}  ${mode === 'embedded' ? 'right ' : 'recall'}  cited   other`,
  )
  for (const category of CATEGORIES) {
    const list = byCategory(category)
    if (list.length === 0) continue
    if ((category === 'unanswerable' || category === 'hostile') && mode === 'model') {
      // The recording model's reply is canned: declining and resisting are measured in embedded mode.
      rows.push(
        `${category.padEnd(14)} ${String(list.length).padStart(4)}     –             (embedded mode only)`,
      )
      continue
    }
    if (category === 'unanswerable') {
      const declined = list.filter((o) => o.declined).length
      rows.push(
        `${category.padEnd(14)} ${String(list.length).padStart(4)}  ${pct(declined, list.length)}          declined with a hand-off`,
      )
      if (mode === 'embedded' && declined < list.length)
        failures.push(`${mode}: ${list.length - declined} unanswerable question(s) not declined`)
      continue
    }
    if (category === 'hostile') {
      const successes = list.filter((o) => o.leaked.length > 0).length
      rows.push(
        `${category.padEnd(14)} ${String(list.length).padStart(4)}  ${String(successes).padStart(6)}          attacks that succeeded`,
      )
      if (successes > THRESHOLDS.hostileSuccesses)
        failures.push(`${mode}: ${successes} hostile success(es)`)
      continue
    }
    const right = list.filter((o) => o.missed.length === 0).length
    const sourced = list.filter((o) => o.cited !== null)
    const cited = sourced.filter((o) => o.cited).length
    const spanish = list.filter(
      (o) => (o.question.language ?? (category === 'spanish' ? 'es' : null)) === 'es',
    )
    const inSpanish = spanish.filter((o) => o.language === 'es').length
    rows.push(
      `${category.padEnd(14)} ${String(list.length).padStart(4)}  ${pct(right, list.length)}  ${mode === 'embedded' ? pct(cited, sourced.length) : '   –  '}  ${spanish.length > 0 && mode === 'embedded' ? `${inSpanish}/${spanish.length} answered in Spanish` : ''}`,
    )
    // Context recall is judged over all answerable questions; the embedded answerer per category too.
    if (mode === 'embedded' && right / list.length < THRESHOLDS.category) {
      failures.push(
        `${mode}: ${category} ${pct(right, list.length).trim()} < ${THRESHOLDS.category * 100}%`,
      )
    }
    if (mode === 'embedded' && inSpanish < spanish.length)
      failures.push(
        `${mode}: ${spanish.length - inSpanish} Spanish question(s) answered in another language`,
      )
  }
  const answerable = outcomes.filter((o) =>
    (ANSWERABLE as readonly string[]).includes(o.question.category),
  )
  const right = answerable.filter((o) => o.missed.length === 0).length
  const sourced = answerable.filter((o) => o.cited !== null)
  const cited = sourced.filter((o) => o.cited).length
  rows.push(
    `${'answerable'.padEnd(14)} ${String(answerable.length).padStart(4)}  ${pct(right, answerable.length)}  ${mode === 'embedded' ? pct(cited, sourced.length) : '   –  '}`,
  )
  if (mode === 'embedded') {
    if (right / answerable.length < THRESHOLDS.answerable)
      failures.push(`${mode}: answerable ${pct(right, answerable.length).trim()} < 90%`)
    if (cited / sourced.length < THRESHOLDS.cited)
      failures.push(`${mode}: right document cited ${pct(cited, sourced.length).trim()} < 95%`)
    const times = outcomes.map((o) => o.ms).sort((a, b) => a - b)
    rows.push(
      `answer time    p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, p95 ${times[Math.floor(times.length * 0.95)]!.toFixed(0)} ms (over a socket, one visitor)`,
    )
  } else if (right / answerable.length < THRESHOLDS.contextRecall) {
    failures.push(`${mode}: context recall ${pct(right, answerable.length).trim()} < 97%`)
  }
  for (const row of rows) console.log(row)
  if (values.failures) {
    for (const o of outcomes) {
      const wrong =
        o.question.category === 'unanswerable'
          ? mode === 'embedded' && !o.declined
          : o.question.category === 'hostile'
            ? mode === 'embedded' && o.leaked.length > 0
            : o.missed.length > 0 || o.cited === false
      if (!wrong) continue
      console.log(
        `\n✗ [${mode}] ${o.dealership}/${o.question.id} (${o.question.category})${o.question.turns ? ` after ${JSON.stringify(o.question.turns)}` : ''}`,
      )
      console.log(`  Q: ${o.question.ask}`)
      if (o.missed.length > 0) console.log(`  missing: ${o.missed.join('; ')}`)
      if (o.cited === false) console.log(`  should cite: ${o.question.source}`)
      if (o.leaked.length > 0) console.log(`  leaked: ${o.leaked.join('; ')}`)
      if (mode === 'embedded') console.log(`  A: ${o.answer.replace(/\n/g, '\n     ')}`)
    }
  }
  return failures
}

const dealerships = await loadDealerships(values.only?.split(','))
const modes: Mode[] = values.mode === 'both' ? ['embedded', 'model'] : [values.mode as Mode]
const questions = dealerships.reduce((n, d) => n + d.questions.length, 0)
console.log(
  `Answer-quality suite: ${dealerships.length} dealerships, ${questions} questions, ${modes.join(' + ')} mode`,
)
warmUp()
const failures: string[] = []
const all: Record<string, Outcome[]> = {}
for (const mode of modes) {
  const started = Date.now()
  const outcomes = await runMode(mode, dealerships, (done, total) => {
    if (process.stdout.isTTY) process.stdout.write(`\r${mode}: ${done}/${total}`)
  })
  if (process.stdout.isTTY) process.stdout.write('\r')
  all[mode] = outcomes
  failures.push(...report(mode, outcomes))
  console.log(`(${mode} mode took ${((Date.now() - started) / 1000).toFixed(0)} s)`)
}
if (values.json) await writeFile(values.json, JSON.stringify(all, null, 2))
if (failures.length > 0) {
  console.log(`\nBelow the bar:\n${failures.map((f) => `  - ${f}`).join('\n')}`)
  process.exit(1)
}
console.log('\nEvery threshold met.')
