import type { QuestionStat } from '@avataradam/sdk/protocol'
import { normalizeQuestion } from '../chat/answer-cache.ts'
import type { Queryable } from '../db/types.ts'

/** How many questions each list shows. */
export const QUESTION_STATS_LIMIT = 10
// Groups SQL hands over for the final merge: generous, since SQL's grouping is only a first pass.
const CANDIDATE_GROUPS = 500

/**
 * The questions visitors asked most since `from` (a `YYYY-MM-DD` day), grouped as the answer
 * cache groups them (case, accents, punctuation and spacing aside). `unansweredOnly` keeps those
 * whose answer cited nothing from the knowledge base, or that got no answer at all (one being
 * answered right now is not counted).
 */
export async function readQuestionStats(
  tx: Queryable,
  tenantId: string,
  from: string,
  options: { unansweredOnly: boolean },
): Promise<QuestionStat[]> {
  // SQL folds case and punctuation (and the index on tenant and time keeps it to the window);
  // normalizeQuestion, in the merge below, also folds accents, exactly as the cache does.
  const rows = await tx.query<{ count: number; last_at: Date; sample: string }>(
    `select count(*)::int as count, max(q.created_at) as last_at,
            (array_agg(q.text order by q.created_at desc))[1] as sample
       from messages q
      where q.tenant_id = $1 and q.role = 'visitor' and q.created_at >= $2::date
        and (not $3::boolean or (
          (q.answering_until is null or q.answering_until < now())
          and not exists (
            select from messages a
             where a.reply_to = q.id and jsonb_array_length(a.citations) > 0)))
      group by lower(btrim(regexp_replace(q.text, '[^[:alnum:]]+', ' ', 'g')))
      order by 1 desc, 2 desc
      limit $4`,
    [tenantId, from, options.unansweredOnly, CANDIDATE_GROUPS],
  )
  const merged = new Map<string, QuestionStat & { at: number }>()
  for (const row of rows) {
    const key = normalizeQuestion(row.sample)
    if (!key) continue
    const at = row.last_at.getTime()
    const seen = merged.get(key)
    if (!seen) {
      merged.set(key, {
        question: row.sample.trim(),
        count: row.count,
        lastAskedAt: row.last_at.toISOString(),
        at,
      })
      continue
    }
    seen.count += row.count
    if (at > seen.at) {
      seen.at = at
      seen.question = row.sample.trim()
      seen.lastAskedAt = row.last_at.toISOString()
    }
  }
  return [...merged.values()]
    .sort((a, b) => b.count - a.count || b.at - a.at)
    .slice(0, QUESTION_STATS_LIMIT)
    .map(({ question, count, lastAskedAt }) => ({ question, count, lastAskedAt }))
}
