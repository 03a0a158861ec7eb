-- Loads a generated ledger (cases.csv, units.csv of `warmline generate`) into petition_case quickly: COPY into staging
-- tables, then one INSERT ... SELECT. Run with psql -v dir=/path/to/generated. The state is CaseState.of's rule in SQL;
-- phone_key is the digits of the phone; nearest_deadline is an APPROXIMATION of the running clocks (open cases only,
-- by state) so that the list's sort column has the same shape (most rows closed, hence NULL) as in production.
\set ON_ERROR_STOP on
create temporary table stage_unit (code text, name text, kind text, parent text);
\set units_file :dir '/units.csv'
copy stage_unit from :'units_file' with (format csv, header true);
insert into org_unit (code, name, kind, parent) select code, name, kind, nullif(parent, '') from stage_unit
  on conflict (code) do nothing;

create unlogged table stage_case (case_no text, channel text, category text, complex text, topic text,
  citizen_name text, citizen_phone text, address text, demand text, occurred_at text, submitted_at text,
  recorded_at text, accepted_at text, accepted_by text, dispatched_at text, unit text, handler text,
  contacted_at text, site_survey text, surveyed_at text, solution text, solution_at text, completed_at text,
  resolved text, evaluation text, evaluation_channel text, evaluated_at text, evaluation_comment text,
  unsatisfied_at text, reviewed_at text, review_finding text, rehandled_at text, explained_at text);
\set cases_file :dir '/cases.csv'
\timing on
copy stage_case from :'cases_file' with (format csv, header true);

create function pg_temp.t(s text) returns timestamptz language sql immutable as
  $$ select (nullif(s, '')::timestamp) at time zone 'Asia/Shanghai' $$;

insert into petition_case (case_no, state, channel, category, complex, topic, citizen_name, citizen_phone, address,
  demand, occurred_at, submitted_at, recorded_at, accepted_at, accepted_by, dispatched_at, unit, handler,
  contacted_at, site_survey, surveyed_at, solution, solution_at, completed_at, resolved, evaluation,
  evaluation_channel, evaluated_at, evaluation_comment, unsatisfied_at, reviewed_at, review_finding, rehandled_at,
  explained_at, phone_key, nearest_deadline, version)
select s.case_no, st.state, nullif(channel, ''), nullif(category, ''), coalesce(nullif(complex, '')::boolean, false),
  nullif(topic, ''), nullif(citizen_name, ''), nullif(citizen_phone, ''), nullif(address, ''), nullif(demand, ''),
  pg_temp.t(occurred_at), pg_temp.t(s.submitted_at), pg_temp.t(recorded_at), pg_temp.t(accepted_at),
  nullif(accepted_by, ''), pg_temp.t(dispatched_at), nullif(unit, ''), nullif(handler, ''), pg_temp.t(contacted_at),
  coalesce(nullif(site_survey, '')::boolean, false), pg_temp.t(surveyed_at), nullif(solution, ''),
  pg_temp.t(solution_at), pg_temp.t(completed_at), coalesce(nullif(resolved, '')::boolean, false),
  nullif(evaluation, ''), nullif(evaluation_channel, ''), pg_temp.t(evaluated_at), nullif(evaluation_comment, ''),
  pg_temp.t(unsatisfied_at), pg_temp.t(reviewed_at), nullif(review_finding, ''), pg_temp.t(rehandled_at),
  pg_temp.t(explained_at),
  nullif(regexp_replace(coalesce(citizen_phone, ''), '[^0-9]', '', 'g'), ''),
  case st.state
    when 'SUBMITTED' then pg_temp.t(s.submitted_at) + interval '30 minutes'
    when 'ACCEPTED' then pg_temp.t(s.submitted_at) + interval '2 hours'
    when 'DISPATCHED' then pg_temp.t(s.submitted_at) + interval '4 hours'
    when 'IN_PROGRESS' then pg_temp.t(s.submitted_at) + interval '3 days'
    when 'SOLUTION_GIVEN' then pg_temp.t(s.submitted_at) + interval '3 days'
    when 'COMPLETED' then pg_temp.t(completed_at) + interval '3 days'
    when 'REVIEW' then pg_temp.t(unsatisfied_at) + interval '3 days'
  end,
  0
from stage_case s
cross join lateral (select case
    when evaluation = 'UNSATISFIED' and coalesce(reviewed_at, '') = '' then 'REVIEW'
    when evaluation = 'UNSATISFIED' then 'CLOSED'
    when coalesce(evaluation, '') <> '' then 'EVALUATED'
    when coalesce(completed_at, '') <> '' then 'COMPLETED'
    when coalesce(solution_at, '') <> '' then 'SOLUTION_GIVEN'
    when coalesce(contacted_at, '') <> '' then 'IN_PROGRESS'
    when coalesce(dispatched_at, '') <> '' then 'DISPATCHED'
    when coalesce(accepted_at, '') <> '' then 'ACCEPTED'
    else 'SUBMITTED' end as state) st;
drop table stage_case;
vacuum analyze petition_case;
select state, count(*) from petition_case group by state order by 1;
