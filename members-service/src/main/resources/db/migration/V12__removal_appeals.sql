-- A member an organiser removed directly (not by sanction) may appeal within 20 days, like a sanction; an organiser
-- other than the one who removed them decides, and an upheld appeal makes them active again (docs/security.md).
alter table member add column removed_by uuid;

create table removal_appeal (
    id              uuid        primary key,
    network_id      uuid        not null references network (id),
    member_id       uuid        not null references member (id),
    removed_at      timestamptz not null,
    removed_by      uuid,
    text            text        not null,
    status          text        not null,   -- PENDING, UPHELD, REJECTED
    filed_at        timestamptz not null,
    decided_by      uuid,
    decided_at      timestamptz,
    decision_reason text,
    version         bigint      not null
);
-- one appeal per removal
create unique index removal_appeal_once on removal_appeal (member_id, removed_at);
