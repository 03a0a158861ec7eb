-- The desk's working columns of a case: the nearest deadline of its running clocks (recomputed on every save; lists sort
-- by it) and the citizen's phone as docs/assessment.md 2.4 compares it (for earlier cases and likely repeats).
alter table petition_case add column nearest_deadline timestamp with time zone;
alter table petition_case add column phone_key varchar(40);

create index petition_case_nearest on petition_case (nearest_deadline, submitted_at);
create index petition_case_phone_key on petition_case (phone_key, submitted_at);
create index petition_case_handler on petition_case (handler);
