-- A row without an envelope is a tombstone: the relay publishes a record with a null value, which removes its key
-- from a compacted topic (an erasure on the profiles topic; docs/privacy.md).
alter table outbox_event alter column envelope drop not null;
