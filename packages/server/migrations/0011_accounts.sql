-- Portal accounts: the people who run a dealership's assistant, their sessions and the links sent
-- to them (invitations, password resets). Every secret (refresh tokens, recovery codes, emailed
-- tokens) is stored only as a SHA-256 hash; passwords as argon2id. Finding an account by email or
-- a row by token hash is cross-tenant by nature and done by the system role, like key lookup.

-- One row per person: an email belongs to one dealership (compared case-insensitively).
create table members (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  email text not null,
  name text not null check (length(name) between 1 and 200),
  role text not null check (role in ('owner', 'admin', 'agent')),
  password_hash text not null,
  -- Sealed with AVATARADAM_SECRET_KEYS when configured ("v1:…"), else "plain:<base32>".
  totp_secret text,
  -- A secret handed out by setup and not confirmed yet.
  totp_pending_secret text,
  totp_enabled boolean not null default false,
  -- The last 30-second step a code was accepted for: a code is good once.
  totp_last_step bigint,
  created_at timestamptz not null default now(),
  last_sign_in_at timestamptz
);
create unique index members_email on members (lower(email));
create index members_tenant on members (tenant_id, created_at);

-- A signed-in session (a refresh token family): revoked by logout, reuse, password reset, removal.
-- Access tokens carry its id (`sid`) and stop working once it is revoked.
create table auth_sessions (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index auth_sessions_member on auth_sessions (member_id);

create table refresh_tokens (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  family_id uuid not null references auth_sessions (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  -- Set when rotated: presenting it again is reuse, which revokes the family.
  used_at timestamptz,
  replaced_by uuid,
  revoked_at timestamptz
);
create index refresh_tokens_family on refresh_tokens (family_id);

create table recovery_codes (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  code_hash bytea not null,
  used_at timestamptz
);
create index recovery_codes_member on recovery_codes (member_id);

create table invitations (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  email text not null,
  role text not null check (role in ('owner', 'admin', 'agent')),
  token_hash bytea not null unique,
  invited_by uuid references members (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz
);
create index invitations_tenant on invitations (tenant_id, created_at);

create table password_resets (
  id uuid primary key,
  tenant_id uuid not null references tenants (id) on delete cascade,
  member_id uuid not null references members (id) on delete cascade,
  token_hash bytea not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_resets_member on password_resets (member_id);

do $$
declare
  t text;
begin
  foreach t in array array['members', 'auth_sessions', 'refresh_tokens', 'recovery_codes',
                           'invitations', 'password_resets']
  loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format('grant select, insert, update, delete on %I to avataradam_app', t);
    execute format('create policy system_access on %I to current_user using (true) with check (true)', t);
    execute format(
      'create policy tenant_isolation on %I to avataradam_app using (tenant_id = avataradam_tenant()) with check (tenant_id = avataradam_tenant())',
      t);
  end loop;
end
$$;
