-- Retention by age (docs/privacy.md): the free text of a decided case is redacted this many months after the
-- decision, as the network's settings on cohesion.members.v1 say.
alter table network add column closed_case_text_months integer not null default 24;
create index breach_case_decided on breach_case (decided_at) where status in ('UPHELD', 'DISMISSED');
