-- Resolution (scheme 2.3) is the citizen's: the ledger's resolved is true only when the resolution is RESOLVED. The
-- desk keeps how it stands (PENDING, RESOLVED, UNRESOLVED), from what (CALLBACK, SURVEY, ON_SITE, NO_FOLLOW_UP,
-- FOLLOW_UP), when and by whom, and the handler's own view at completion, which is shown but is not the fact. Cases
-- completed before (or imported from a ledger) keep their resolved as recorded (resolution null: read as RECORDED).
alter table petition_case add column handler_resolved boolean;
alter table petition_case add column resolution varchar(20);
alter table petition_case add column resolution_source varchar(20);
alter table petition_case add column resolution_at timestamp with time zone;
alter table petition_case add column resolution_by varchar(64);

create index petition_case_resolution on petition_case (resolution, completed_at);
