-- Ingestion updates nearly every member row it touches, and its member_week rows, in every batch. Pages filled to
-- 80 % keep room for the new version of a row on its own page, so that the update is HOT (no index entry written,
-- the old version pruned in place) even while another instance's transaction keeps PostgreSQL from pruning
-- (benchmarks/README.md, "2026-12-04, night": with two instances, member updates were 35-89 % HOT without the
-- room, 100 % with it). Applies to pages written from now on; existing pages get it when the table is rewritten
-- (VACUUM FULL, in a maintenance window).
alter table member set (fillfactor = 80);
alter table member_week set (fillfactor = 80);
