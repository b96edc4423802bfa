-- A member's own data export (docs/privacy.md): requested here; norms-service and metrics-service send their parts
-- on their exports topics, and the document is complete when both have arrived. Deleted a week after the request,
-- and at the member's erasure.
create table data_export (
    id            uuid        primary key,
    network_id    uuid        not null references network (id),
    member_id     uuid        not null references member (id),
    requested_at  timestamptz not null,
    norms_part    text,                   -- norms-service's part: its event payload, as JSON
    metrics_part  text,                   -- metrics-service's part
    completed_at  timestamptz
);
create index data_export_by_member on data_export (member_id, requested_at);
create index data_export_by_age on data_export (requested_at);
