-- The directory filtered by organisation (case-insensitive) reads its page in id order from this index instead of
-- walking the whole network's members: at 100,000 members, p99 58 ms before, see benchmarks/README.md.
create index member_directory_organisation on member (network_id, lower(organisation), id);
