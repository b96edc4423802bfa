-- metrics-service: projections of the other services' events, activities, engagement per member, network health.

-- Networks: members-service's facts and metrics-service's own engagement settings.
create table network (
    id                   uuid        primary key,
    name                 text        not null,
    active_within_days   integer     not null,
    dormant_after_days   integer     not null,
    new_member_days      integer     not null,
    half_life_days       double precision not null,
    core_participation   double precision not null,
    weights              text        not null,       -- JSON object: activity type -> weight
    current_purpose_id   uuid,
    current_book_version integer,
    version              bigint      not null,
    created_at           timestamptz not null
);

-- Members, with their engagement kept incrementally: participation P at participation_at (brought forward on read).
create table member (
    id               uuid        primary key,
    network_id       uuid        not null references network (id),
    display_name     text        not null,
    organisation     text,
    status           text        not null,
    joined_at        timestamptz not null,
    left_at          timestamptz,
    participation    double precision not null default 0,
    participation_at timestamptz,
    first_activity_at timestamptz,
    last_activity_at timestamptz,
    activity_count   bigint      not null default 0
);
create index member_by_network on member (network_id, id);

create table activity (
    network_id      uuid        not null,
    idempotency_key text        not null,
    member_id       uuid        not null,
    type            text        not null,
    occurred_at     timestamptz not null,
    weight          double precision not null,
    source          text,
    suspended       boolean     not null,      -- recorded while the member was suspended: kept, flagged
    received_at     timestamptz not null,
    primary key (network_id, idempotency_key)
);

-- Weekly sums per member (regularity, recent vs previous participation) and per network (the series).
create table member_week (
    member_id  uuid             not null,
    week       date             not null,      -- Monday of the ISO week
    network_id uuid             not null,
    weight     double precision not null,
    activities integer          not null,
    primary key (member_id, week)
);
create index member_week_by_network on member_week (network_id, week);

create table network_week (
    network_id uuid             not null,
    week       date             not null,
    weight     double precision not null,
    activities integer          not null,
    primary key (network_id, week)
);

-- Purpose stances and norm-book acknowledgements, with their times (figures can be computed as of a past date).
create table stance (
    member_id   uuid        not null,
    purpose_id  uuid        not null,
    network_id  uuid        not null,
    stance      text        not null,
    recorded_at timestamptz not null,
    primary key (member_id, purpose_id)
);

create table acknowledgement (
    member_id       uuid        not null,
    book_version    integer     not null,
    network_id      uuid        not null,
    acknowledged_at timestamptz not null,
    primary key (member_id, book_version)
);

-- Norms side: cases, sanctions, appeals.
create table breach_case (
    id          uuid        primary key,
    network_id  uuid        not null,
    norm_id     uuid        not null,
    norm_code   text        not null,
    subject_id  uuid        not null,
    reported_at timestamptz not null,
    decided_at  timestamptz,
    outcome     text
);
create index breach_case_by_network on breach_case (network_id, reported_at);

create table sanction (
    id          uuid        primary key,
    network_id  uuid        not null,
    member_id   uuid        not null,
    rung        text        not null,
    applied_at  timestamptz not null,
    expunged    boolean     not null default false
);
create index sanction_by_member on sanction (member_id);

create table appeal (
    id          uuid        primary key,
    network_id  uuid        not null,
    norm_id     uuid        not null,
    outcome     text        not null,
    decided_at  timestamptz not null
);

-- Network health: the latest computation, and one row per ISO week (the latest computation in that week).
create table health (
    network_id  uuid        primary key,
    computed_at timestamptz not null,
    score       integer     not null,
    circle      text        not null,
    body        text        not null      -- the whole HealthView as JSON, served as is
);

create table health_week (
    network_id  uuid        not null,
    week        date        not null,
    computed_at timestamptz not null,
    score       integer     not null,
    circle      text        not null,
    figures     text        not null,     -- JSON: the headline figures of that week
    primary key (network_id, week)
);

-- Norm review suggestions already published, so that one is sent once per norm and reason per 30 days.
create table review_suggestion_sent (
    network_id uuid        not null,
    norm_id    uuid        not null,
    reason     text        not null,
    sent_at    timestamptz not null,
    primary key (network_id, norm_id, reason)
);
