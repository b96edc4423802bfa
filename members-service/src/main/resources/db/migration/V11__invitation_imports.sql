-- Bulk invitations (docs/bulk-invitations.md): an uploaded CSV becomes an import and one row per line; a scheduled
-- worker invites a page of rows per transaction and records each row's result. The same file uploaded twice to a
-- network is the same import (invitation_import_once).
create table invitation_import (
    id             uuid        primary key,
    network_id     uuid        not null references network (id),
    content_sha256 text        not null,
    requested_by   uuid        not null,
    status         text        not null,   -- RUNNING, DONE
    total          int         not null,
    processed      int         not null default 0,
    invited        int         not null default 0,
    already_member int         not null default 0,
    invalid        int         not null default 0,
    created_at     timestamptz not null,
    finished_at    timestamptz
);
create unique index invitation_import_once on invitation_import (network_id, content_sha256);
create index invitation_import_running on invitation_import (created_at) where status = 'RUNNING';

create table invitation_import_row (
    import_id     uuid not null references invitation_import (id) on delete cascade,
    line          int  not null,
    display_name  text,
    email         text,
    organisation  text,
    constituency  text,
    interests     text,
    result        text,   -- null until processed; INVITED, ALREADY_MEMBER, INVALID
    reason        text,
    member_id     uuid,
    primary key (import_id, line)
);
