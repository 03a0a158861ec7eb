-- Online submissions: the idempotency key is kept scoped to the account that sent it (account:<id>:<key>, so two
-- integrations never share a key) and with a fingerprint (SHA-256) of what was sent, so that the same key with other
-- content is refused instead of answered with the first case.
alter table petition_case alter column idempotency_key set data type varchar(300);
alter table petition_case add column idempotency_fingerprint varchar(64);
