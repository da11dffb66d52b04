-- Every email the server sends, whatever the provider: in embedded mode this is the outbox the
-- portal shows (nothing leaves the machine); with Mailgun, a delivery log with its message ids.
create table mail_outbox (
  id uuid primary key,
  -- Null for mail that belongs to no dealership (a test message from the CLI, say).
  tenant_id uuid references tenants (id) on delete cascade,
  recipient text not null,
  subject text not null,
  text_body text not null,
  html_body text,
  provider text not null,
  status text not null check (status in ('stored', 'sent', 'failed')),
  provider_message_id text,
  error text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index mail_outbox_tenant on mail_outbox (tenant_id, created_at);
alter table mail_outbox enable row level security;
alter table mail_outbox force row level security;
grant select, insert, update, delete on mail_outbox to avataradam_app;
create policy system_access on mail_outbox to current_user using (true) with check (true);
create policy tenant_isolation on mail_outbox to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());
