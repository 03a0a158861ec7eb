-- Sign-in throttling per user name and client address (LoginThrottle): failures counted in the database so the
-- delays hold across instances. The name is kept only as its SHA-256 hash (people sometimes type their password into
-- the name field); a row is forgotten a day after its last failure, or at a successful sign-in from that address.
create table login_throttle (
    name_hash        varchar(64)  not null,
    client           varchar(64)  not null,
    failures         integer      not null,
    last_failure_at  timestamp with time zone not null,
    blocked_until    timestamp with time zone,
    primary key (name_hash, client)
);

create index login_throttle_last_failure on login_throttle (last_failure_at);
