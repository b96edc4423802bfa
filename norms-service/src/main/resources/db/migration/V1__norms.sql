-- norms-service: the norm book, acknowledgements, breach cases, sanctions, appeals, norm changes and votes,
-- and the projection of members-service's networks and members it needs (fed by cohesion.members.v1).

-- Projections ---------------------------------------------------------------------------------------------
create table network (
    id                   uuid        primary key,
    name                 text        not null,
    -- norms settings, per network (defaults from configuration when the network is first seen)
    ladder               varchar[]   not null,          -- sanction rungs, lowest first
    suspension_days      integer[]   not null,          -- successive suspensions: 7, 30, 90
    forgiveness_days     integer     not null,
    appeal_window_days   integer     not null,
    vote_quorum          double precision not null,
    vote_threshold       double precision not null,
    version              bigint      not null,
    created_at           timestamptz not null
);

create table member (
    id            uuid        primary key,
    network_id    uuid        not null references network (id),
    display_name  text        not null,
    status        text        not null,
    organiser     boolean     not null,
    joined_at     timestamptz not null
);
create index member_by_network on member (network_id, status);

-- Norms and the norm book ---------------------------------------------------------------------------------
create table norm (
    id          uuid        primary key,
    network_id  uuid        not null references network (id),
    code        text        not null,
    title       text        not null,
    text        text        not null,
    category    text        not null,
    severity    text        not null,
    status      text        not null,
    version     integer     not null,      -- the norm's own text version; a breach cites it
    row_version bigint      not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (network_id, code)
);

create table norm_version (
    norm_id     uuid        not null references norm (id),
    version     integer     not null,
    title       text        not null,
    text        text        not null,
    category    text        not null,
    severity    text        not null,
    created_at  timestamptz not null,
    primary key (norm_id, version)
);

-- Every change of the active set is a new version of the book: (norm id, norm version) pairs.
create table norm_book (
    network_id   uuid        not null references network (id),
    version      integer     not null,
    entries      text        not null,     -- JSON array of {"normId", "normVersion"}
    change_note  text        not null,
    published_at timestamptz not null,
    primary key (network_id, version)
);

create table acknowledgement (
    network_id      uuid        not null,
    member_id       uuid        not null,
    book_version    integer     not null,
    acknowledged_at timestamptz not null,
    primary key (network_id, member_id, book_version)
);

-- Cases, sanctions, appeals -------------------------------------------------------------------------------
create table breach_case (
    id                 uuid        primary key,
    network_id         uuid        not null references network (id),
    norm_id            uuid        not null references norm (id),
    norm_version       integer     not null,
    subject_member_id  uuid        not null,
    reporter_member_id uuid        not null,
    description        text        not null,
    status             text        not null,
    reviewer_member_id uuid,
    decision_reason    text,
    opened_at          timestamptz not null,
    decided_at         timestamptz,
    row_version        bigint      not null
);
create index breach_case_by_network on breach_case (network_id, status, id);
create index breach_case_by_subject on breach_case (network_id, subject_member_id);

create table case_history (
    id          uuid        primary key,
    case_id     uuid        not null references breach_case (id),
    at          timestamptz not null,
    actor_id    uuid        not null,
    action      text        not null,
    note        text
);
create index case_history_by_case on case_history (case_id, at);

create table sanction (
    id               uuid        primary key,
    network_id       uuid        not null references network (id),
    case_id          uuid        not null unique references breach_case (id),
    member_id        uuid        not null,
    rung             text        not null,
    recommended_rung text        not null,
    override_reason  text,
    reasoning        text        not null,
    applied_by       uuid        not null,
    applied_at       timestamptz not null,
    ends_at          timestamptz,
    lifted_at        timestamptz,
    expunged         boolean     not null default false
);
create index sanction_by_member on sanction (network_id, member_id, applied_at);

create table appeal (
    id              uuid        primary key,
    network_id      uuid        not null references network (id),
    sanction_id     uuid        not null unique references sanction (id),   -- one appeal per sanction
    member_id       uuid        not null,
    text            text        not null,
    status          text        not null,
    filed_at        timestamptz not null,
    decided_by      uuid,
    decided_at      timestamptz,
    decision_reason text,
    row_version     bigint      not null
);

-- Norm changes voted by the members ------------------------------------------------------------------------
create table norm_change (
    id             uuid        primary key,
    network_id     uuid        not null references network (id),
    kind           text        not null,
    norm_id        uuid        references norm (id),
    code           text        not null,
    title          text,
    text           text,
    category       text,
    severity       text,
    rationale      text        not null,
    status         text        not null,
    proposed_by    uuid        not null,
    suggestion_id  uuid,
    opened_at      timestamptz not null,
    closes_at      timestamptz not null,
    decided_at     timestamptz,
    eligible       integer,
    votes_for      integer,
    votes_against  integer,
    abstentions    integer,
    row_version    bigint      not null
);
create index norm_change_closing on norm_change (closes_at) where status = 'VOTING';

create table vote (
    change_id  uuid        not null references norm_change (id),
    member_id  uuid        not null,
    choice     text        not null,
    voted_at   timestamptz not null,
    primary key (change_id, member_id)
);

-- Suggestions from metrics-service to review a norm; an organiser turns one into a proposal.
create table review_suggestion (
    id           uuid        primary key,
    network_id   uuid        not null references network (id),
    norm_id      uuid        not null,
    norm_code    text        not null,
    reason       text        not null,
    figures      text        not null,     -- JSON: the figures that triggered it
    suggested_at timestamptz not null,
    status       text        not null,
    proposal_id  uuid
);
