-- Tenants, API keys, knowledge (documents and their chunks), conversations and messages.
-- Every tenant-owned table carries tenant_id and is guarded by row-level security: the application
-- role sees only the rows of the tenant set for the transaction (app.tenant_id); the role that owns
-- the tables (the one that ran this migration) keeps full access for cross-tenant system work.

do $$
begin
  if not exists (select from pg_roles where rolname = 'avataradam_app') then
    create role avataradam_app nologin;
  end if;
end
$$;
grant avataradam_app to current_user;
do $$
begin
  execute format('grant usage on schema %I to avataradam_app', current_schema());
end
$$;

-- Instance-wide settings (such as the demo dealership's ids); system role only, no tenant access.
create table system_settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);

create function avataradam_tenant() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;

create table tenants (
  id uuid primary key,
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now()
);

create table api_keys (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  type text not null check (type in ('publishable', 'secret')),
  mode text not null check (mode in ('live', 'test')),
  -- The visible start of the key (pk_live_AbCd); the key itself is stored only as a SHA-256 hash.
  prefix text not null,
  key_hash bytea not null unique,
  name text,
  allowed_origins text[] not null default '{}',
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_keys_tenant on api_keys (tenant_id, created_at);

create table documents (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  title text,
  filename text,
  kind text not null check (kind in ('text', 'markdown', 'html', 'pdf', 'docx', 'csv')),
  content_type text,
  sha256 bytea not null,
  size_bytes integer not null,
  status text not null default 'queued' check (status in ('queued', 'processing', 'ready', 'failed')),
  progress real not null default 0,
  chunk_count integer not null default 0,
  error jsonb,
  -- Ingestion bookkeeping: how often a worker picked it up, and until when its claim holds.
  attempts integer not null default 0,
  lease_expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, sha256)
);
create index documents_tenant on documents (tenant_id, created_at);
create index documents_pending on documents (created_at) where status in ('queued', 'processing');

-- The uploaded bytes, kept so a document can be processed after a restart (and re-indexed later).
create table document_sources (
  document_id uuid primary key references documents (id) on delete cascade,
  tenant_id uuid not null references tenants (id) on delete cascade,
  content bytea not null
);
-- Uploads are often compressed already (PDF, DOCX), and trying to compress 25 MB costs more than
-- it saves: store them as they are, which halves the time to accept a large file.
alter table document_sources alter column content set storage external;

create table chunks (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  document_id uuid not null references documents (id) on delete cascade,
  ordinal integer not null,
  heading text,
  content text not null,
  tsv tsvector generated always as (
    setweight(to_tsvector('english', coalesce(heading, '')), 'A') ||
    setweight(to_tsvector('english', content), 'B')
  ) stored
);
create index chunks_document on chunks (document_id, ordinal);
create index chunks_tenant on chunks (tenant_id);
create index chunks_tsv on chunks using gin (tsv);

-- Embeddings: pgvector with an HNSW index where the extension exists (PGlite always has it);
-- otherwise a real[] compared by an exact scan (see knowledge/search.ts), which the server warns
-- about at start.
do $$
begin
  if exists (select from pg_available_extensions where name = 'vector') then
    create extension if not exists vector;
    alter table chunks add column embedding vector(256) not null;
    -- A sparser graph than pgvector's default (m 16, ef_construction 64): inserts cost about a
    -- third as much, which matters in PGlite (WebAssembly), and hybrid ranking with full-text
    -- search makes up for the small loss of recall.
    create index chunks_embedding on chunks using hnsw (embedding vector_cosine_ops)
      with (m = 8, ef_construction = 32);
  else
    alter table chunks add column embedding real[] not null;
  end if;
end
$$;

create table conversations (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  visitor_id text not null,
  page jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index conversations_visitor on conversations (tenant_id, visitor_id);
create index conversations_recent on conversations (tenant_id, updated_at desc);

create table messages (
  id uuid primary key,
  -- Insertion order, which ids (random) do not give.
  seq bigint generated always as identity,
  tenant_id uuid not null references tenants (id) on delete cascade,
  conversation_id uuid not null references conversations (id) on delete cascade,
  role text not null check (role in ('visitor', 'assistant')),
  visitor_id text,
  client_message_id text,
  reply_to uuid references messages (id) on delete cascade,
  text text not null,
  -- On visitor messages: the id its answer will have, and until when the instance answering it
  -- holds that claim (renewed while the answer streams). Any instance can tell a visitor who
  -- reconnects that an answer is on its way; a crashed instance's claim runs out so another can
  -- answer. Deliberately in no index, so that claiming and releasing are HOT updates.
  answer_id uuid,
  answering_until timestamptz,
  citations jsonb not null default '[]',
  created_at timestamptz not null default now(),
  -- A visitor message is stored once however often the client sends it…
  unique (tenant_id, visitor_id, client_message_id)
);
create index messages_conversation on messages (conversation_id, seq);
-- …and answered once, however many instances race to answer it.
create unique index messages_one_reply on messages (reply_to) where reply_to is not null;

do $$
declare
  t text;
begin
  foreach t in array array['tenants', 'api_keys', 'documents', 'document_sources', 'chunks',
                           'conversations', 'messages']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('grant select, insert, update, delete on %I to avataradam_app', t);
    execute format('create policy system_access on %I to current_user using (true) with check (true)', t);
    execute format(
      'create policy tenant_isolation on %I to avataradam_app using (%s = avataradam_tenant()) with check (%s = avataradam_tenant())',
      t, case t when 'tenants' then 'id' else 'tenant_id' end, case t when 'tenants' then 'id' else 'tenant_id' end);
  end loop;
end
$$;

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
