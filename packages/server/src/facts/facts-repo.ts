import type { DealershipFacts } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/index.ts'
import { displayTitle } from '../knowledge/documents-repo.ts'
import type { ExtractedFacts } from './extract/index.ts'

/** Stores the facts a document states (in the transaction that stores the rest of it). */
export async function replaceDocumentFacts(
  tx: Queryable,
  tenantId: string,
  documentId: string,
  facts: ExtractedFacts,
  words: readonly string[],
): Promise<void> {
  await tx.query(
    `insert into document_facts (document_id, tenant_id, facts, words)
     values ($1, $2, $3::text::jsonb, $4::text[])
     on conflict (document_id) do update set facts = excluded.facts, words = excluded.words`,
    [documentId, tenantId, JSON.stringify(facts), words],
  )
}

/** Every word the tenant's ready documents use (for correcting visitors' spelling). */
export async function readDocumentWords(tx: Queryable, tenantId: string): Promise<string[]> {
  const rows = await tx.query<{ word: string }>(
    `select distinct unnest(f.words) as word from document_facts f
     join documents d on d.id = f.document_id
     where f.tenant_id = $1 and d.status = 'ready'`,
    [tenantId],
  )
  return rows.map((row) => row.word)
}

/** The facts of each of the tenant's ready documents, newest document first. */
export async function readDocumentFacts(
  tx: Queryable,
  tenantId: string,
): Promise<{ documentId: string; facts: ExtractedFacts }[]> {
  const rows = await tx.query<{ document_id: string; facts: ExtractedFacts | string }>(
    `select f.document_id, f.facts from document_facts f
     join documents d on d.id = f.document_id
     where f.tenant_id = $1 and d.status = 'ready'
     order by d.created_at desc, d.id`,
    [tenantId],
  )
  return rows.map((row) => ({
    documentId: row.document_id,
    facts: typeof row.facts === 'string' ? JSON.parse(row.facts) : row.facts,
  }))
}

/** The titles of the tenant's ready documents, by id (to cite facts and vehicles by). */
export async function readDocumentTitles(
  tx: Queryable,
  tenantId: string,
): Promise<Record<string, string>> {
  const rows = await tx.query<{ id: string; title: string | null; filename: string | null }>(
    `select id, title, filename from documents where tenant_id = $1 and status = 'ready'`,
    [tenantId],
  )
  return Object.fromEntries(rows.map((row) => [row.id, displayTitle(row.title, row.filename)]))
}

/** What staff set for a dealership: its time zone and corrected facts. */
export interface DealershipProfile {
  timezone: string | null
  corrections: DealershipFacts | null
}

export async function readProfile(tx: Queryable, tenantId: string): Promise<DealershipProfile> {
  const [row] = await tx.query<{
    timezone: string | null
    corrections: DealershipFacts | string | null
  }>('select timezone, corrections from dealership_profiles where tenant_id = $1', [tenantId])
  const corrections = row?.corrections ?? null
  return {
    timezone: row?.timezone ?? null,
    corrections: typeof corrections === 'string' ? JSON.parse(corrections) : corrections,
  }
}

export async function writeProfile(
  tx: Queryable,
  tenantId: string,
  profile: DealershipProfile,
): Promise<void> {
  await tx.query(
    `insert into dealership_profiles (tenant_id, timezone, corrections)
     values ($1, $2, $3::text::jsonb)
     on conflict (tenant_id) do update
       set timezone = excluded.timezone, corrections = excluded.corrections, updated_at = now()`,
    [tenantId, profile.timezone, profile.corrections ? JSON.stringify(profile.corrections) : null],
  )
}
