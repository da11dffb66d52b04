-- Full-text candidates for hybrid retrieval, computed by the owner of the tables.
--
-- Row-level security only lets the planner use an index for leakproof operators, and tsvector's
-- @@ is not one: under the application role every full-text search read each of the tenant's
-- chunks. This function runs as the tables' owner, so the GIN index is used, and it takes the
-- tenant from the transaction's own scope (app.tenant_id), never from an argument, so it can
-- only ever return the scoped tenant's chunks.
--
-- Words common across the knowledge base (`common`, which the server reads from the planner's
-- statistics now and then; see avataradam_common_lexemes) are left out: they barely tell chunks
-- apart, and ranking every chunk that has them is what makes full-text search slow at scale.
-- Loose matches are the vector search's job; this half finds the chunks that share a question's
-- rarer words: names, models, stock numbers.
do $$
begin
  execute format($fn$
    create function avataradam_text_search(question text, common text[], max_rows integer)
    returns table (id uuid, rank real)
    language sql stable security definer rows 20
    set search_path = %I, pg_catalog
    as $body$
      with query as (
        select string_agg(quote_literal(lexeme), ' | ')::tsquery as q
        from unnest(tsvector_to_array(to_tsvector('english', question))) as lexeme
        where lexeme <> all (common)
      )
      select c.id, ts_rank_cd(c.tsv, query.q)
      from chunks c, query
      where query.q is not null and c.tenant_id = avataradam_tenant() and c.tsv @@ query.q
      order by 2 desc
      limit max_rows
    $body$
  $fn$, current_schema());

  -- Lexemes in more than `min_chunks` chunks, by the statistics of the last ANALYZE. Reading
  -- pg_stats costs milliseconds, so the server calls this once in a while, not per question.
  execute format($fn$
    create function avataradam_common_lexemes(min_chunks integer)
    returns text[]
    language sql stable security definer
    set search_path = %I, pg_catalog
    as $body$
      select coalesce(array_agg(e.elem), '{}')
      from pg_stats s
      join pg_class t on t.relname = s.tablename and t.relnamespace = s.schemaname::regnamespace,
      unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e (elem, freq)
      where s.schemaname = %L and s.tablename = 'chunks' and s.attname = 'tsv'
        and e.elem is not null and e.freq * greatest(t.reltuples, 0) > min_chunks
    $body$
  $fn$, current_schema(), current_schema());
end
$$;
revoke all on function avataradam_text_search(text, text[], integer) from public;
grant execute on function avataradam_text_search(text, text[], integer) to avataradam_app;
revoke all on function avataradam_common_lexemes(integer) from public;

-- The exact scan now reads only the question's non-zero components (see knowledge/search.ts).
drop function avataradam_dot(real[], real[]);
