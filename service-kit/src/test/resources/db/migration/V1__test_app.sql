create table note (id uuid primary key, text text not null);
-- one row per application of an event: a duplicate application would show as two rows
create table applied_event (seq bigserial primary key, event_id uuid not null, member_id uuid not null);
