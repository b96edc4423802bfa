-- Idempotency-Key records (docs/api-conventions.md): the first response to a client's key, replayed for 24 h.
create table idempotency_record (
    client          text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    state           text        not null check (state in ('PENDING', 'COMPLETED')),
    status          integer,
    body            text,
    location        text,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    primary key (client, idempotency_key)
);
create index idempotency_record_expiry on idempotency_record (expires_at);
