-- Partners whose client members-service created at the identity provider (docs/partners.md, "Onboarding"): their
-- secret can be rotated through the API, and their client is disabled once the partner is revoked.
alter table partner add column client_provisioned boolean not null default false;
alter table partner add column client_disabled_at timestamptz;
-- What the sweep still has to disable.
create index partner_client_to_disable on partner (revoked_at) where client_provisioned and revoked_at is not null and client_disabled_at is null;
