-- Members the organisers asked to reconsider an adopted purpose (members-service's notice-reconsider-purpose), and why
-- members left: together they give the outcome of those requests (docs/engagement-model.md#reconsideration).
-- members-service issues one such notice per member and purpose, so the first one's time is the one kept.
create table reconsideration (
    member_id  uuid        not null,
    purpose_id uuid        not null,
    network_id uuid        not null,
    asked_at   timestamptz not null,
    primary key (member_id, purpose_id)
);
create index reconsideration_by_purpose on reconsideration (network_id, purpose_id);

-- The reason of the status change that made the member LEFT or REMOVED (e.g. DOES_NOT_SHARE_PURPOSE); null while they
-- are a member. Members who left before this release have none until a rebuild replays their departure.
alter table member add column exit_reason text;
