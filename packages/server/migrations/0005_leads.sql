-- Leads: visitors who asked, in the chat, to be contacted (a test drive, a price, a trade-in),
-- with their consent. Stored once per client lead id, however often the widget sends it.
create table leads (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  -- The conversation it came from; a lead outlives a conversation deleted later.
  conversation_id uuid references conversations (id) on delete set null,
  visitor_id text not null,
  client_lead_id text not null,
  name text not null,
  email text,
  phone text,
  message text,
  -- Why the assistant offered the form ("test drive", "price quote"…), and the vehicle asked about.
  reason text,
  vehicle jsonb,
  page jsonb,
  consent_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (tenant_id, visitor_id, client_lead_id),
  check (email is not null or phone is not null)
);
create index leads_recent on leads (tenant_id, created_at desc, id desc);
alter table leads enable row level security;
alter table leads force row level security;
grant select, insert, update, delete on leads to avataradam_app;
create policy system_access on leads to current_user using (true) with check (true);
create policy tenant_isolation on leads to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- Where a dealership wants new leads emailed (PUT /v1/leads/settings); none: leads are only listed.
alter table tenants add column lead_notification_email text
  check (length(lead_notification_email) <= 254);
