-- Retention by age (docs/privacy.md): how long a departed member's profile is kept, and how long norms-service
-- keeps the free text of a decided case (members-service only publishes it with the network's settings).
alter table network add column departed_profile_days integer not null default 365;
alter table network add column closed_case_text_months integer not null default 24;
create index member_departed on member (updated_at)
    where erased_at is null and status in ('LEFT', 'REMOVED', 'DECLINED');
