import type { Db } from '../db/index.ts'

// A word in more of a tenant's chunks than this is left out of its full-text search: ranking that
// many matches is slow, and such a word barely tells passages apart.
const COMMON_IN_CHUNKS = 200

/**
 * Recomputes the words too common in a tenant's knowledge base for full-text search to use
 * (knowledge_stats, read by avataradam_text_search). Runs in the tenant's scope, so ts_stat only
 * ever sees that tenant's chunks. Cheap below the threshold: no chunk set that small has any.
 */
export async function refreshKnowledgeStats(db: Db, tenantId: string): Promise<void> {
  await db.tenant(tenantId, async (tx) => {
    const [count] = await tx.query<{ n: number }>(
      'select count(*)::int as n from chunks where tenant_id = $1',
      [tenantId],
    )
    await tx.query(
      `insert into knowledge_stats (tenant_id, common_lexemes, updated_at)
       select $1, coalesce(
         case when $2 then (select array_agg(word) from ts_stat('select tsv from chunks') where ndoc > $3)
         end, '{}'), now()
       on conflict (tenant_id)
         do update set common_lexemes = excluded.common_lexemes, updated_at = excluded.updated_at`,
      [tenantId, (count?.n ?? 0) > COMMON_IN_CHUNKS, COMMON_IN_CHUNKS],
    )
  })
}
