#!/usr/bin/env bash
# The desk's benchmark (docs/benchmarks.md), on a throwaway PostgreSQL 15 cluster on 127.0.0.1:
#   1. baseline: pgbench, prepared single-row INSERTs of a case row (bench/insert.sql);
#   2. intake: wrk POSTing /api/cases/online with unique Idempotency-Keys at increasing concurrency (bench/intake.lua);
#   3. list page: >= 1,000,000 cases loaded (bench/load-cases.sql), GET /cases as a signed-in agent, sequentially.
# Needs: PostgreSQL 15 binaries, psql, pgbench, wrk (apt-get install wrk), curl, python3. Cleans up after itself.
# Results: $WORK/results.txt (and the logs beside it). Knobs (environment): see the defaults below.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
APP_PORT=${APP_PORT:-18090}
WORK=${WORK:-/tmp/deskbench}
DATA=${DATA:-/tmp/wl-1m}                 # generated ledger with 1,000,000 cases (made when missing)
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}   # pgbench and each wrk step
CONCURRENCY=${CONCURRENCY:-"4 8 16 32"}
ROUNDS=${ROUNDS:-3}
WARMUP_SECONDS=${WARMUP_SECONDS:-45}     # intake: JIT warm-up per answer before the rounds, discarded                      # intake: rounds of (baseline, every API step), median of their ratios
PGBENCH_CLIENTS=${PGBENCH_CLIENTS:-"8 16"}
PAGE_REQUESTS=${PAGE_REQUESTS:-200}
PHASES=${PHASES:-"insert list"}         # which phases to run
INTAKE_MODES=${INTAKE_MODES:-"full minimal"}   # the intake's answer: the whole case, or Prefer: return=minimal
KEEP_DB=${KEEP_DB:-0}                    # 1: leave the data directory in $WORK/pgdata (cluster is still stopped)
# SERVER_JAVA_OPTS: JVM options of the server; default the README's production setting for a small host (ParallelGC);
# add e.g. -XX:StartFlightRecording=filename=/tmp/intake.jfr to profile, or set it to "" for the JVM's default (G1)
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS--XX:+UseParallelGC}

PGDATA=$WORK/pgdata
RESULTS=$WORK/results.txt
SERVER_PID=
PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then PG_USER=postgres; fi   # postgres refuses to run as root

as_pg() { if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else runuser -u "$PG_USER" -- "$@"; fi; }
psql_su() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
log() { echo "[$(date +%T)] $*" | tee -a "$RESULTS"; }

cleanup() {
    set +e
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
    fi
    if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
    if [ "$KEEP_DB" != 1 ]; then rm -rf "$PGDATA"; fi
}
trap cleanup EXIT

mkdir -p "$WORK"
: > "$RESULTS"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)," \
    "$(java -version 2>&1 | head -1), $("$PGBIN/postgres" --version)"

# ------------------------------------------------------------------------------------------------ build, cluster
log "building the jar"
./mvnw -o -q -DskipTests package

rm -rf "$PGDATA"
mkdir -p "$PGDATA"
chown "$PG_USER" "$PGDATA" "$WORK" 2>/dev/null || true
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories='' -c shared_buffers=1GB \
        -c max_connections=100 -c max_wal_size=4GB" start >/dev/null
psql_su -d postgres -c "create role warmline login password 'warmline'" \
    -c "create database warmline owner warmline" -c "create extension if not exists pgcrypto"
log "PostgreSQL on 127.0.0.1:$PGPORT (shared_buffers=1GB, fsync and synchronous_commit on, defaults otherwise)"

# ------------------------------------------------------------------------------------------------ server
java -Xmx1g ${SERVER_JAVA_OPTS:-} -jar target/warmline.jar \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/warmline" \
    --spring.datasource.username=warmline --spring.datasource.password=warmline \
    --warmline.escalation.enabled=false --server.port="$APP_PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=http://127.0.0.1:$APP_PORT
for _ in $(seq 1 180); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/login" || true)" = 200 ]; then break; fi
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died, see $WORK/server.log" >&2; exit 1; fi
    sleep 1
done
log "server up on :$APP_PORT (pid $SERVER_PID, -Xmx1g ${SERVER_JAVA_OPTS:-}, Hikari default pool of 10)"

# An AGENT account with a known password (bcrypt by pgcrypto, under the {bcrypt} prefix of Spring's delegating
# encoder) and an API token stored as its SHA-256 hex, as AccountStore does.
AGENT=bench-agent
PASSWORD=bench-pass-$RANDOM$RANDOM
TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
TOKEN_HASH=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
BCRYPT=$(psql_su -d postgres -Atc "select crypt('$PASSWORD', gen_salt('bf', 10))")
psql_su -d warmline -c "insert into account (username, password_hash, role, api_token_hash, created_at)
    values ('$AGENT', '{bcrypt}$BCRYPT', 'AGENT', '$TOKEN_HASH', now())"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "$BASE/api/cases?size=1")
[ "$code" = 200 ] || { echo "API token refused ($code)" >&2; exit 1; }

percentiles() {  # stdin: one number per line (seconds) -> "n= p50= p95= p99= max=" in ms
    python3 -c '
import sys, math
v = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
p = lambda q: v[max(0, math.ceil(q * len(v)) - 1)]
print("n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms" % (len(v), p(.5), p(.95), p(.99), v[-1]))'
}

# ------------------------------------------------------------------------------------------------ 1 + 2: intake
# Each measured step starts from the same state: no cases, the previous step's writes checkpointed and vacuumed, so that
# no step pays for background work (autovacuum, checkpoint) left by the one before it.
settle() {
    psql_su -d warmline -c "truncate petition_case cascade" -c "vacuum analyze" -c "checkpoint" >/dev/null
}

if [[ " $PHASES " == *" insert "* ]]; then
    export WL_TOKEN=$TOKEN
    for mode in $INTAKE_MODES; do   # JIT warm-up of each answer, discarded: a server runs for days, the figures
        # are of its steady state (on two cores the JIT still compiles for about a minute of load)
        WL_PREFER=$mode wrk -t2 -c8 -d"${WARMUP_SECONDS}s" -s bench/intake.lua "$BASE" >/dev/null
    done
    # Rounds: each holds the baseline and every API step, so that every ratio compares figures taken minutes apart
    # (this machine's figures drift by tens of percent between minutes); the result is the median of the rounds.
    ratios=""
    for round in $(seq 1 "$ROUNDS"); do
        best_pg=0
        for c in $PGBENCH_CLIENTS; do
            settle
            out=$(pgbench -n -M prepared -c "$c" -j 2 -T "$SECONDS_PER_RUN" -f bench/insert.sql \
                -h 127.0.0.1 -p "$PGPORT" -U warmline warmline 2>&1)
            tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' <<<"$out")
            lat=$(sed -n 's/^latency average = \(.*\)$/\1/p' <<<"$out")
            log "round $round: pgbench insert -M prepared -c $c -j 2 -T $SECONDS_PER_RUN: tps=$tps latency_avg=$lat"
            best_pg=$(python3 -c "print(max($best_pg, $tps))")
        done
        for mode in $INTAKE_MODES; do
            export WL_PREFER=$mode
            best_api=0; best_line="none"
            for c in $CONCURRENCY; do
                t=$(( c < 2 ? 1 : 2 ))
                settle
                line=$(wrk -t"$t" -c"$c" -d"${SECONDS_PER_RUN}s" -s bench/intake.lua "$BASE" | grep '^RESULT')
                log "round $round: wrk POST /api/cases/online ($mode answer) -c $c: ${line#RESULT }"
                read -r rps p99 < <(sed -n 's/.*rps=\([0-9.]*\).*p99=\([0-9.]*\)ms.*/\1 \2/p' <<<"$line")
                errs=$(sed -n 's/.*socket_errors=\([0-9]*\) non2xx3xx=\([0-9]*\).*/\1+\2/p' <<<"$line")
                if python3 -c "import sys; sys.exit(0 if $p99 <= 50 and $errs == 0 and $rps > $best_api else 1)"; then
                    best_api=$rps; best_line="-c $c: ${line#RESULT }"
                fi
            done
            ratio=$(python3 -c "print('%.1f' % (100 * $best_api / $best_pg))")
            ratios="$ratios $mode:$ratio"
            log "round $round: best API ($mode answer) with p99 <= 50 ms: $best_line; baseline $best_pg tps;" \
                "ratio $ratio %"
        done
    done
    for mode in $INTAKE_MODES; do
        log "ratio API ($mode answer) / pgbench, median of $ROUNDS rounds: $(python3 -c "
import statistics
v = [float(x.split(':')[1]) for x in '$ratios'.split() if x.split(':')[0] == '$mode']
print('%.1f %% (rounds: %s)' % (statistics.median(v), ', '.join('%.1f' % x for x in v)))") (target >= 25 %)"
    done
fi

# ------------------------------------------------------------------------------------------------ 3: list page
if [[ " $PHASES " == *" list "* ]]; then
    if [ ! -f "$DATA/cases.csv" ]; then
        log "generating 1,000,000 cases into $DATA"
        java -jar target/warmline.jar generate --cases 1000000 --seed 1 --year 2026 --out "$DATA"
    fi
    chmod o+rx "$DATA" 2>/dev/null || true
    start=$(date +%s)
    psql_su -d warmline -v dir="$DATA" -f bench/load-cases.sql >"$WORK/load.log"
    log "loaded $DATA in $(( $(date +%s) - start )) s; petition_case rows:" \
        "$(psql_su -d warmline -Atc 'select count(*) from petition_case')"

    JAR=$WORK/cookies.txt
    rm -f "$JAR"
    csrf=$(curl -s -c "$JAR" -b "$JAR" "$BASE/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
    curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "username=$AGENT" \
        --data-urlencode "password=$PASSWORD" --data-urlencode "_csrf=$csrf" "$BASE/login"
    phone=$(psql_su -d warmline -Atc "select citizen_phone from petition_case where case_no like 'C%' \
        order by id offset 500000 limit 1")
    unit=${LIST_UNIT:-B01}
    for path in "/cases" "/cases?unit=$unit" "/cases?phone=$phone" "/cases?state=DISPATCHED" "/cases?page=50"; do
        code=$(curl -s -o "$WORK/page.html" -w '%{http_code}' -b "$JAR" "$BASE$path")
        [ "$code" = 200 ] || { echo "GET $path gave $code (not signed in?)" >&2; exit 1; }
        for _ in $(seq 1 20); do curl -s -o /dev/null -b "$JAR" "$BASE$path"; done   # warm-up
        stats=$(for _ in $(seq 1 "$PAGE_REQUESTS"); do
            curl -s -o /dev/null -b "$JAR" -w '%{time_total}\n' "$BASE$path"; done | percentiles)
        log "GET $path (sequential): $stats"
    done
fi
log "done"
