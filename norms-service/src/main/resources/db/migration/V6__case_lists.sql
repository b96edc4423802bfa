-- The organisers' case list without a status filter, and a member's own cases (as subject or as reporter), read
-- their page in id order from an index instead of sorting the network's cases (benchmarks/README.md).
create index breach_case_by_network_id on breach_case (network_id, id);
create index breach_case_by_reporter on breach_case (network_id, reporter_member_id);
