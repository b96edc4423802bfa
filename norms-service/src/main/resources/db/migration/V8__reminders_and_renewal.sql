-- A norm-change vote's closing reminder is asked of members-service once (norm-change-vote-closing).
alter table norm_change add column closing_reminded_at timestamptz;
-- Votes already open: their earlier votes were never published, so a reminder would reach those who voted too.
update norm_change set closing_reminded_at = now() where status = 'VOTING';

-- Periodic re-acknowledgement (docs/notifications.md): every N months after the current book
-- version was published, the same norms are republished as the next version, which every active member acknowledges
-- anew. Null: never.
alter table network add column reacknowledge_months integer check (reacknowledge_months between 1 and 60);
create index network_reacknowledging on network (id) where reacknowledge_months is not null;
