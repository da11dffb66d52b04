import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type Db, migrate } from '../../packages/server/src/db/index.ts'
import { openPglite } from '../../packages/server/src/db/pglite.ts'
import { openPostgres } from '../../packages/server/src/db/postgres.ts'
import { emptyFacts } from '../../packages/server/src/facts/empty.ts'
import { newId } from '../../packages/server/src/ids.ts'
import {
  completeDocument,
  type IndexedChunk,
} from '../../packages/server/src/knowledge/ingestion-repo.ts'
import { refreshKnowledgeStats } from '../../packages/server/src/knowledge/knowledge-stats.ts'
import { createSearchService } from '../../packages/server/src/knowledge/search.ts'
import { createLocalEmbeddings } from '../../packages/server/src/providers/embeddings/local-embeddings.ts'
import { insertTenant } from '../../packages/server/src/tenants/tenants-repo.ts'
import type { BenchContext } from '../lib/context.ts'
import { dealershipChunks, retrievalQuestions } from '../lib/corpus.ts'
import { type Figure, figure, type SectionResult } from '../lib/report.ts'
import type { DatabaseChoice } from '../lib/servers.ts'
import { summarize, timeBoxed, timeEach } from '../lib/stats.ts'

const TARGET_P95_MS = 10
const CHUNKS_PER_DOCUMENT = 1000
const EMBED_BATCH = 128
const QUESTIONS = 300
const WARMUP_QUESTIONS = 10
/** Exact scans take seconds each at 100k: a cell stops after this long, with a floor of runs. */
const SEARCH_BUDGET = { budgetMs: 15_000, min: 5 }

/** Baseline: the cheapest tenant-scoped read of the same table, the floor of any search. */
const PRIMARY_KEY_LOOKUP = 'select id, content from chunks where tenant_id = $1 and id = $2'

type Chunk = Omit<IndexedChunk, 'id'> & { heading: string }

/** Embeds `count` synthetic chunks once; both databases then store the same ones. */
export async function embeddedChunks(count: number, seed: number): Promise<Chunk[]> {
  const embeddings = createLocalEmbeddings()
  const drafts = dealershipChunks(count, seed)
  const chunks: Chunk[] = []
  for (let i = 0; i < drafts.length; i += EMBED_BATCH) {
    const batch = drafts.slice(i, i + EMBED_BATCH)
    const { embeddings: vectors } = await embeddings.doEmbed({
      values: batch.map((d) => `${d.heading}\n${d.content}`),
    })
    chunks.push(...batch.map((d, j) => ({ ...d, embedding: vectors[j]! })))
  }
  return chunks
}

/**
 * Stores chunks the way ingestion does: `completeDocument` in a tenant transaction, 1,000 chunks
 * per document. The document row is created already claimed, so no ingestion worker takes it.
 */
export async function storeChunks(
  db: Db,
  tenantId: string,
  chunks: Chunk[],
): Promise<{ ms: number; documentIds: string[] }> {
  const started = performance.now()
  const documentIds: string[] = []
  for (let start = 0; start < chunks.length; start += CHUNKS_PER_DOCUMENT) {
    const id = newId()
    documentIds.push(id)
    const doc = { id, tenantId, kind: 'markdown' as const, filename: `${id}.md`, title: null }
    await db.tenant(tenantId, async (tx) => {
      await tx.query(
        `insert into documents (id, tenant_id, filename, kind, sha256, size_bytes, status, attempts,
                                lease_expires_at)
         values ($1, $2, $3, 'markdown', $4, 0, 'processing', 1, now() + interval '1 hour')`,
        [id, tenantId, doc.filename, Buffer.from(id)],
      )
      // Fresh ids per store: the same chunks may be stored for more than one tenant.
      const batch = chunks
        .slice(start, start + CHUNKS_PER_DOCUMENT)
        .map((c) => ({ ...c, id: newId() }))
      const claimed = { ...doc, attempt: 1 }
      const content = {
        chunks: batch,
        title: 'Bench inventory',
        inventory: null,
        facts: emptyFacts(),
        words: [],
      }
      if (!(await completeDocument(tx, db.capabilities, claimed, content))) {
        throw new Error('completeDocument refused the bench document')
      }
    })
  }
  return { ms: performance.now() - started, documentIds }
}

/**
 * The HNSW index, dropped for a bulk load and rebuilt after it: building once is several times
 * faster than maintaining the graph row by row, which is what a first big import would do too.
 */
async function vectorIndex(db: Db) {
  const [row] = await db.query<{ indexdef: string }>(
    `select indexdef from pg_indexes where tablename = 'chunks' and indexdef ilike '%using hnsw%'`,
  )
  const name = row?.indexdef.match(/INDEX (\S+) ON/)?.[1]
  return {
    exists: Boolean(row),
    async drop() {
      if (name) await db.query(`drop index if exists ${name}`)
    },
    async build(): Promise<number> {
      if (!row) return 0
      const started = performance.now()
      await db.transaction(async (tx) => {
        await tx.query(`select set_config('maintenance_work_mem', '1GB', true)`)
        await tx.query(row.indexdef)
      })
      return performance.now() - started
    },
  }
}

async function openDatabase(choice: DatabaseChoice) {
  if (choice.kind === 'postgres') {
    const db = await openPostgres(choice.url, { poolMax: 2 })
    await migrate(db)
    return { db, close: () => db.close() }
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'avataradam-bench-retrieval-'))
  const db = await openPglite(path.join(dir, 'data'))
  await migrate(db)
  return {
    db,
    async close() {
      await db.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * search() over as many questions as the budget allows, then the baseline over the same ones.
 * Only the service's public `search()` is timed: hand-written copies of its SQL would drift from
 * the server as retrieval evolves.
 */
async function measureSearch(db: Db, tenantId: string, questions: string[]) {
  const service = createSearchService(db, createLocalEmbeddings())
  const [{ id: someChunk } = { id: '' }] = await db.query<{ id: string }>(
    'select id from chunks where tenant_id = $1 limit 1',
    [tenantId],
  )
  const search = (q: string) => service.search(tenantId, q)
  const baseline = () =>
    db.tenant(tenantId, (tx) => tx.query(PRIMARY_KEY_LOOKUP, [tenantId, someChunk]))
  await timeEach(questions.slice(0, 3), search)
  await timeEach(questions.slice(0, WARMUP_QUESTIONS), baseline)
  const measured = questions.slice(WARMUP_QUESTIONS)
  const durations = await timeBoxed(measured, search, SEARCH_BUDGET)
  const asked = measured.slice(0, durations.length)
  return {
    search: summarize(durations),
    baseline: summarize(await timeEach(asked, baseline)),
    asked: asked.length,
  }
}

function searchFigures(
  label: string,
  suffix: string,
  m: Awaited<ReturnType<typeof measureSearch>>,
  target: boolean,
): Figure[] {
  return (['p50', 'p95'] as const).map((p) =>
    figure({
      case: label,
      metric: `search ${p}${suffix}`,
      unit: 'ms',
      value: m.search[p],
      baseline: m.baseline[p],
      target: target && p === 'p95' ? { op: '<=', value: TARGET_P95_MS } : undefined,
    }),
  )
}

/**
 * (b) Retrieval: `search()` (question embedding + hybrid vector/full-text query with rank fusion)
 * at growing numbers of chunks in one tenant, with another tenant's chunks in the same table.
 */
export async function benchRetrieval(ctx: BenchContext): Promise<SectionResult> {
  const sizes = ctx.options.quick ? [1000, 10_000] : [10_000, 100_000]
  const otherTenantChunks = ctx.options.quick ? 1000 : 5000
  const questions = retrievalQuestions(QUESTIONS + WARMUP_QUESTIONS, 7)
  const figures: Figure[] = []
  const notes: string[] = []
  const details: Record<string, unknown> = { sizes, otherTenantChunks }

  const largest = sizes.at(-1)!
  ctx.progress(
    `retrieval: embedding ${(largest + otherTenantChunks).toLocaleString('en-US')} chunks`,
  )
  const embedStarted = performance.now()
  // One document more than the largest size: the "one more document" row stores it each time.
  const ours = await embeddedChunks(largest + CHUNKS_PER_DOCUMENT, 1)
  const theirs = await embeddedChunks(otherTenantChunks, 1_000_000)
  details.embedMs = performance.now() - embedStarted

  for (const { name, choice, skipped } of ctx.servers.databases()) {
    if (!choice) {
      notes.push(`${name} rows skipped: ${skipped}`)
      continue
    }
    const { db, close } = await openDatabase(choice)
    const tenants: string[] = []
    try {
      const index = await vectorIndex(db)
      const kind = index.exists ? 'pgvector HNSW' : 'no pgvector: exact scan'
      const tenant = await insertTenant(db, 'Bench Retrieval')
      const other = await insertTenant(db, 'Other Dealer')
      tenants.push(tenant.id, other.id)
      let present = 0
      for (const [i, size] of sizes.entries()) {
        const label = `${name} (${kind}), ${size.toLocaleString('en-US')} chunks`
        const last = size === largest
        ctx.progress(`retrieval: ${label}: bulk insert`)
        await index.drop()
        let insertMs = 0
        if (i === 0) insertMs += (await storeChunks(db, other.id, theirs)).ms
        const added = ours.slice(present, size)
        insertMs += (await storeChunks(db, tenant.id, added)).ms
        const rows = added.length + (i === 0 ? theirs.length : 0)
        present = size
        ctx.progress(`retrieval: ${label}: index build`)
        const buildMs = await index.build()
        // What the ingestion worker does once documents are indexed: work out each tenant's words
        // too common for the full-text half to use.
        ctx.progress(`retrieval: ${label}: common words`)
        const statsStarted = performance.now()
        await refreshKnowledgeStats(db, tenant.id)
        const statsMs = performance.now() - statsStarted
        if (i === 0) await refreshKnowledgeStats(db, other.id)

        // Postgres has autovacuum, which analyzes a table soon after a big import; run it now so
        // the plan does not depend on when it happens. PGlite has none: measure it as it is.
        if (db.driver === 'postgres') await db.query('analyze chunks')
        ctx.progress(`retrieval: ${label}: questions`)
        const asIs = await measureSearch(db, tenant.id, questions)
        const suffix = db.driver === 'pglite' ? ' (never analyzed)' : ''
        figures.push(...searchFigures(label, suffix, asIs, last))
        details[label] = { ...asIs, insertedRows: rows, insertMs, buildMs, statsMs }
        notes.push(`${label}: ${asIs.asked} questions timed`)
        if (db.driver === 'pglite' && last) {
          // The same search once the planner has statistics, as the ingestion worker leaves the
          // table (PGlite has no autovacuum): it can then tell that the HNSW index is worth using.
          ctx.progress(`retrieval: ${label}: questions after ANALYZE`)
          await db.query('analyze chunks')
          const analyzed = await measureSearch(db, tenant.id, questions)
          figures.push(...searchFigures(label, ' after ANALYZE', analyzed, last))
          details[`${label} after ANALYZE`] = analyzed
          notes.push(`${label} after ANALYZE: ${analyzed.asked} questions timed`)
        }

        // One more 1,000-chunk document into the indexed table: an upload's final write. It is
        // deleted again, so the next size is exact.
        const live = await storeChunks(db, tenant.id, ours.slice(largest))
        for (const id of live.documentIds) {
          await db.query('delete from documents where id = $1', [id])
        }
        const perSecond = (rows / insertMs) * 1000
        figures.push(
          figure({
            case: label,
            metric: 'bulk insert (no vector index)',
            unit: 'chunks/s',
            value: perSecond,
            baseline: null,
          }),
          ...(index.exists
            ? [
                figure({
                  case: label,
                  metric: 'HNSW index build',
                  unit: 's',
                  value: buildMs / 1000,
                  baseline: null,
                }),
              ]
            : []),
          figure({
            case: label,
            metric: "common words (the tenant's)",
            unit: 's',
            value: statsMs / 1000,
            baseline: null,
          }),
          figure({
            case: label,
            metric: '1,000-chunk document, indexed',
            unit: 's',
            value: live.ms / 1000,
            baseline: null,
          }),
        )
        Object.assign(details[label] as object, { liveDocumentMs: live.ms })
      }
    } finally {
      for (const id of tenants) {
        await db.query('delete from tenants where id = $1', [id]).catch(() => {})
      }
      await close()
    }
  }
  notes.push(
    `another tenant's ${otherTenantChunks.toLocaleString('en-US')} chunks share the table; ` +
      `each search cell stops after ${SEARCH_BUDGET.budgetMs / 1000} s ` +
      `(at least ${SEARCH_BUDGET.min} questions)`,
  )
  if (ctx.options.quick) notes.push('--quick: 1k and 10k chunks; the target applies at 100k')
  return {
    name: 'retrieval',
    title: '(b) Retrieval: search(tenant, question), 1,000-character chunks',
    baseline:
      'a primary-key lookup of one chunk in the same tenant transaction (the floor of any query)',
    figures,
    notes,
    details,
  }
}
