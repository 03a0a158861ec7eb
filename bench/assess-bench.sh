#!/usr/bin/env bash
# The live assessment's benchmark (docs/benchmarks.md): one month assessed for every subject from 1,000,000 cases in
# PostgreSQL, against a bare SQL aggregate over the same rows, side by side in one run
# (org.warmline.assessing.DatabaseBenchmark).
# On a throwaway PostgreSQL 15 cluster on 127.0.0.1:$PGPORT; the cases are loaded by bench/load-cases.sql (COPY).
# Needs: PostgreSQL 15 binaries and psql. Cleans up after itself. Results: $WORK/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55433}
WORK=${WORK:-/tmp/assessbench}
DATA=${DATA:-/tmp/wl-1m}                 # generated ledger with 1,000,000 cases (made when missing)
MONTH=${MONTH:-2026-01}
ROUNDS=${ROUNDS:-5}
KEEP_DB=${KEEP_DB:-0}
BUILD=${BUILD:-1}                        # 0: use the existing target/warmline.jar

PGDATA=$WORK/pgdata
RESULTS=$WORK/results.txt
PG_USER=$(id -un)
if [ "$(id -u)" = 0 ]; then PG_USER=postgres; fi   # postgres refuses to run as root
URL="jdbc:postgresql://127.0.0.1:$PGPORT/warmline"

as_pg() { if [ "$(id -un)" = "$PG_USER" ]; then "$@"; else runuser -u "$PG_USER" -- "$@"; fi; }
psql_su() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres "$@"; }
log() { echo "[$(date +%T)] $*" | tee -a "$RESULTS"; }
bench() {
    java -Xmx2g -cp target/warmline.jar -Dloader.main=org.warmline.assessing.DatabaseBenchmark \
        org.springframework.boot.loader.launch.PropertiesLauncher "$1" "$URL" warmline warmline "${@:2}"
}

cleanup() {
    set +e
    if [ -f "$PGDATA/postmaster.pid" ]; then as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null; fi
    if [ "$KEEP_DB" != 1 ]; then rm -rf "$PGDATA"; fi
}
trap cleanup EXIT

mkdir -p "$WORK"
: > "$RESULTS"
log "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(uname -r)," \
    "$(java -version 2>&1 | head -1), $("$PGBIN/postgres" --version), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$BUILD" = 1 ]; then
    log "building the jar"
    ./mvnw -o -q -DskipTests package
fi
if [ ! -f "$DATA/cases.csv" ]; then
    log "generating 1,000,000 cases into $DATA"
    java -jar target/warmline.jar generate --cases 1000000 --seed 1 --year 2026 --out "$DATA"
fi

rm -rf "$PGDATA"
mkdir -p "$PGDATA"
chown "$PG_USER" "$PGDATA" "$WORK" 2>/dev/null || true
chmod o+rx "$DATA" 2>/dev/null || true
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -l "$WORK/postgres.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories='' -c shared_buffers=1GB \
        -c max_connections=20 -c max_wal_size=4GB" start >/dev/null
psql_su -d postgres -c "create role warmline login password 'warmline'" -c "create database warmline owner warmline"
log "PostgreSQL on 127.0.0.1:$PGPORT (shared_buffers=1GB, defaults otherwise)"

bench migrate
start=$(date +%s)
psql_su -d warmline -v dir="$DATA" -f bench/load-cases.sql >"$WORK/load.log"
bench records "$DATA" | tee -a "$RESULTS"
psql_su -d warmline -c "vacuum analyze"
log "loaded $DATA in $(( $(date +%s) - start )) s"

bench run --month "$MONTH" --rounds "$ROUNDS" | tee -a "$RESULTS"
