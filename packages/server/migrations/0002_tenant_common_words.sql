-- Common words per dealership instead of from the planner's statistics of all chunks: what one
-- dealership uploads must never change how another's questions are matched. The full-text
-- search reads the scoped tenant's list itself, so callers no longer pass one.

drop function avataradam_text_search(text, text[], integer);
drop function avataradam_common_lexemes(integer);

-- Words too common in a dealership's knowledge base to help full-text search find a passage
-- (in more than 200 of its chunks), worked out by the server after documents change. Per tenant:
-- what one dealership uploads never changes how another's questions are matched.
create table knowledge_stats (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  common_lexemes text[] not null default '{}',
  updated_at timestamptz not null default now()
);
alter table knowledge_stats enable row level security;
alter table knowledge_stats force row level security;
grant select, insert, update, delete on knowledge_stats to avataradam_app;
create policy system_access on knowledge_stats to current_user using (true) with check (true);
create policy tenant_isolation on knowledge_stats to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- Full-text candidates for hybrid retrieval, computed by the owner of the tables.
--
-- Row-level security only lets the planner use an index for leakproof operators, and tsvector's
-- @@ is not one: under the application role every full-text search read each of the tenant's
-- chunks. This function runs as the tables' owner, so the GIN index is used, and it takes the
-- tenant from the transaction's own scope (app.tenant_id), never from an argument, so it can
-- only ever return the scoped tenant's chunks. pg_catalog comes first in its search path, so
-- nothing created in the application's schema can stand in for a built-in.
--
-- The tenant's common words (knowledge_stats) are left out: they barely tell chunks apart, and
-- ranking every chunk that has them is what makes full-text search slow at scale. Loose matches
-- are the vector search's job; this half finds the chunks that share a question's rarer words:
-- names, models, stock numbers.
do $$
begin
  execute format($fn$
    create function avataradam_text_search(question text, max_rows integer)
    returns table (id uuid, rank real)
    language sql stable security definer rows 20
    set search_path = pg_catalog, %I, pg_temp
    as $body$
      with common as (
        select common_lexemes from %I.knowledge_stats where tenant_id = %I.avataradam_tenant()
      ),
      query as (
        select string_agg(quote_literal(lexeme), ' | ')::tsquery as q
        from unnest(tsvector_to_array(to_tsvector('english', question))) as lexeme
        where not exists (select from common where lexeme = any (common.common_lexemes))
      )
      select c.id, ts_rank_cd(c.tsv, query.q)
      from %I.chunks c, query
      where query.q is not null and c.tenant_id = %I.avataradam_tenant() and c.tsv @@ query.q
      order by 2 desc
      limit max_rows
    $body$
  $fn$, current_schema(), current_schema(), current_schema(), current_schema(), current_schema());
end
$$;
revoke all on function avataradam_text_search(text, integer) from public;
grant execute on function avataradam_text_search(text, integer) to avataradam_app;
