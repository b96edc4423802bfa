-- Identity from the provider, access from these records (docs/security.md): a member is linked to the issuer and
-- subject that applied, accepted the invitation or founded the network; partners are registered clients.

-- Expand: the issuer beside the subject. Rows from before were linked to the development issuer's subjects.
alter table member add column user_issuer text;
update member set user_issuer = 'https://cohesion.local/dev' where user_id is not null;
create unique index member_principal_per_network on member (network_id, user_issuer, user_id) where user_id is not null;
create index member_principal on member (user_issuer, user_id) where user_id is not null;
drop index member_person_per_network;

create table partner (
    id              uuid        primary key,
    network_id      uuid        not null references network (id),
    name            text        not null,
    issuer          text        not null,
    client_id       text        not null,
    scopes          varchar[]   not null default '{}',
    registered_by   uuid        not null,
    registered_at   timestamptz not null,
    revoked_by      uuid,
    revoked_at      timestamptz,
    version         bigint      not null
);
-- One registration in force per client and network.
create unique index partner_client_per_network on partner (network_id, issuer, client_id) where revoked_at is null;
create index partner_client on partner (issuer, client_id) where revoked_at is null;
create index partner_network on partner (network_id, id);
