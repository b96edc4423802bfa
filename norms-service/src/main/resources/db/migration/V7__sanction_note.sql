-- A private note from the organisers to the sanctioned member (a CORRECTION says what to do differently): shown only
-- to the member and the organisers, not in the sanction events (only in the member's own data export); erased and
-- retired with the sanction's other text.
alter table sanction add column note_to_member text;
