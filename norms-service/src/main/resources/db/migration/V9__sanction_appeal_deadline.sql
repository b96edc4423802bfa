-- The deadline to appeal a sanction is fixed when it is applied, from the network's appeal window then: an organiser
-- who changes the window later changes it for the sanctions that follow, not for those already applied. Sanctions
-- applied before this column existed take the window the network has now.
alter table sanction add column appeal_until timestamptz;
update sanction s set appeal_until = s.applied_at + make_interval(days => n.appeal_window_days)
  from network n where n.id = s.network_id;
alter table sanction alter column appeal_until set not null;
