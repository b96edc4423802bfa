-- Who signs in as which member (from members-service's compacted profiles topic): the grants of a caller come
-- from here and from the member projection, not from the token (docs/security.md).
create table member_identity (
    member_id   uuid        primary key,
    network_id  uuid        not null,
    issuer      text        not null,
    subject     text        not null
);
create unique index member_identity_principal on member_identity (network_id, issuer, subject);
