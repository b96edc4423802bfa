-- Event backbone tables, the same in every service (owned by service-kit; see docs/events.md).

-- Transactional outbox: an event is a row written in the same transaction as the state change it reports.
-- The relay publishes rows in seq order and marks them; published rows are deleted after a retention time.
create table outbox_event (
    seq          bigserial   primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    record_key   text        not null,
    event_type   text        not null,
    envelope     text        not null,   -- the CloudEvent, serialised once, published byte for byte
    headers      text        not null default '{}',  -- Kafka headers, a JSON object of strings
    created_at   timestamptz not null default now(),
    published_at timestamptz
);
create index outbox_event_pending on outbox_event (seq) where published_at is null;
create index outbox_event_published on outbox_event (published_at) where published_at is not null;

-- Wakes the relay as soon as a transaction with outbox rows commits (NOTIFY is delivered on commit only).
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('outbox_event', '');
    return null;
end $$;
create trigger outbox_event_notify after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Inbox: the id of every consumed event, recorded in the same transaction as its effect.
create table processed_event (
    event_id     uuid        primary key,
    topic        text        not null,
    event_type   text        not null,
    processed_at timestamptz not null default now()
);
