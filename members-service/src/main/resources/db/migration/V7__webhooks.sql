-- Partners' webhooks (docs/partners.md): subscriptions, the deliveries the feed queued for them from the topics,
-- and every attempt to deliver them.

create table webhook_subscription (
    id                    uuid        primary key,
    network_id            uuid        not null references network (id),
    partner_id            uuid        not null references partner (id),
    url                   text        not null,
    event_types           varchar[]   not null,
    secret                text        not null,
    previous_secret       text,
    previous_secret_until timestamptz,
    status                text        not null,
    disabled_reason       text,
    disabled_at           timestamptz,
    created_by            uuid        not null,
    created_at            timestamptz not null,
    version               bigint      not null
);
create index webhook_subscription_partner on webhook_subscription (network_id, partner_id, id);

-- seq orders a subscription's deliveries: only the oldest pending one is attempted, so that the partner receives
-- them in the order the feed read them. A replay is a new row at the end of the queue with the same message id.
create table webhook_delivery (
    id              uuid        primary key,
    seq             bigserial   not null,
    subscription_id uuid        not null references webhook_subscription (id),
    message_id      text        not null,
    event_id        uuid        not null,
    event_type      text        not null,
    occurred_at     timestamptz not null,
    body            text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    replay          boolean     not null default false,
    replay_of       uuid        references webhook_delivery (id) on delete set null,
    created_at      timestamptz not null,
    finished_at     timestamptz
);
-- The feed reads a topic at least once: an event is queued once per subscription.
create unique index webhook_delivery_once on webhook_delivery (subscription_id, event_id) where not replay;
create index webhook_delivery_pending on webhook_delivery (subscription_id, seq) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, occurred_at, seq);

create table webhook_attempt (
    delivery_id  uuid        not null references webhook_delivery (id) on delete cascade,
    attempt      integer     not null,
    attempted_at timestamptz not null,
    status_code  integer,
    error        text,
    latency_ms   integer     not null,
    primary key (delivery_id, attempt)
);
