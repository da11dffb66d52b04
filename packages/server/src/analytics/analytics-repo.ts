import type { Analytics, AnalyticsDay } from '@avataradam/sdk/protocol'
import type { Queryable } from '../db/types.ts'
import { readQuestionStats } from './questions-repo.ts'

const DAY_MS = 24 * 60 * 60 * 1000
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10)

/** A dealership's activity over the last `days` days (UTC), today included. */
export async function readAnalytics(
  tx: Queryable,
  tenantId: string,
  days: number,
  now = Date.now(),
): Promise<Analytics> {
  const to = isoDay(now)
  const from = isoDay(now - (days - 1) * DAY_MS)
  const [messages, conversations, cache, topQuestions, unansweredQuestions] = await Promise.all([
    tx.query<{ date: string; visitor: number; assistant: number; cached: number }>(
      `select (created_at at time zone 'UTC')::date::text as date,
              count(*) filter (where role = 'visitor')::int as visitor,
              count(*) filter (where role = 'assistant')::int as assistant,
              count(*) filter (where role = 'assistant' and from_cache)::int as cached
         from messages
        where tenant_id = $1 and created_at >= $2::date
        group by 1`,
      [tenantId, from],
    ),
    tx.query<{ date: string; count: number }>(
      `select (created_at at time zone 'UTC')::date::text as date, count(*)::int as count
         from conversations
        where tenant_id = $1 and created_at >= $2::date
        group by 1`,
      [tenantId, from],
    ),
    // Opening answers: replies to the first visitor message of their conversation.
    tx.query<{ opening: number; cached: number }>(
      `select count(*)::int as opening, count(*) filter (where a.from_cache)::int as cached
         from messages a
         join messages q on q.id = a.reply_to
        where a.tenant_id = $1 and a.role = 'assistant' and a.created_at >= $2::date
          and not exists (
            select 1 from messages p
             where p.conversation_id = q.conversation_id and p.seq < q.seq
          )`,
      [tenantId, from],
    ),
    readQuestionStats(tx, tenantId, from, { unansweredOnly: false }),
    readQuestionStats(tx, tenantId, from, { unansweredOnly: true }),
  ])
  const byDay = new Map(messages.map((m) => [m.date, m]))
  const started = new Map(conversations.map((c) => [c.date, c.count]))
  const list: AnalyticsDay[] = []
  for (let at = now - (days - 1) * DAY_MS; isoDay(at) <= to; at += DAY_MS) {
    const date = isoDay(at)
    const m = byDay.get(date)
    list.push({
      date,
      conversations: started.get(date) ?? 0,
      visitorMessages: m?.visitor ?? 0,
      answers: m?.assistant ?? 0,
      cachedAnswers: m?.cached ?? 0,
    })
  }
  const { opening = 0, cached = 0 } = cache[0] ?? {}
  return {
    from,
    to,
    days: list,
    answerCache: {
      openingAnswers: opening,
      cachedAnswers: cached,
      hitRate: opening > 0 ? cached / opening : null,
    },
    topQuestions,
    unansweredQuestions,
  }
}
