-- The audit log (kit/audit, docs/audit-log.md): one row per action of an organiser, a partner or the platform
-- administrator, written in the transaction of the action itself. Append-only: the database refuses to change or
-- delete a row, whoever asks.
create table audit_entry (
    id              uuid        primary key,              -- time-ordered (UUIDv7): the log's order
    network_id      uuid,                                 -- null for a platform action (metrics-service's rebuild)
    at              timestamptz not null,
    actor_role      text        not null check (actor_role in ('ORGANISER', 'PARTNER', 'ADMINISTRATOR')),
    actor_member_id uuid,                                 -- the organiser's member id in the network
    actor_subject   text,                                 -- a partner's client, the administrator's subject (not an organiser's)
    action          text        not null,                 -- what, e.g. member.removed
    target_type     text        not null,                 -- on whom or what, e.g. member
    target_id       text        not null,
    before_state    text,                                 -- JSON: the fields the action changed, as they were
    after_state     text                                  -- JSON: the same fields, as the action left them
);
create index audit_entry_network on audit_entry (network_id, id);
create index audit_entry_target on audit_entry (network_id, target_id, id);

create function audit_entry_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the audit log is append-only: % refused', tg_op;
end $$;
create trigger audit_entry_no_change before update or delete on audit_entry
    for each row execute function audit_entry_append_only();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_entry_append_only();
