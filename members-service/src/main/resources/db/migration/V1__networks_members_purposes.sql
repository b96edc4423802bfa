-- members-service: networks, members and their lifecycle, purpose versions, stances.

create table network (
    id                    uuid        primary key,
    slug                  text        not null unique,
    name                  text        not null,
    description           text,
    active_within_days    integer     not null,
    dormant_after_days    integer     not null,
    new_member_days       integer     not null,
    quorum                double precision not null check (quorum > 0 and quorum <= 1),
    endorsement_threshold double precision not null check (endorsement_threshold > 0 and endorsement_threshold <= 1),
    version               bigint      not null,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create table member (
    id                  uuid        primary key,
    network_id          uuid        not null references network (id),
    user_id             text,                 -- the person's token subject; null for an invitation not yet accepted
    display_name        text        not null,
    email               text,
    organisation        text,
    constituency        text        not null,
    interests           varchar[]   not null default '{}',
    shared_with_partners varchar[]  not null default '{}',
    organiser           boolean     not null default false,
    status              text        not null,
    status_reason       text,
    status_note         text,
    suspended_until     timestamptz,
    sanction_id         uuid,
    application_note    text,
    joined_at           timestamptz,
    left_at             timestamptz,
    erased_at           timestamptz,
    version             bigint      not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null
);
create unique index member_person_per_network on member (network_id, user_id) where user_id is not null;
create unique index member_email_per_network on member (network_id, lower(email)) where email is not null;
create index member_directory on member (network_id, id);
create index member_interests on member using gin (interests);
create index member_suspension_end on member (suspended_until) where status = 'SUSPENDED';

create table purpose (
    id                  uuid        primary key,
    network_id          uuid        not null references network (id),
    number              integer     not null,
    statement           text        not null,
    status              text        not null,
    opens_at            timestamptz,
    closes_at           timestamptz,
    decided_at          timestamptz,
    tally_active        integer,
    tally_endorse       integer,
    tally_object        integer,
    tally_abstain       integer,
    rejection_reason    text,
    superseded_by       uuid,
    version             bigint      not null,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    unique (network_id, number)
);
-- One current purpose per network, and one consultation at a time, whatever runs concurrently.
create unique index purpose_one_adopted on purpose (network_id) where status = 'ADOPTED';
create unique index purpose_one_consultation on purpose (network_id) where status = 'IN_CONSULTATION';
create index purpose_closing on purpose (closes_at) where status = 'IN_CONSULTATION';

create table stance (
    id          uuid        primary key,
    purpose_id  uuid        not null references purpose (id),
    member_id   uuid        not null references member (id),
    network_id  uuid        not null,
    stance      text        not null,
    reason      text,
    recorded_at timestamptz not null,
    unique (purpose_id, member_id)
);
