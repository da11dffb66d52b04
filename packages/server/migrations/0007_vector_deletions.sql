-- Documents deleted from Postgres whose vectors an external store (Pinecone) may still hold.
-- Recorded in the transaction that deletes the document, removed once the store confirms the
-- deletion: a store that is down at delete time is retried later, and nothing is forgotten.
create table vector_deletions (
  document_id uuid primary key,
  -- No foreign key: the document is gone, and a deleted tenant's vectors must still go.
  tenant_id uuid not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now()
);
create index vector_deletions_due on vector_deletions (next_attempt_at);
alter table vector_deletions enable row level security;
alter table vector_deletions force row level security;
grant select, insert, update, delete on vector_deletions to avataradam_app;
create policy system_access on vector_deletions to current_user using (true) with check (true);
create policy tenant_isolation on vector_deletions to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());
