-- Baseline of the desk's benchmark: one prepared single-row INSERT of a case row as an online intake writes it
-- (same columns the API fills; unique case number and idempotency key per row).
\set p random(13000000000, 13999999999)
INSERT INTO petition_case (case_no, state, channel, category, complex, topic, citizen_name, citizen_phone, address,
    demand, occurred_at, submitted_at, recorded_at, accepted_at, accepted_by, site_survey, resolved, idempotency_key,
    nearest_deadline, phone_key, version)
VALUES ('P' || gen_random_uuid(), 'ACCEPTED', 'WECHAT', 'COMPLAINT', false, 'TEMPERATURE', '压测用户',
    :p, '东城区胜利街263号滨江花园四期小区24号楼2单元203室', '室温只有14度，达不到18度标准，要求尽快处理',
    now() - interval '1 hour', now(), now(), now(), 'citizen', false, false, 'pgbench-' || gen_random_uuid(),
    now() + interval '2 hours', :p, 0);
