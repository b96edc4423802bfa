-- Activities that name members by a partner's own identifier or e-mail (docs/partners.md#members-by-your-own-identifiers):
-- the links and e-mail match keys come with members-service's profiles; activities that match nobody yet wait here.

alter table member_identity add column email_match_key text;
create index member_identity_email on member_identity (network_id, email_match_key) where email_match_key is not null;

create table partner_link (
    partner_id  uuid not null,
    external_id text not null,
    member_id   uuid not null,
    network_id  uuid not null,
    primary key (partner_id, external_id)
);
create index partner_link_member on partner_link (member_id);

-- Exactly one of external_id and email_match_key; the idempotency key is the sender's, as in table activity.
create table unmatched_activity (
    network_id      uuid             not null,
    idempotency_key text             not null,
    partner_id      uuid             not null,
    external_id     text,
    email_match_key text,
    type            text             not null,
    occurred_at     timestamptz      not null,
    weight          double precision,
    source          text             not null,
    received_at     timestamptz      not null,
    primary key (network_id, idempotency_key)
);
create index unmatched_activity_external on unmatched_activity (partner_id, external_id) where external_id is not null;
create index unmatched_activity_email on unmatched_activity (network_id, email_match_key) where email_match_key is not null;
create index unmatched_activity_received on unmatched_activity (received_at);
