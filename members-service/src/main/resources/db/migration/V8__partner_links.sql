-- Partners' own identifiers for members (docs/partners.md#members-by-your-own-identifiers): a member may let the
-- network's partners match them by their verified e-mail; a partner links its own id for the person to the member.

alter table member add column email_matching boolean not null default false;

create table member_link (
    id          uuid        primary key,
    network_id  uuid        not null references network (id),
    member_id   uuid        not null references member (id),
    partner_id  uuid        not null references partner (id),
    external_id text        not null,
    linked_at   timestamptz not null,
    revoked_at  timestamptz,
    revoked_by  uuid
);
-- In force: one member per external id, one external id per member, for each partner.
create unique index member_link_external on member_link (partner_id, external_id) where revoked_at is null;
create unique index member_link_member on member_link (partner_id, member_id) where revoked_at is null;
create index member_link_of_member on member_link (member_id, id);
