-- Security-relevant actions per dealership (sign-ins, keys, members, documents, settings), for
-- its owners to read. Append-only for the application role: no update or delete is granted.
create table audit_log (
  id uuid primary key,
  -- Insertion order, for paging newest first (ids are random).
  seq bigint generated always as identity,
  tenant_id uuid not null references tenants (id) on delete cascade,
  at timestamptz not null default now(),
  action text not null,
  actor_type text not null check (actor_type in ('member', 'key', 'system')),
  actor_id uuid,
  -- The member's email or the key's prefix at the time, kept even if they are removed later.
  actor_label text,
  target text,
  ip text,
  details jsonb not null default '{}'
);
create index audit_log_tenant on audit_log (tenant_id, seq desc);
alter table audit_log enable row level security;
alter table audit_log force row level security;
grant select, insert on audit_log to avataradam_app;
create policy system_access on audit_log to current_user using (true) with check (true);
create policy tenant_isolation on audit_log to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());
