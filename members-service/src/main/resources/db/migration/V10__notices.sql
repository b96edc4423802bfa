-- Notices to members (docs/notifications.md): one row per member and occurrence, never two (notice_once), e-mailed
-- by a scheduled sender that claims rows with SKIP LOCKED so that one instance sends each.
create table notice (
    id          uuid        primary key,
    network_id  uuid        not null references network (id),
    member_id   uuid        not null references member (id),
    kind        text        not null,
    about       text        not null,
    status      text        not null,   -- PENDING, SENDING, SENT, FAILED, NOT_EMAILED
    digest      boolean     not null,
    attempts    int         not null default 0,
    last_error  text,
    created_at  timestamptz not null,
    claimed_at  timestamptz,
    sent_at     timestamptz
);
create unique index notice_once on notice (member_id, kind, about);
create index notice_to_send on notice (created_at) where status in ('PENDING', 'SENDING');
create index notice_of_member on notice (member_id, id);

-- Notices to many members, issued a page at a time: the cursor is the last member id done.
create table notice_fanout (
    id           uuid        primary key,
    network_id   uuid        not null references network (id),
    kind         text        not null,
    about        text        not null,
    audience     text        not null,   -- ACTIVE, ACTIVE_WITHOUT_STANCE, NOT_ENDORSING
    purpose_id   uuid,
    member_ids   uuid[],
    after_member uuid,
    created_at   timestamptz not null,
    done_at      timestamptz
);
create index notice_fanout_due on notice_fanout (created_at) where done_at is null;

-- Each member's choices; no row: e-mail, immediately, nothing muted.
create table notice_preferences (
    member_id  uuid        primary key references member (id),
    email      boolean     not null,
    digest     boolean     not null,
    muted      varchar[]   not null default '{}',
    version    bigint      not null,
    updated_at timestamptz not null
);

-- A consultation's closing reminder goes out once.
alter table purpose add column closing_reminded_at timestamptz;
