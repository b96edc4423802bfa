-- Retention by age of the raw activities (docs/privacy.md, docs/engagement-model.md#retention): once an activity
-- occurred longer ago than its network's raw_activity_months, its row is deleted; it stays counted in the weekly
-- sums (member_week, network_week) and in the member's figures, and its share of those figures is kept in
-- member_fold, which a rebuild starts from instead of the deleted rows.
alter table network add column raw_activity_months integer not null default 24;
-- Activities that occurred before folded_before (a Monday, 00:00 UTC) no longer have rows; folded_at is when that
-- line was drawn. Both null until the first fold.
alter table network add column folded_before timestamptz;
alter table network add column folded_at timestamptz;

-- What the deleted rows had added to each member's figures, participation referenced at folded_before.
create table member_fold (
    member_id         uuid             primary key,
    network_id        uuid             not null,
    participation     double precision not null,
    participation_at  timestamptz      not null,
    first_activity_at timestamptz      not null,
    last_activity_at  timestamptz      not null,
    activities        bigint           not null
);
