-- The desk's working columns: when the first running clock turns amber (so the dashboard counts colours exactly in
-- the database, like nearest_deadline), the earlier case a case repeats (chosen at intake) or follows up (a
-- consultation asked again within the follow-up window), and the routing proposal of an online, 12345 or API intake
-- (unit, steward and the rule that made it).
alter table petition_case add column amber_at timestamp with time zone;
alter table petition_case add column repeat_of bigint references petition_case (id);
alter table petition_case add column follow_up_of bigint references petition_case (id);
alter table petition_case add column routed_unit varchar(64);
alter table petition_case add column routed_handler varchar(64);
alter table petition_case add column routing_rule bigint;

create index petition_case_amber on petition_case (state, amber_at);
create index petition_case_follow_up on petition_case (follow_up_of);
create index petition_case_repeat on petition_case (repeat_of);
