-- A dealership's own provider settings (its LLM API key, say), sealed by the server with
-- AES-256-GCM (AVATARADAM_SECRET_KEYS) before they are stored: the database never holds them
-- in the clear, and no API returns them.
create table tenant_providers (
  tenant_id uuid not null references tenants (id) on delete cascade,
  capability text not null check (capability in ('llm')),
  sealed text not null,
  updated_at timestamptz not null default now(),
  primary key (tenant_id, capability)
);
alter table tenant_providers enable row level security;
alter table tenant_providers force row level security;
grant select, insert, update, delete on tenant_providers to avataradam_app;
create policy system_access on tenant_providers to current_user using (true) with check (true);
create policy tenant_isolation on tenant_providers to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());
