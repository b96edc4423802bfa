-- The partner registry, from members-service's partner events: a registered partner reads the norm book
-- (docs/security.md). Same shape as metrics-service's, so that both decide with service-kit's SqlGrants.
create table partner (
    id          uuid        primary key,
    network_id  uuid        not null,
    issuer      text        not null,
    client_id   text        not null,
    scopes      varchar[]   not null default '{}',
    revoked_at  timestamptz
);
create index partner_client on partner (network_id, issuer, client_id) where revoked_at is null;
