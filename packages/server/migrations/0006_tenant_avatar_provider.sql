-- A dealership may choose its avatar (HeyGen's streaming avatar, with its own LiveAvatar key),
-- sealed like its language model settings.
alter table tenant_providers drop constraint tenant_providers_capability_check;
alter table tenant_providers
  add constraint tenant_providers_capability_check check (capability in ('llm', 'avatar'));
