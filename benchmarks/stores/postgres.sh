#!/usr/bin/env bash
# Issue + redeem pairs per second through the Entity Framework Core one-time token store on a throw-away PostgreSQL
# on loopback (benchmarks/Nexudus.MediaAuth.StoreThroughput: TryAddAsync then TryTakeAsync per pair, CONCURRENCY
# workers), beside pgbench running the same two statements (INSERT … ON CONFLICT, DELETE … RETURNING) at the same
# concurrency: the database's own limit on this machine. Prints one line each.
# CONCURRENCY (default 16), DURATION in seconds (default 15), PAYLOAD in bytes (default 700, a protected ticket's size),
# NPGSQL (more Npgsql connection string settings, such as "No Reset On Close=true").
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cd "$repo"
. tests/lib/loopback-host.sh

concurrency=${CONCURRENCY:-16}
duration=${DURATION:-15}
payload=${PAYLOAD:-700}
command -v pgbench >/dev/null || fail "pgbench is missing (apt-get install postgresql-contrib, or postgresql)"

work=$(mktemp -d)
trap 'stop_postgres; rm -rf "$work"' EXIT
start_postgres "$work" || exit 0
connection="Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=mediaauth;Maximum Pool Size=$concurrency;${NPGSQL:-}"

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; concurrency $concurrency, $duration s, payload $payload bytes"
dotnet build benchmarks/Nexudus.MediaAuth.StoreThroughput -c Release --nologo -v q >/dev/null
echo "EF Core store:  $(dotnet benchmarks/Nexudus.MediaAuth.StoreThroughput/bin/Release/net10.0/Nexudus.MediaAuth.StoreThroughput.dll \
  "$connection" "$concurrency" "$duration" "$payload")"

# The statements the store sends on PostgreSQL, with a 64-character key per pair; the table the run above created.
cat >"$work/pair.sql" <<SQL
\set n random(1, 9223372036854775806)
INSERT INTO "MediaAuthOneTimeTokens" ("Key", "Payload", "ExpiresAtUnixTimeMilliseconds") VALUES (lpad(:client_id || '-' || :n, 64, '0'), repeat('p', $payload), 9999999999999) ON CONFLICT ("Key") DO UPDATE SET "Payload" = excluded."Payload", "ExpiresAtUnixTimeMilliseconds" = excluded."ExpiresAtUnixTimeMilliseconds" WHERE "MediaAuthOneTimeTokens"."ExpiresAtUnixTimeMilliseconds" <= 0;
DELETE FROM "MediaAuthOneTimeTokens" WHERE "Key" = lpad(:client_id || '-' || :n, 64, '0') RETURNING "Payload", "ExpiresAtUnixTimeMilliseconds";
SQL
pgbench -n -M extended -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -c "$concurrency" -j "$(nproc)" -T "$duration" \
  -f "$work/pair.sql" mediaauth >"$work/pgbench.log" 2>&1 || { cat "$work/pgbench.log" >&2; fail "pgbench failed"; }
echo "pgbench:        $(grep -E '^(tps|latency average)' "$work/pgbench.log" | tr '\n' ' ')"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
