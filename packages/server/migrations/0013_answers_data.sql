-- Answering from data: inventory vehicles and dealership facts (hours, phones, staff, holidays)
-- are read out of documents at ingestion into tables of their own, so "used SUVs under $30k" is
-- a query over every vehicle and "sales hours on Saturday" a lookup, not a search of passages.

alter table documents drop constraint documents_kind_check;
alter table documents add constraint documents_kind_check
  check (kind in ('text', 'markdown', 'html', 'pdf', 'docx', 'csv', 'xlsx'));
-- For an inventory feed: { vehicles, columns: [{ name, field }] }, shown in the portal.
alter table documents add column inventory jsonb;

create table vehicles (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  document_id uuid not null references documents (id) on delete cascade,
  ordinal integer not null,
  stock_number text,
  -- Stock number and VIN as looked up (see stockKey, vinKey): compared with = under row-level
  -- security, where lower() and LIKE cannot use an index.
  stock_key text,
  vin text,
  vin_key text,
  year integer,
  make text,
  model text,
  trim text,
  body_style text check (body_style in
    ('suv', 'truck', 'sedan', 'coupe', 'convertible', 'hatchback', 'wagon', 'minivan', 'van')),
  condition text check (condition in ('new', 'used', 'certified')),
  mileage integer,
  price numeric(12, 2),
  msrp numeric(12, 2),
  exterior_color text,
  -- The colour family ('blue') of exterior_color ('Blueprint Metallic'), when it names one.
  color_family text,
  interior_color text,
  drivetrain text check (drivetrain in ('awd', '4wd', 'fwd', 'rwd')),
  fuel text check (fuel in ('gas', 'hybrid', 'plug-in hybrid', 'electric', 'diesel')),
  transmission text,
  engine text,
  mpg_city integer,
  mpg_highway integer,
  -- As the feed lists them, and as the concepts they name ('third row', 'leather').
  features text[] not null default '{}',
  feature_keys text[] not null default '{}',
  status text not null default 'available'
    check (status in ('available', 'pending', 'sold', 'in transit')),
  -- The status as the feed writes it ("On Hold"), quoted in answers.
  status_text text,
  url text,
  photo_url text,
  -- Every column of the row as written, for what no field holds.
  fields jsonb not null,
  -- The words of the row's values (not its column names), lowercased, for a visitor's other
  -- words, and the features, lowercased, for a feature no concept names: written at ingestion,
  -- so a query reads them as they are instead of casting each row's fields or features to text.
  search_text text not null default '',
  features_text text not null default ''
);
-- Kept uncompressed in the row (fields is compressed or moved out first): every free-text
-- query reads them for every vehicle of the tenant.
alter table vehicles alter column search_text set storage main;
alter table vehicles alter column features_text set storage main;
create index vehicles_tenant on vehicles (tenant_id, price);
create index vehicles_document on vehicles (document_id);
create index vehicles_stock on vehicles (tenant_id, stock_key);
create index vehicles_vin on vehicles (tenant_id, vin_key);
alter table vehicles enable row level security;
alter table vehicles force row level security;
grant select, insert, update, delete on vehicles to avataradam_app;
create policy system_access on vehicles to current_user using (true) with check (true);
create policy tenant_isolation on vehicles to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- The facts each document states (DealershipFacts, without the time zone), and the words it
-- uses, which visitors' misspellings are corrected against ("warrenty" → "warranty").
create table document_facts (
  document_id uuid primary key references documents (id) on delete cascade,
  tenant_id uuid not null references tenants (id) on delete cascade,
  facts jsonb not null,
  words text[] not null default '{}'
);
create index document_facts_tenant on document_facts (tenant_id);
alter table document_facts enable row level security;
alter table document_facts force row level security;
grant select, insert, update, delete on document_facts to avataradam_app;
create policy system_access on document_facts to current_user using (true) with check (true);
create policy tenant_isolation on document_facts to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- What staff set: the dealership's time zone, and facts they corrected in the portal.
create table dealership_profiles (
  tenant_id uuid primary key references tenants (id) on delete cascade,
  timezone text check (length(timezone) <= 64),
  corrections jsonb,
  updated_at timestamptz not null default now()
);
alter table dealership_profiles enable row level security;
alter table dealership_profiles force row level security;
grant select, insert, update, delete on dealership_profiles to avataradam_app;
create policy system_access on dealership_profiles to current_user using (true) with check (true);
create policy tenant_isolation on dealership_profiles to avataradam_app
  using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant());

-- What an answer offered (a hand-off button), its language, and what it was about (the
-- vehicles it listed), so a follow-up ("the blue one", "yes") is read against it.
alter table messages add column context jsonb;
