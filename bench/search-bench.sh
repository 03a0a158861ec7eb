#!/usr/bin/env bash
# The case search's benchmark, on a throwaway PostgreSQL 15 cluster on 127.0.0.1 created with a UTF-8 LC_CTYPE
# (C.UTF-8, so that pg_trgm indexes Chinese):
#   1. the schema by the server's own Flyway migrations (V13_2 makes the trigram index petition_case_text);
#   2. 1,000,000 generated cases (bench/load-cases.sql), one case in ten with a note (one in a thousand with a rare one);
#      the indexes (trigrams; pairs of characters for two-character searches) are dropped for the load and built again
#      afterwards, timed (what the migration costs on a full table;
#      the generated column search_text that it indexes is computed as the rows are written);
#   3. text searches through the API as an agent (GET /api/cases?q=…&size=20, the list's first page with its capped
#      count), sequentially, each term warmed up and then timed: p50, p95, p99, max.
# Needs: PostgreSQL 15 binaries and psql, curl, python3, the jar. Cleans up after itself.
# Results: $WORK/results.txt (and the logs beside it).
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55462}
APP_PORT=${APP_PORT:-18120}
WORK=${WORK:-/tmp/searchbench}
DATA=${DATA:-/tmp/wl-1m}               # generated ledger with 1,000,000 cases (made when missing)
REQUESTS=${REQUESTS:-100}              # timed requests per search
WARMUP=${WARMUP:-10}
KEEP_DB=${KEEP_DB:-0}

PGDATA=$WORK/pgdata
RESULTS=$WORK/results.txt
SERVER_PID=
PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then PG_USER=postgres; fi   # postgres refuses to run as root

as_pg() { if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else runuser -u "$PG_USER" -- "$@"; fi; }
psql_su() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
log() { echo "[$(date +%T)] $*" | tee -a "$RESULTS"; }

stop_server() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; fi
    SERVER_PID=
}
cleanup() {
    set +e
    stop_server
    if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
    if [ "$KEEP_DB" != 1 ]; then rm -rf "$PGDATA"; fi
}
trap cleanup EXIT

start_server() {
    java -Xmx1g -XX:+UseParallelGC -jar target/warmline.jar \
        --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/warmline" \
        --spring.datasource.username=warmline --spring.datasource.password=warmline \
        --warmline.escalation.enabled=false --server.port="$APP_PORT" >>"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 180); do
        if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$APP_PORT/login" || true)" = 200 ]; then return; fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then echo "server died, see $WORK/server.log" >&2; exit 1; fi
        sleep 1
    done
    echo "server did not start" >&2; exit 1
}

percentiles() {  # stdin: one number per line (seconds) -> "n= p50= p95= p99= max=" in ms
    python3 -c '
import sys, math
v = sorted(float(x) * 1000 for x in sys.stdin if x.strip())
p = lambda q: v[max(0, math.ceil(q * len(v)) - 1)]
print("n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms" % (len(v), p(.5), p(.95), p(.99), v[-1]))'
}

mkdir -p "$WORK"
: > "$RESULTS"
: > "$WORK/server.log"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)," \
    "$(java -version 2>&1 | head -1), $("$PGBIN/postgres" --version)"
[ -f target/warmline.jar ] || ./mvnw -o -q -DskipTests package

rm -rf "$PGDATA"
mkdir -p "$PGDATA"
chown "$PG_USER" "$PGDATA" "$WORK" 2>/dev/null || true
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories='' -c shared_buffers=1GB \
        -c max_wal_size=4GB -c maintenance_work_mem=512MB" start >/dev/null
psql_su -d postgres -c "create role warmline login password 'warmline'" \
    -c "create database warmline owner warmline" -c "create extension if not exists pgcrypto"
log "PostgreSQL on 127.0.0.1:$PGPORT (C.UTF-8, shared_buffers=1GB, maintenance_work_mem=512MB)"

# ------------------------------------------------------------------------------------------------ schema and data
start_server   # Flyway: every migration, V13_2's trigram index included
stop_server
log "schema migrated; index: $(psql_su -d warmline -Atc "select indexdef from pg_indexes where indexname = 'petition_case_text'")"
INDEXDEF=$(psql_su -d warmline -Atc "select indexdef from pg_indexes where indexname = 'petition_case_text'")
PAIRSDEF=$(psql_su -d warmline -Atc "select indexdef from pg_indexes where indexname = 'petition_case_pairs'")

if [ ! -f "$DATA/cases.csv" ]; then
    log "generating 1,000,000 cases into $DATA"
    java -jar target/warmline.jar generate --cases 1000000 --seed 1 --year 2026 --out "$DATA"
fi
chmod o+rx "$DATA" 2>/dev/null || true
psql_su -d warmline -c "drop index petition_case_text" -c "drop index petition_case_pairs"
start=$(date +%s)
psql_su -d warmline -v dir="$DATA" -f bench/load-cases.sql >"$WORK/load.log"
log "loaded $(psql_su -d warmline -Atc 'select count(*) from petition_case') cases in $(( $(date +%s) - start )) s"
psql_su -d warmline <<'SQL' >"$WORK/notes.log"
insert into case_note (case_id, at, author, body)
select id, submitted_at + interval '1 hour', 'bench',
       (array['用户白天上班,晚上7点后再联系', '已约周末上门核对表具', '物业已关闭单元阀门,等待维修', '用户要求书面答复',
              '楼上住户不配合入户检查'])[(id / 10) % 5 + 1]
from petition_case where id % 10 = 3;
insert into case_note (case_id, at, author, body)
select id, submitted_at + interval '2 hours', 'bench', '需与社区网格员赵主任协调入户' from petition_case where id % 1000 = 7;
update petition_case p set notes_text = n.texts
from (select case_id, string_agg(body, E'\n' order by id) texts from case_note group by case_id) n
where n.case_id = p.id;
SQL
log "notes: $(psql_su -d warmline -Atc 'select count(*) from case_note') on $(psql_su -d warmline -Atc 'select count(*) from petition_case where notes_text is not null') cases"
start=$(date +%s)
psql_su -d warmline -c "$INDEXDEF"
log "trigram index built in $(( $(date +%s) - start )) s: $(psql_su -d warmline -Atc "select pg_size_pretty(pg_relation_size('petition_case_text'))")" \
    "(table $(psql_su -d warmline -Atc "select pg_size_pretty(pg_relation_size('petition_case'))"))"
start=$(date +%s)
psql_su -d warmline -c "$PAIRSDEF"
log "pairs index built in $(( $(date +%s) - start )) s: $(psql_su -d warmline -Atc "select pg_size_pretty(pg_relation_size('petition_case_pairs'))")"
psql_su -d warmline -c "vacuum analyze" -c "checkpoint"

# ------------------------------------------------------------------------------------------------ searches
start_server
TOKEN=$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
TOKEN_HASH=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
psql_su -d warmline -c "insert into account (username, password_hash, role, api_token_hash, created_at)
    values ('bench-agent', '{noop}unused', 'AGENT', '$TOKEN_HASH', now())"
CASE_PART=$(psql_su -d warmline -Atc "select substr(case_no, 4, 8) from petition_case order by id offset 500000 limit 1")
BASE="http://127.0.0.1:$APP_PORT/api/cases"
search() {  # label, query string (URL-encoded by curl)
    local label=$1; shift
    local args=(-s -G -H "Authorization: Bearer $TOKEN" --data-urlencode "size=20" "$@")
    local body total
    body=$(curl "${args[@]}" "$BASE")
    total=$(printf %s "$body" | python3 -c 'import sys, json; d = json.load(sys.stdin); print(str(d["total"]) + ("+" if d["totalCapped"] else ""))')
    for _ in $(seq 1 "$WARMUP"); do curl "${args[@]}" -o /dev/null "$BASE"; done
    stats=$(for _ in $(seq 1 "$REQUESTS"); do curl "${args[@]}" -o /dev/null -w '%{time_total}\n' "$BASE"; done | percentiles)
    log "$label (matches: $total): $stats"
}
search "q=室温只有 (4 characters, demand, common)" --data-urlencode "q=室温只有"
search "q=暖气片上热下凉 (7 characters, demand)" --data-urlencode "q=暖气片上热下凉"
search "q=漏水 (2 characters, demand, common)" --data-urlencode "q=漏水"
search "q=网格员 (3 characters, notes only, rare)" --data-urlencode "q=网格员"
search "q=周末上门 (4 characters, notes)" --data-urlencode "q=周末上门"
search "q=更换漏水接口 (solution)" --data-urlencode "q=更换漏水接口"
search "q=锦绣家园 (address)" --data-urlencode "q=锦绣家园"
search "q=王秀英 (name, 3 characters)" --data-urlencode "q=王秀英"
search "q=萧敏 (name, 2 characters, rare)" --data-urlencode "q=萧敏"
search "q=$CASE_PART (part of a case number)" --data-urlencode "q=$CASE_PART"
search "q=量子纠缠 (4 characters, no match)" --data-urlencode "q=量子纠缠"
search "q=量子 (2 characters, no match)" --data-urlencode "q=量子"
search "q=阀门 & state=DISPATCHED" --data-urlencode "q=阀门" --data-urlencode "state=DISPATCHED"
search "q=网格员 & unit=B01 (with its subtree)" --data-urlencode "q=网格员" --data-urlencode "unit=B01"
for term in 室温只有 漏水 网格员 量子; do   # the plans of the page and of its count, for the record
    cond="search_text like '%$term%'"
    if [ "${#term}" = 2 ]; then cond="search_pairs(search_text) @> array[hashtext('$term')] and $cond"; fi
    for sql in "select id from petition_case where $cond order by nearest_deadline asc nulls last, submitted_at asc, id asc limit 20" \
               "select count(*) from (select 1 from petition_case where $cond limit 10001) m"; do
        echo "-- $sql" >>"$WORK/plans.txt"
        psql_su -d warmline -Atc "explain (analyze, buffers) $sql" >>"$WORK/plans.txt"
    done
done
log "plans of the page and count queries: $WORK/plans.txt"
log "done"
