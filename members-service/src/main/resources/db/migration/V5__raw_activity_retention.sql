-- Retention by age (docs/privacy.md): how many months metrics-service keeps each activity's row before folding it
-- into its weekly sums (members-service only publishes it with the network's settings).
alter table network add column raw_activity_months integer not null default 24;
