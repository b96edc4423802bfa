-- The date a notice asks the member to act by, when it names one: a sanction's appeal deadline (the sanction-applied
-- event's appealUntil). Null for every other notice, and for sanctions whose event did not carry it.
alter table notice add column due_at timestamptz;
