-- What a caller may do comes from these projections, not from the token (docs/security.md): who signs in as which
-- member (members-service's compacted profiles topic), whether the member organises, and the partner registry.
alter table member add column organiser boolean not null default false;

create table member_identity (
    member_id   uuid        primary key,
    network_id  uuid        not null,
    issuer      text        not null,
    subject     text        not null
);
create unique index member_identity_principal on member_identity (network_id, issuer, subject);

create table partner (
    id          uuid        primary key,
    network_id  uuid        not null,
    issuer      text        not null,
    client_id   text        not null,
    scopes      varchar[]   not null default '{}',
    revoked_at  timestamptz
);
create index partner_client on partner (network_id, issuer, client_id) where revoked_at is null;
