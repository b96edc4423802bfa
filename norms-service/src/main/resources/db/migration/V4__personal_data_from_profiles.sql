-- Personal data comes only from members-service's compacted profiles topic and lives only in member_identity,
-- which an erasure (a tombstone or member-erased) deletes; member keeps the membership facts (docs/privacy.md).
alter table member_identity add column display_name text;
update member_identity i set display_name = m.display_name from member m where m.id = i.member_id;
-- Expand, then contract: the column is no longer written and is dropped in a later release.
alter table member alter column display_name drop not null;
update member set display_name = null;
