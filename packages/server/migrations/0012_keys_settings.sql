-- Secret keys carry the scopes chosen when they were made; null (keys made before scopes existed)
-- means every scope, so no existing integration loses access.
alter table api_keys add column scopes text[];
-- A rotated key points at the key that replaced it; it keeps working until its expires_at.
alter table api_keys add column replaced_by uuid references api_keys (id) on delete set null;

-- How a dealership's widget looks and greets (PUT /v1/widget-settings); no row: the defaults.
create table widget_settings (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  settings jsonb not null,
  updated_at timestamptz not null default now()
);
alter table widget_settings enable row level security;
alter table widget_settings force row level security;
grant select, insert, update, delete on widget_settings to avataradam_app;
create policy system_access on widget_settings to current_user using (true) with check (true);
create policy tenant_isolation on widget_settings to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- Conversation filters: whether a conversation has a lead.
create index if not exists leads_conversation on leads (conversation_id) where conversation_id is not null;
-- Analytics' questions read a tenant's visitor messages over a window of days.
create index if not exists messages_tenant_time on messages (tenant_id, created_at);
