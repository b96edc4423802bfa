-- A fan-out's audience may concern a purpose or a norm-change proposal: the column names what it is about.
alter table notice_fanout rename column purpose_id to subject_id;

-- Who has voted on an open norm-change proposal (norms-service's norm-change-vote-cast: who, never how), so that its
-- closing reminder reaches only the others. Ids only; a proposal's rows go when its vote is decided.
create table norm_change_voter (
    proposal_id uuid not null,
    member_id   uuid not null,
    network_id  uuid not null,
    primary key (proposal_id, member_id)
);
